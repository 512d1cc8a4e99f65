import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openSqlite, type Storage } from '../../src/db/connection.ts';
import { archiveVersion } from '../../src/db/engine.ts';
import type { Fate } from '../../src/persons/person.ts';
import { rebuildIndexes } from '../../src/search/index/index-drain.ts';
import { maxPersonId } from '../../src/search/index/search-doc.repository.ts';
import { searchIndexFor } from '../../src/search/index/search-index-for.ts';
import { reindexPersons } from '../../src/search/index/search-indexer.ts';
import { FilterBitsets, filterBitsetsFor } from '../../src/search/index/sqlite/filter-bitsets.sqlite.ts';
import { SqliteSearchIndex } from '../../src/search/index/sqlite/search-index.sqlite.ts';
import { type SearchParams, SearchService } from '../../src/search/names/person-search.service.ts';
import { insertPerson } from '../support/factories.ts';
import { openTestStorage } from '../support/storage.ts';

/** One person of a test population. */
interface Born {
  given: string;
  surname: string;
  fate: Fate;
  year: number;
}

/** Inserts `count` persons as `person` makes them and indexes them; the ids of those `wanted`. */
async function population(
  storage: Storage,
  count: number,
  person: (i: number) => Born,
  wanted: (p: Born) => boolean,
): Promise<number[]> {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) {
    const p = person(i);
    const id = await insertPerson(storage, {
      names: [{ given: p.given, surname: p.surname }],
      fate: p.fate,
      events: [{ type: 'birth', date: String(p.year) }],
    });
    if (wanted(p)) ids.push(id);
  }
  await reindexPersons(storage);
  return ids;
}

const shotIn1900 = (surname: string) => (p: Born) =>
  p.surname === surname && p.fate === 'shot_in_ussr' && p.year === 1900;

/** An archive for one describe block: `count` persons `made`, and the ids of `surname`s shot in 1900. */
function useArchive(count: number, made: (i: number) => Born, surname: string) {
  const archive = {
    storage: null as unknown as Storage,
    search: null as unknown as SearchService,
    expected: [] as number[],
  };
  beforeAll(async () => {
    archive.storage = await openTestStorage('sqlite');
    archive.expected.push(...(await population(archive.storage, count, made, shotIn1900(surname))));
    archive.search = new SearchService(archive.storage);
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await archive.storage?.close();
  });
  return archive;
}

/** Resolves when the bitsets asked for so far are built. */
async function settled(storage: Storage): Promise<void> {
  await filterBitsetsFor(storage.sqlite as NonNullable<Storage['sqlite']>, await archiveVersion(storage.db))?.settled();
}

/** Changes a person through another connection, as another server process would, and reindexes them. */
async function changeElsewhere(
  storage: Storage,
  person: number,
  change: (db: Storage['db']) => Promise<unknown>,
): Promise<void> {
  const other = openSqlite(storage.location);
  try {
    await change(other.db);
    await reindexPersons(other, { ids: [person] });
  } finally {
    await other.close();
  }
}

