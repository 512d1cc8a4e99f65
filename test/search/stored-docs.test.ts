import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/connection.ts';
import { runGenerate } from '../../src/generate/generate.command.ts';
import { loadSampleAndIndex } from '../../src/sample/sample-loader.ts';
import { listStoredDocs, storedDocsFromRecords } from '../../src/search/facet.repository.ts';
import { rebuildSearchIndex } from '../../src/search/search-indexer.ts';
import { type SearchParams, SearchService } from '../../src/search/search.service.ts';
import type { StoredDoc } from '../../src/search/stored-doc.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';

/** Order inside a document does not matter to scoring ties only where names share a sort position. */
const canonical = (docs: Map<number, StoredDoc>) =>
  Object.fromEntries(
    [...docs].map(([id, d]) => [id, { ...d, names: d.names.map((n) => JSON.stringify(n)).sort(), roles: [...d.roles].sort(), eventTypes: [...new Set(d.eventTypes)].sort() }]),
  );

const QUERIES: SearchParams[] = [
  { q: 'Neumann', sort: 'relevance', limit: 20, offset: 0 },
  { q: 'Fabisch', sort: 'name', limit: 10, offset: 0 },
  { q: 'Müller', sort: 'relevance', limit: 5, offset: 5 },
  { fate: 'shot_in_ussr', sort: 'relevance', limit: 20, offset: 0 },
  { role: 'victim', event: 'arrest', from: '1937', to: '1938', sort: 'name', limit: 20, offset: 0 },
];

for (const engine of ENGINES) {
  describe(`what search documents keep of a person on ${engine}`, () => {
    let storage: Storage;
    let ids: number[];
    beforeAll(async () => {
      storage = await openTestStorage(engine);
      await loadSampleAndIndex(storage);
      await runGenerate(storage, { persons: 400, seed: 3, now: '2026-01-01 00:00:00' });
      await rebuildSearchIndex(storage);
      ids = (await sql<{ person_id: number }>`SELECT person_id FROM search_docs ORDER BY person_id`.execute(storage.db)).rows.map((r) => Number(r.person_id));
    });
    afterAll(async () => {
      await storage?.close();
    });

    it('is, for every indexed person, what the records say', async () => {
      expect(ids.length).toBeGreaterThan(400);
      const kept = await listStoredDocs(storage.db, ids);
      expect(kept.size).toBe(ids.length);
      expect(canonical(kept)).toEqual(canonical(await storedDocsFromRecords(storage.db, ids)));
    });

    it('gives the same results and facets as the records when an index predates it', async () => {
      const service = new SearchService(storage);
      const before = await Promise.all(QUERIES.map((q) => service.search(q)));
      expect(before.every((r) => r.results.length > 0)).toBe(true);
      await sql`UPDATE search_docs SET stored = NULL`.execute(storage.db);
      expect((await listStoredDocs(storage.db, ids)).size).toBe(0);
      expect(await Promise.all(QUERIES.map((q) => service.search(q)))).toEqual(before);
    });
  });
}
