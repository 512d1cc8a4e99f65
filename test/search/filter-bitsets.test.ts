import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openSqlite, type Storage } from '../../src/db/connection.ts';
import { archiveVersion } from '../../src/db/engine.ts';
import { FilterBitsets, filterBitsetsFor } from '../../src/search/filter-bitsets.sqlite.ts';
import { reindexPersons } from '../../src/search/search-indexer.ts';
import { type SearchParams, SearchService } from '../../src/search/search.service.ts';
import { insertPerson } from '../support/factories.ts';
import { openTestStorage } from '../support/storage.ts';

// SQLite only: the bitsets are how the SQLite index answers broad filters (the PostgreSQL index
// has none). Every search here must give what FTS5 alone gives.
describe('bitsets of broad filters (SQLite)', () => {
  let storage: Storage;
  let search: SearchService;
  /** Kesslers shot in the USSR and born in 1900: what the filtered search must find. */
  const expected: number[] = [];
  const params: SearchParams = { q: 'Kessler', fate: 'shot_in_ussr', event: 'birth', from: '1900', to: '1900', sort: 'relevance', limit: 50, offset: 0 };

  const ids = async () => (await search.search(params)).results.map((r) => r.id).sort((a, b) => a - b);
  const bitsetsBuilt = async () => {
    const bitsets = filterBitsetsFor(storage.sqlite as NonNullable<Storage['sqlite']>, await archiveVersion(storage.db));
    await bitsets?.settled();
  };

  beforeAll(async () => {
    storage = await openTestStorage('sqlite');
    // 200 persons: each fate and each birth year is had by 100, enough to be broad here (64).
    for (let i = 0; i < 200; i++) {
      const kessler = i % 5 === 0;
      const fate = i % 2 === 0 ? 'shot_in_ussr' : 'survived';
      const year = 1900 + (Math.floor(i / 2) % 2);
      const id = await insertPerson(storage, {
        names: [{ given: 'Anna', surname: kessler ? 'Kessler' : `Other${i}` }],
        fate,
        events: [{ type: 'birth', date: String(year) }],
      });
      if (kessler && fate === 'shot_in_ussr' && year === 1900) expected.push(id);
    }
    await reindexPersons(storage);
    search = new SearchService(storage);
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await storage?.close();
  });

  it('finds the same persons before and after the bitsets are built, and uses them once they are', async () => {
    expect(expected.length).toBeGreaterThan(3);
    const before = await search.search(params);
    await bitsetsBuilt();
    const of = vi.spyOn(FilterBitsets.prototype, 'of');
    const after = await search.search(params);
    expect(of.mock.results.some((r) => r.value !== null)).toBe(true);
    of.mockRestore();
    expect(after.results.map((r) => r.id)).toEqual(before.results.map((r) => r.id));
    expect(after.total).toBe(before.total);
    expect(after.facets).toEqual(before.facets);
    expect(await ids()).toEqual(expected);
  });

  it('sees a change written by another connection at once', async () => {
    await ids();
    await bitsetsBuilt();
    const changed = expected[0] as number;
    const other = openSqlite(storage.location);
    try {
      await sql`UPDATE persons SET fate = 'survived' WHERE id = ${changed}`.execute(other.db);
      await reindexPersons(other, { ids: [changed] });
    } finally {
      await other.close();
    }
    expect(await ids()).toEqual(expected.slice(1));
    await bitsetsBuilt();
    expect(await ids()).toEqual(expected.slice(1));
  });
});
