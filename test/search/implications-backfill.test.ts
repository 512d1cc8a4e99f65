import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/connection.ts';
import { loadSampleAndIndex } from '../../src/sample/sample-loader.ts';
import { rebuildSearchIndex } from '../../src/search/index/index-drain.ts';
import { listImplications } from '../../src/search/index/key-implication.repository.ts';
import { completeImplications } from '../../src/search/index/search-indexer.ts';
import { type SearchParams, SearchService } from '../../src/search/names/person-search.service.ts';
import { insertPerson } from '../support/factories.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';

/** Every row of the table, token → implied tokens. */
async function table(storage: Storage): Promise<Map<string, Set<string>>> {
  const rows = await sql<{ token: string; implied: string }>`SELECT token, implied FROM search_key_implies`.execute(
    storage.db,
  );
  return new Map(rows.rows.map((r) => [r.token, new Set(r.implied === '' ? [] : r.implied.split(' '))]));
}

for (const engine of ENGINES) {
  describe(`filling in key implications from the stored names, on ${engine}`, () => {
    let storage: Storage;
    let rebuilt: Map<string, Set<string>>;
    const queries = ['Cwik', 'Ćwik', 'Karl Weber', 'Hugo Eberlein', 'Эберлейн', 'Otto Karl', 'Zenzl Mühsam'];
    const results = async () => {
      const service = new SearchService(storage);
      const out: unknown[] = [];
      for (const q of queries) {
        const r = await service.search({ q, sort: 'relevance', limit: 50, offset: 0 } satisfies SearchParams);
        out.push({ q, total: r.total, ids: r.results.map((h) => [h.id, h.matched?.how]), facets: r.facets });
      }
      return out;
    };

    beforeAll(async () => {
      storage = await openTestStorage(engine);
      await loadSampleAndIndex(storage);
      await insertPerson(storage, {
        names: [
          { given: 'Jan', surname: 'Cwik' },
          { given: 'Jan', surname: 'Ćwik' },
        ],
      });
      await insertPerson(storage, { names: [{ given: 'Karl', surname: 'Weber' }] });
      // A draft is not indexed, but its names are stored: "Karl" as a surname here.
      await insertPerson(storage, { status: 'draft', names: [{ given: 'Otto', surname: 'Karl' }] });
      await rebuildSearchIndex(storage);
      rebuilt = await table(storage);
    }, 120_000);
    afterAll(async () => {
      await storage?.close();
    });

    it('makes an archive indexed before implications existed prune again, with the same results', async () => {
      const expected = await results();
      // An archive indexed by a version without the table: nothing recorded, nothing pruned.
      await sql`DELETE FROM search_key_implies`.execute(storage.db);
      expect(await listImplications(storage.db, ['karl'])).toBeNull();

      const batches: number[] = [];
      expect(await completeImplications(storage, { batchSize: 5, onProgress: (p) => void batches.push(p.done) })).toBe(
        'completed',
      );
      expect(batches.length).toBeGreaterThan(1);
      expect(await listImplications(storage.db, ['karl'])).not.toBeNull();
      expect(await results()).toEqual(expected);

      // Filled in from every stored name, a superset of the indexed ones: each entry is within
      // what the rebuild recorded, so it never drops a token the rebuild would keep.
      const filled = await table(storage);
      // (Tokens only the draft's words have, such as otto, are entries the rebuild has no need of.)
      let compared = 0;
      for (const [token, implied] of filled) {
        const recorded = rebuilt.get(token);
        if (token.startsWith('!') || !recorded) continue;
        compared++;
        for (const u of implied) expect(recorded, `${token} → ${u}`).toContain(u);
      }
      expect(compared).toBeGreaterThan(100);
      // The draft's surname Karl keeps karl from implying the given-name group here.
      expect(rebuilt.get('karl')).toContain('g_karl');
      expect(filled.get('karl')).not.toContain('g_karl');
      // Ćwik and Cwik both fold to cwik; neither skeleton is implied.
      expect(filled.get('cwik')).not.toContain('s_kvik');
      expect(await completeImplications(storage)).toBe('already complete');
    });

    it('leaves the table incomplete when a rebuild empties it meanwhile', async () => {
      await sql`DELETE FROM search_key_implies`.execute(storage.db);
      let cleared = false;
      const outcome = await completeImplications(storage, {
        batchSize: 5,
        onProgress: async () => {
          if (cleared) return;
          cleared = true;
          await sql`DELETE FROM search_key_implies`.execute(storage.db); // what rebuildSearchIndex does first
        },
      });
      expect(outcome).toBe('interrupted');
      expect(await listImplications(storage.db, ['karl'])).toBeNull();
      await rebuildSearchIndex(storage);
      expect(await table(storage)).toEqual(rebuilt);
    }, 120_000);
  });
}
