import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Storage } from '../../src/db/connection.ts';
import { runGenerate } from '../../src/generate/generate.command.ts';
import { loadSampleAndIndex } from '../../src/sample/sample-loader.ts';
import { rebuildSearchIndex } from '../../src/search/index/index-drain.ts';
import { listImplications } from '../../src/search/index/key-implication.repository.ts';
import { implicationsOf, withoutImplied } from '../../src/search/index/key-implications.ts';
import { PostgresSearchIndex } from '../../src/search/index/postgres/search-index.postgres.ts';
import { reindexPersons } from '../../src/search/index/search-indexer.ts';
import { SqliteSearchIndex } from '../../src/search/index/sqlite/search-index.sqlite.ts';
import { type SearchParams, SearchService } from '../../src/search/names/person-search.service.ts';
import { insertPerson } from '../support/factories.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

const implied = (pairs: Record<string, string[]>) => new Map(Object.entries(pairs).map(([t, u]) => [t, new Set(u)]));

describe('leaving out tokens another token of the group covers', () => {
  it('drops a token only for one that stays, so one of two that always go together is kept', () => {
    expect(withoutImplied([['karl', 's_karl', 'g_karl']], implied({ karl: ['s_karl', 'dm_598000'] }))).toEqual([
      ['s_karl', 'g_karl'],
    ]);
    expect(withoutImplied([['a', 'b']], implied({ a: ['b'], b: ['a'] }))).toEqual([['b']]);
    // a → b → c: both a and b go, c covers them.
    expect(withoutImplied([['a', 'b', 'c']], implied({ a: ['b'], b: ['c'] }))).toEqual([['c']]);
  });

  it('keeps a token whose implied tokens are not asked for, and groups it knows nothing of', () => {
    expect(withoutImplied([['karl', 'g_karl'], ['schmidt']], implied({ karl: ['s_karl'] }))).toEqual([
      ['karl', 'g_karl'],
      ['schmidt'],
    ]);
  });

  it('knows from the stored words, not the keys: ćwik and cwik fold alike but differ in skeleton', () => {
    const plain = implicationsOf([{ surname: 'Cwik' }]);
    expect(plain.get('cwik')).toContain('s_kvik');
    const both = implicationsOf([{ surname: 'Cwik' }, { surname: 'Ćwik' }]);
    expect(both.get('cwik')).not.toContain('s_kvik');
    expect(both.get('cwik')).not.toContain('s_tvik');
    // What both words share still holds.
    expect(both.get('cwik')).toContain('k_834');
  });

  it('counts a given-name group only where every occurrence is a given name', () => {
    expect(implicationsOf([{ given: 'Karl', surname: 'Weber' }]).get('karl')).toContain('g_karl');
    expect(
      implicationsOf([
        { given: 'Karl', surname: 'Weber' },
        { given: 'Otto', surname: 'Karl' },
      ]).get('karl'),
    ).not.toContain('g_karl');
  });
});

