import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/connection.ts';
import { runGenerate } from '../../src/generate/generate.command.ts';
import { loadSample } from '../../src/sample/sample-loader.ts';
import { rebuildIndexes, rebuildSearchIndex } from '../../src/search/index/index-drain.ts';
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

for (const engine of ENGINES) {
  describe(`a rebuild read on a second thread (${engine})`, () => {
    let storage: Storage;
    beforeAll(async () => {
      storage = await openTestStorage(engine);
      await loadSample(storage.db);
      await runGenerate(storage, { persons: 3_000, seed: 21, now: '2026-01-01 00:00:00' });
    });
    afterAll(async () => {
      await storage?.close();
    });

    /** What the name index and the facts hold, but for the facts' write sequence (one per transaction). */
    async function indexed() {
      const read = async (table: 'search_docs' | 'search_key_implies' | 'search_vocab' | 'fact_counts', by: string) =>
        (await sql`SELECT * FROM ${sql.table(table)} ORDER BY ${sql.ref(by)}`.execute(storage.db)).rows.map((r) => {
          const row = { ...(r as Record<string, unknown>) };
          // PostgreSQL's token array and bigints read as the same values SQLite gives.
          if (Array.isArray(row.tokens)) row.tokens = [...row.tokens].sort();
          for (const [k, v] of Object.entries(row))
            if (typeof v === 'string' && /^\d+$/.test(v) && k !== 'token') row[k] = Number(v);
          return row;
        });
      const facts = await storage.db.selectFrom('person_facts').selectAll().orderBy('person_id').execute();
      return {
        docs: await read('search_docs', 'person_id'),
        implications: await read('search_key_implies', 'token'),
        vocabulary: await read('search_vocab', 'token'),
        counts: (await read('fact_counts', 'fact')).sort((a, b) =>
          `${a.fact} ${a.value}`.localeCompare(`${b.fact} ${b.value}`),
        ),
        facts: facts.map(({ seq: _, ...rest }) => rest),
      };
    }

    it('writes the same documents, vocabulary, implications and facts as one thread', async () => {
      const one = await rebuildIndexes(storage, { threads: false });
      const single = await indexed();
      const two = await rebuildIndexes(storage, { threadsFrom: 1 });
      expect(two).toEqual(one);
      expect(await indexed()).toEqual(single);
      expect(single.docs.length).toBeGreaterThan(3_000);
      expect(single.facts.length).toBe(single.docs.length);
      const found = await new SearchService(storage).search({ q: 'Müller', sort: 'relevance', limit: 5, offset: 0 });
      expect(found.total).toBeGreaterThan(0);
    });
  });
}
