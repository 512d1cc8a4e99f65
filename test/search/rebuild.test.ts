import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/connection.ts';
import { rebuildSearchIndex } from '../../src/search/index/index-drain.ts';
import { reindexPersons } from '../../src/search/index/search-indexer.ts';
import { SearchService } from '../../src/search/names/person-search.service.ts';
import { insertPerson } from '../support/factories.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';

for (const engine of ENGINES) {
  describe(`search index contents on ${engine}`, () => {
    let storage: Storage;
    const ids: Record<string, number> = {};
    const found = async () =>
      (await new SearchService(storage).search({ q: 'Indexwald', sort: 'relevance', limit: 20, offset: 0 })).results
        .map((r) => r.id)
        .sort((a, b) => a - b);

    beforeAll(async () => {
      storage = await openTestStorage(engine);
      for (const key of ['published', 'draft', 'merged', 'target'])
        ids[key] = await insertPerson(storage, { names: [{ given: key, surname: 'Indexwald' }] });
      await storage.db.updateTable('persons').set({ status: 'draft' }).where('id', '=', ids.draft!).execute();
      await storage.db.updateTable('persons').set({ merged_into: ids.target }).where('id', '=', ids.merged!).execute();
    });
    afterAll(async () => {
      await storage?.close();
    });

    it('holds published, unmerged persons only, whether reindexed in part or rebuilt', async () => {
      const expected = [ids.published!, ids.target!].sort((a, b) => a - b);
      await reindexPersons(storage, { ids: Object.values(ids) });
      expect(await found()).toEqual(expected);
      await rebuildSearchIndex(storage);
      expect(await found()).toEqual(expected);
    });

    if (engine !== 'postgres') return;
    it('has its GIN index and fresh statistics again after a rebuild', async () => {
      await rebuildSearchIndex(storage);
      const index = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM pg_indexes WHERE indexname = 'search_docs_tokens'`.execute(storage.db);
      expect(index.rows[0]?.n).toBe(1);
      const stats = await sql<{
        n: number;
      }>`SELECT count(*)::int AS n FROM pg_stat_user_tables WHERE relname = 'search_docs' AND last_analyze IS NOT NULL`.execute(
        storage.db,
      );
      expect(stats.rows[0]?.n).toBe(1);
    });
  });
}
