import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countArchiveFacets } from '../../src/archive/archive-facets.ts';
import type { Storage } from '../../src/db/connection.ts';
import { loadSampleAndIndex } from '../../src/sample/sample-loader.ts';
import { countStoredFacets } from '../../src/search/index/stored-doc.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';
import { storedDocsFromRecords } from '../support/stored-docs.ts';

for (const engine of ENGINES) {
  describe(`facet counts of the whole archive on ${engine}`, () => {
    let storage: Storage;
    beforeAll(async () => {
      storage = await openTestStorage(engine);
      await loadSampleAndIndex(storage);
    });
    afterAll(async () => {
      await storage?.close();
    });

    it('counted from the index, equal the counts over every published person', async () => {
      const ids = (
        await storage.db
          .selectFrom('persons')
          .select('id')
          .where('status', '=', 'published')
          .where('merged_into', 'is', null)
          .execute()
      ).map((r) => r.id);
      const fromIndex = await countArchiveFacets(storage);
      expect(fromIndex).toEqual(countStoredFacets((await storedDocsFromRecords(storage.db, ids)).values()));
      expect(fromIndex.event.length).toBeGreaterThan(5);
    });
  });
}