// SQLite only: the bitsets are how the SQLite index answers broad filters (the PostgreSQL index
// has none). Every search here must give what FTS5 alone gives.
describe('bitsets of broad filters (SQLite)', () => {
  // 200 persons: each fate and each birth year is had by 100, enough to be broad here (64).
  // Kesslers shot in the USSR and born in 1900 are what the filtered search must find.
  const archive = useArchive(
    200,
    (i) => ({
      given: 'Anna',
      surname: i % 5 === 0 ? 'Kessler' : `Other${i}`,
      fate: i % 2 === 0 ? 'shot_in_ussr' : 'survived',
      year: 1900 + (Math.floor(i / 2) % 2),
    }),
    'Kessler',
  );
  const params: SearchParams = {
    q: 'Kessler',
    fate: 'shot_in_ussr',
    event: 'birth',
    from: '1900',
    to: '1900',
    sort: 'relevance',
    limit: 50,
    offset: 0,
  };
  const ids = async () => (await archive.search.search(params)).results.map((r) => r.id).sort((a, b) => a - b);

  it('finds the same persons before and after the bitsets are built, and uses them once they are', async () => {
    const { search, storage, expected } = archive;
    expect(expected.length).toBeGreaterThan(3);
    const before = await search.search(params);
    // The first search asks for the filters' bitsets, the next for those of the facets' values.
    await settled(storage);
    await search.search(params);
    await settled(storage);
    const of = vi.spyOn(FilterBitsets.prototype, 'of');
    const facets = vi.spyOn(SqliteSearchIndex.prototype, 'countFacets');
    const after = await search.search(params);
    expect(of.mock.results.some((r) => r.value !== null)).toBe(true);
    // The facets too come from bitsets now, and count what the stored documents counted.
    expect(await facets.mock.results[0]?.value).not.toBeNull();
    of.mockRestore();
    facets.mockRestore();
    expect(after.results.map((r) => r.id)).toEqual(before.results.map((r) => r.id));
    expect(after.total).toBe(before.total);
    expect(after.facets).toEqual(before.facets);
    expect(await ids()).toEqual(expected);
  });

  it('streams a walk past its first page, and frees the connection when a walk stops early', async () => {
    const { storage } = archive;
    await ids();
    await settled(storage);
    const sqlite = storage.sqlite as NonNullable<Storage['sqlite']>;
    const bitsets = filterBitsetsFor(sqlite, await archiveVersion(storage.db)) as FilterBitsets;
    const every = sqlite
      .prepare('SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid')
      .pluck()
      .all('"anna"') as number[];
    expect(every.length).toBe(200);
    expect([...bitsets.documentsAfter('"anna"', -1, 3)]).toEqual(every);
    expect([...bitsets.documentsAfter('"anna"', every[4] as number, 3)]).toEqual(every.slice(5));
    const some: number[] = [];
    for (const doc of bitsets.documentsAfter('"anna"', -1, 3)) if (some.push(doc) >= 7) break;
    expect(some).toEqual(every.slice(0, 7));
    // Stopped inside the streamed part, the walk left the connection free for the next statement.
    expect(await ids()).toEqual(archive.expected);
  });

  it('sees a change written by another connection at once', async () => {
    const { storage, expected } = archive;
    await ids();
    await settled(storage);
    const changed = expected[0] as number;
    await changeElsewhere(storage, changed, (db) =>
      sql`UPDATE persons SET fate = 'survived' WHERE id = ${changed}`.execute(db),
    );
    expect(await ids()).toEqual(expected.slice(1));
    await settled(storage);
    expect(await ids()).toEqual(expected.slice(1));
  });
});

/**
 * Of 800 persons, 640 Brandts: more than the 128 candidates tested as FTS5 gives them, and over
 * 300 of them shot and born in 1900 (shotBrandts).
 */
const brandts = (i: number): Born => ({
  given: i % 3 === 0 ? 'Karl' : 'Erna',
  surname: i % 5 !== 0 ? 'Brandt' : `Other${i}`,
  fate: i % 3 !== 0 ? 'shot_in_ussr' : 'survived',
  year: i % 7 !== 0 ? 1900 : 1901,
});
const shotBrandts: SearchParams = {
  q: 'Brandt',
  fate: 'shot_in_ussr',
  event: 'birth',
  from: '1900',
  to: '1900',
  sort: 'relevance',
  limit: 20,
  offset: 0,
};

// A name matched by more persons than FTS5 hands over cheaply is walked in a list kept in memory
// when its matches are counted: a search counts them when they are more than its first 300.
describe('lists of common names, tested against the bitsets (SQLite)', () => {
  const archive = useArchive(800, brandts, 'Brandt');
  const params = shotBrandts;

  it('gives what FTS5 gives, page by page and in total, once the list is kept', async () => {
    const { search, storage, expected } = archive;
    expect(expected.length).toBeGreaterThan(300);
    const pages = async () => Promise.all([0, 20, 40].map((offset) => search.search({ ...params, offset })));
    const before = await pages();
    // The first searches ask for the filters' bitsets; once they are built, the next read the name's list.
    await settled(storage);
    await pages();
    await settled(storage);
    const listOf = vi.spyOn(FilterBitsets.prototype, 'listOf');
    const after = await pages();
    expect(listOf.mock.results.some((r) => (r.value?.docs.length ?? 0) >= 600)).toBe(true);
    listOf.mockRestore();
    expect(after.map((p) => p.results.map((r) => r.id))).toEqual(before.map((p) => p.results.map((r) => r.id)));
    expect(after.map((p) => [p.total, p.facets])).toEqual(before.map((p) => [p.total, p.facets]));
    expect(before[0]?.total).toBe(expected.length);
    // Namesakes alike in every way come in the index's order: the first three pages of them.
    expect(after.flatMap((p) => p.results.map((r) => r.id))).toEqual(expected.slice(0, 60));
  });

  it('is not used for another version of the archive', async () => {
    const { search, storage, expected } = archive;
    await search.search(params);
    await settled(storage);
    // Renamed by another connection: a list of the old version would still hold the person.
    const changed = expected[0] as number;
    await changeElsewhere(storage, changed, (db) =>
      sql`UPDATE names SET surname = 'Renamed', full_name = given || ' Renamed' WHERE person_id = ${changed}`.execute(
        db,
      ),
    );
    const found = await search.search({ ...params, limit: 100 });
    expect(found.results.map((r) => r.id)).toEqual(expected.slice(1, 101));
    expect(found.total).toBe(expected.length - 1);
  });
});