for (const engine of ENGINES) {
  describe(`key implications on ${engine}`, () => {
    let storage: Storage;
    const search = (q: string) => new SearchService(storage).search({ q, sort: 'relevance', limit: 20, offset: 0 });
    /** Who is found, and at which level: a spelling lost from the query would come back as a sound-alike. */
    const ids = async (q: string) => (await search(q)).results.map((r) => `${r.id} ${r.matched?.level}`).sort();
    const indexClass = engine === 'postgres' ? PostgresSearchIndex : SqliteSearchIndex;

    beforeAll(async () => {
      storage = await openTestStorage(engine);
    });
    afterAll(async () => {
      await storage?.close();
    });

    it('asks the index for fewer tokens, and stops when a new word breaks an implication', async () => {
      const cwik = await insertPerson(storage, { names: [{ given: 'Jan', surname: 'Cwik' }] });
      await reindexPersons(storage, { ids: [cwik] });
      const match = vi.spyOn(indexClass.prototype, 'match');
      expect(await ids('Cwik')).toEqual([`${cwik} exact`]);
      // Cwik's keys: cwik, s_kvik, s_cvik (its German and English readings), dm_575000, dm_475000,
      // k_834. Every word with cwik or s_kvik here also has s_cvik: the spellings ask for it alone.
      expect(match.mock.calls[0]?.[0]).toEqual([['s_cvik']]);

      // Ćwik gives cwik without Cwik's skeletons: a query for Cwik must ask for cwik again.
      const accented = await insertPerson(storage, { names: [{ given: 'Jan', surname: 'Ćwik' }] });
      await reindexPersons(storage, { ids: [accented] });
      match.mockClear();
      const both = [`${cwik} exact`, `${accented} exact`].sort();
      expect(await ids('Cwik')).toEqual(both);
      // Now cwik covers both words (and s_cvik, Cwik's alone, implies it): the spellings ask for cwik.
      expect(match.mock.calls[0]?.[0]).toEqual([['cwik']]);

      // Indexing Cwik again, alone (as after an edit), must not forget what Ćwik taught.
      await reindexPersons(storage, { ids: [cwik] });
      expect(await ids('Cwik')).toEqual(both);
      const stored = (await listImplications(storage.db, ['cwik', 's_cvik']))!;
      expect(stored.get('cwik')).not.toContain('s_kvik');
      expect(stored.get('cwik')).toContain('k_834');
      expect(stored.get('s_cvik')).toContain('cwik');
    });

    it('uses no implications in an index built before they were recorded, until it is rebuilt', async () => {
      await sql`DELETE FROM search_key_implies WHERE token = '!complete'`.execute(storage.db);
      expect(await listImplications(storage.db, ['cwik'])).toBeNull();
      const match = vi.spyOn(indexClass.prototype, 'match');
      await search('Karl');
      expect(match.mock.calls[0]?.[0][0]).toEqual(expect.arrayContaining(['karl', 's_karl', 'g_karl']));
      await rebuildSearchIndex(storage);
      expect(await listImplications(storage.db, ['cwik'])).not.toBeNull();
    });
  });
}

// The whole point: the same results, totals and facets with fewer tokens. Over the sample data and
// a generated population, whose names mix scripts, diacritics and spellings as the real ones do.
describe('searches with and without implications (SQLite, sample data and 3,000 generated persons)', () => {
  let storage: Storage;
  const queries: string[] = [];

  beforeAll(async () => {
    storage = await openTestStorage('sqlite');
    await loadSampleAndIndex(storage);
    await runGenerate(storage, { persons: 3_000, seed: 11, now: '2026-01-01 00:00:00' });
    await rebuildSearchIndex(storage);
    const tsv = fs.readFileSync(new URL('../../bench/eval/public-queries.tsv', import.meta.url), 'utf8');
    queries.push(
      ...tsv
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => line.split('\t')[0] as string),
    );
    const names = await sql<{
      given: string | null;
      surname: string | null;
    }>`SELECT given, surname FROM names WHERE id % 37 = 0 LIMIT 120`.execute(storage.db);
    for (const n of names.rows) queries.push([n.given, n.surname].filter(Boolean).join(' '), n.surname ?? '');
  }, 120_000);
  afterAll(async () => {
    await storage?.close();
  });

  it('finds exactly the same', async () => {
    const service = new SearchService(storage);
    const run = async () => {
      const out: unknown[] = [];
      for (const q of queries) {
        const params: SearchParams = { q, sort: 'relevance', limit: 50, offset: 0 };
        const r = await service.search(params);
        out.push({ q, total: r.total, ids: r.results.map((h) => [h.id, h.matched?.how]), facets: r.facets });
      }
      return out;
    };
    const match = vi.spyOn(SqliteSearchIndex.prototype, 'match');
    const pruned = await run();
    const tokensPruned = match.mock.calls.reduce((n, [names]) => n + names.flat().length, 0);
    match.mockClear();
    await sql`DELETE FROM search_key_implies WHERE token = '!complete'`.execute(storage.db);
    const full = await run();
    const tokensFull = match.mock.calls.reduce((n, [names]) => n + names.flat().length, 0);
    match.mockRestore();
    expect(queries.length).toBeGreaterThan(150);
    expect(pruned).toEqual(full);
    // And the index was asked for markedly fewer tokens.
    expect(tokensPruned).toBeLessThan(tokensFull * 0.8);
  }, 120_000);
});
