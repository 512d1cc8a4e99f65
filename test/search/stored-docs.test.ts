import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/connection.ts';
import { runGenerate } from '../../src/generate/generate.command.ts';
import { loadSampleAndIndex } from '../../src/sample/sample-loader.ts';
import { rebuildSearchIndex } from '../../src/search/index/index-drain.ts';
import { listStoredDocs } from '../../src/search/index/stored-doc.repository.ts';
import type { StoredDoc } from '../../src/search/index/stored-doc.ts';
import { type SearchParams, SearchService } from '../../src/search/names/person-search.service.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';
import { storedDocsFromRecords } from '../support/stored-docs.ts';

/** Compared as sets: the order of roles and event types means nothing, nor that of names sharing a sort position. */
const canonical = (docs: Map<number, StoredDoc>) =>
  Object.fromEntries(
    [...docs].map(([id, d]) => [
      id,
      {
        ...d,
        names: d.names.map((n) => JSON.stringify(n)).sort(),
        roles: [...d.roles].sort(),
        eventTypes: [...new Set(d.eventTypes)].sort(),
      },
    ]),
  );

for (const engine of ENGINES) {
  describe(`what search documents keep of a person on ${engine}`, () => {
    let storage: Storage;
    let ids: number[];
    beforeAll(async () => {
      storage = await openTestStorage(engine);
      await loadSampleAndIndex(storage);
      await runGenerate(storage, { persons: 400, seed: 3, now: '2026-01-01 00:00:00' });
      await rebuildSearchIndex(storage);
      ids = (
        await sql<{ person_id: number }>`SELECT person_id FROM search_docs ORDER BY person_id`.execute(storage.db)
      ).rows.map((r) => Number(r.person_id));
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

    it("gives a list of results the same life dates as the persons' events, for documents written before they kept them too", async () => {
      const search = new SearchService(storage);
      const pages: SearchParams[] = [
        { sort: 'relevance', limit: 50, offset: 0 },
        { sort: 'relevance', limit: 50, offset: 0, fate: 'shot_in_ussr' },
        { sort: 'name', limit: 50, offset: 0, event: 'birth', from: '1890', to: '1900' },
        { q: 'Buber-Neumann', sort: 'relevance', limit: 20, offset: 0 },
        { q: 'Schmidt', sort: 'relevance', limit: 50, offset: 0 },
      ];
      const lives = async () =>
        Promise.all(pages.map(async (p) => (await search.search(p)).results.map((r) => [r.id, r.life])));
      const kept = await lives();
      expect(kept.flat().filter(([, life]) => (life as { born: string | null }).born !== null).length).toBeGreaterThan(
        20,
      );
      // Documents as an index built before this code wrote them: no life in them.
      await (engine === 'postgres'
        ? sql`UPDATE search_docs SET stored = (stored::jsonb - 'l')::text`
        : sql`UPDATE search_docs SET stored = json_remove(stored, '$.l')`
      ).execute(storage.db);
      expect((await listStoredDocs(storage.db, ids.slice(0, 5))).values().next().value?.life).toBeUndefined();
      expect(await lives()).toEqual(kept);
    });
  });
}