// A name's first matches and its count, remembered for the archive version: a search for a
// common name asks for the same ones as every other search for it.
describe('name matches remembered for the archive version (SQLite)', () => {
  // 400 persons, 320 of them Brandts: more than the 300 a search ranks, so it counts them too.
  const archive = useArchive(
    400,
    (i) => ({ given: 'Erna', surname: i % 5 !== 0 ? 'Brandt' : `Other${i}`, fate: 'shot_in_ussr', year: 1900 }),
    'Brandt',
  );
  const params: SearchParams = { q: 'Brandt', sort: 'relevance', limit: 20, offset: 0 };
  // biome-ignore lint/suspicious/noExplicitAny: spies on a private method, the one that asks FTS5.
  const asked = () => vi.spyOn(FilterBitsets.prototype as any, 'firstDocuments');

  it('answers the same search again from memory, with the same page and total', async () => {
    const { search, expected } = archive;
    const first = await search.search(params);
    expect(first.total).toBe(expected.length);
    const reads = asked();
    const counts = vi.spyOn(FilterBitsets.prototype, 'countUpTo');
    const again = await search.search(params);
    expect(reads).not.toHaveBeenCalled();
    expect(counts.mock.results.map((r) => r.value)).toContain(expected.length);
    reads.mockRestore();
    counts.mockRestore();
    expect(again.results.map((r) => r.id)).toEqual(first.results.map((r) => r.id));
    expect(again.total).toBe(first.total);
  });

  it('reads again once another connection has changed the archive', async () => {
    const { search, storage, expected } = archive;
    await search.search(params);
    const changed = expected[0] as number;
    await changeElsewhere(storage, changed, (db) =>
      sql`UPDATE names SET surname = 'Renamed', full_name = given || ' Renamed' WHERE person_id = ${changed}`.execute(
        db,
      ),
    );
    const reads = asked();
    const found = await search.search({ ...params, limit: 100 });
    expect(reads).toHaveBeenCalled();
    reads.mockRestore();
    expect(found.total).toBe(expected.length - 1);
    expect(found.results.map((r) => r.id)).not.toContain(changed);
  });
});

