import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/connection.ts';
import { migrateTo, migrateToLatest } from '../../src/db/migrator.ts';
import { loadSampleAndIndex } from '../../src/sample/sample-loader.ts';
import { hasSearchDocs } from '../../src/search/index/search-doc.repository.ts';
import { rebuildSearchIndex } from '../../src/search/index/search-indexer.ts';
import { SearchService } from '../../src/search/names/person-search.service.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';

for (const engine of ENGINES) {
  describe(`the migration to the keys of December 2026 on ${engine}`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await openTestStorage(engine);
    });
    afterEach(async () => {
      await storage.close();
    });

    it('empties a name index built with the old keys, which a rebuild fills again', async () => {
      await loadSampleAndIndex(storage);
      await migrateTo(storage.db, '0011-drop-name-folded');
      expect(await hasSearchDocs(storage.db)).toBe(true);
      await migrateToLatest(storage.db);
      expect(await hasSearchDocs(storage.db)).toBe(false);
      // Only the row that says the (empty) table is complete is left.
      const implied = await sql<{ token: string }>`SELECT token FROM search_key_implies`.execute(storage.db);
      expect(implied.rows.map((r) => r.token)).toEqual(['!complete']);
      await rebuildSearchIndex(storage);
      const found = await new SearchService(storage).search({ q: 'Фабиш', sort: 'relevance', limit: 5, offset: 0 });
      expect(found.results[0]?.name).toBe('Ernst Fabisch');
    });
  });
}
