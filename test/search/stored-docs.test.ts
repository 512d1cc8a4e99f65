import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/connection.ts';
import { runGenerate } from '../../src/generate/generate.command.ts';
import { loadSampleAndIndex } from '../../src/sample/sample-loader.ts';
import { rebuildSearchIndex } from '../../src/search/index/index-drain.ts';
import { listStoredDocs } from '../../src/search/index/stored-doc.repository.ts';
import type { StoredDoc } from '../../src/search/index/stored-doc.ts';
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
  });
}