// After an edit of a few persons, a server process patches what it keeps for them instead of
// starting over (FilterBitsets.carryOver). Whatever it keeps, each search must give what a process
// that has kept nothing gives.
describe('carried over an edit of a few persons (SQLite)', () => {
  // The Brandts above, with the broad filters' bitsets stored as a large archive has them, so that
  // both stored and built bitsets are patched.
  const archive = useArchive(800, brandts, 'Brandt');
  const filtered = shotBrandts;
  const searches: SearchParams[] = [
    filtered,
    { ...filtered, offset: 300 },
    { ...filtered, q: 'Karl Brandt' },
    { ...filtered, fate: 'survived' },
    { q: 'Brandt', sort: 'relevance', limit: 20, offset: 0 },
    { q: 'Erna', sort: 'relevance', limit: 100, offset: 200 },
    { fate: 'shot_in_ussr', event: 'birth', from: '1901', to: '1901', sort: 'name', limit: 20, offset: 0 },
    // Nobody has this fate until an edit gives it to someone.
    { q: 'Brandt', fate: 'handed_to_gestapo', sort: 'relevance', limit: 20, offset: 0 },
  ];
  const answers = (service: SearchService) =>
    Promise.all(
      searches.map(async (params) => {
        const found = await service.search(params);
        return { ids: found.results.map((r) => r.id), total: found.total, facets: found.facets };
      }),
    );
  /** What a process that kept nothing answers: a connection of its own, opened now. */
  const fromNothing = async () => {
    const other = openSqlite(archive.storage.location);
    try {
      return await answers(new SearchService(other));
    } finally {
      await other.close();
    }
  };
  const bitsetsNow = async () =>
    filterBitsetsFor(
      archive.storage.sqlite as NonNullable<Storage['sqlite']>,
      await archiveVersion(archive.storage.db),
    );
  /** Searches until every bitset, list and remembered read the searches ask for is kept. */
  const warm = async () => {
    for (let i = 0; i < 3; i++) {
      await answers(archive.search);
      await settled(archive.storage);
    }
  };

  beforeAll(async () => {
    await searchIndexFor(archive.storage).storeFilters?.();
  });

  it('patches its bitsets, lists and remembered reads, and answers as a fresh process does', async () => {
    const { storage, expected } = archive;
    await warm();
    const kept = await bitsetsNow();
    const lists = vi.spyOn(FilterBitsets.prototype, 'listOf');
    await answers(archive.search);
    expect(lists.mock.results.some((r) => (r.value?.docs.length ?? 0) >= 300)).toBe(true);
    lists.mockRestore();
    const [shot, renamed, other, removed, handed] = expected.slice(0, 5) as [number, number, number, number, number];
    const names = await storage.db.selectFrom('names').select(['person_id', 'surname']).execute();
    const outsider = names.find((n) => n.surname?.startsWith('Other'))?.person_id as number;
    const edits: [string, (db: Storage['db']) => Promise<unknown>, number][] = [
      ['fate changed', (db) => sql`UPDATE persons SET fate = 'survived' WHERE id = ${shot}`.execute(db), shot],
      [
        'renamed away',
        (db) =>
          sql`UPDATE names SET surname = 'Renamed', full_name = given || ' Renamed' WHERE person_id = ${renamed}`.execute(
            db,
          ),
        renamed,
      ],
      [
        'renamed to Brandt',
        (db) =>
          sql`UPDATE names SET surname = 'Brandt', full_name = given || ' Brandt' WHERE person_id = ${outsider}`.execute(
            db,
          ),
        outsider,
      ],
      [
        'born a year later',
        (db) =>
          sql`UPDATE events SET date_edtf = '1901', date_min = '1901-01-01', date_max = '1901-12-31'
            WHERE id IN (SELECT event_id FROM event_participants WHERE person_id = ${other})`.execute(db),
        other,
      ],
      [
        'handed over, as nobody was before',
        (db) => sql`UPDATE persons SET fate = 'handed_to_gestapo' WHERE id = ${handed}`.execute(db),
        handed,
      ],
      ['made a draft', (db) => sql`UPDATE persons SET status = 'draft' WHERE id = ${removed}`.execute(db), removed],
    ];
    const before = await answers(archive.search);
    for (const [what, change, person] of edits) {
      await changeElsewhere(storage, person, change);
      const now = await answers(archive.search);
      expect(await bitsetsNow(), what).toBe(kept);
      expect(now, what).toEqual(await fromNothing());
      // Once more, from what was patched and kept.
      await settled(storage);
      expect(await answers(archive.search), what).toEqual(now);
    }
    // Five left the filtered search; the new Brandt (person 1, Karl, survived) does not match it.
    const after = await answers(archive.search);
    expect(after[0]?.total).toBe((before[0]?.total as number) - 5);
    expect(after.at(-1)?.ids).toEqual([handed]);
  });

  it('carries over a new person too, and starts over after a rebuild', async () => {
    const { storage } = archive;
    await warm();
    const kept = await bitsetsNow();
    let added = 0;
    const other = openSqlite(storage.location);
    try {
      await insertPerson(other, {
        names: [{ given: 'Karl', surname: 'Brandt' }],
        fate: 'shot_in_ussr',
        events: [{ type: 'birth', date: '1900' }],
      });
      added = await maxPersonId(other.db);
      await reindexPersons(other, { ids: [added] });
    } finally {
      await other.close();
    }
    const now = await answers(archive.search);
    expect(await bitsetsNow()).toBe(kept);
    expect(now).toEqual(await fromNothing());
    // The only Karl Brandt shot and born in 1900 (the others survived).
    expect(now[2]?.ids[0]).toBe(added);
    await rebuildIndexes(storage);
    await answers(archive.search);
    expect(await bitsetsNow()).not.toBe(kept);
    expect(await answers(archive.search)).toEqual(await fromNothing());
  });
});
