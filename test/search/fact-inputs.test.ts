import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/connection.ts';
import { runGenerate } from '../../src/generate/generate.command.ts';
import { loadFactInputs } from '../../src/search/facts/fact.repository.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';

// What the facts of a few persons far apart are read from. Read as the id range they span, two
// persons a million ids apart (a merge, the persons a list's rows were linked to) read every event
// of the archive between them: linking a list of 1,000 rows in an archive of a million spent 65 s
// there, and 1.8 GB of memory.

for (const engine of ENGINES) {
  describe(`the facts' inputs of persons far apart on ${engine}`, () => {
    let storage: Storage;
    let ids: number[];
    /** The SQL of each statement run while `sqls` is not null. */
    let sqls: string[] | null = null;

    beforeAll(async () => {
      storage = await openTestStorage(engine);
      await runGenerate(storage, { persons: 600, seed: 11, now: '2026-01-01 00:00:00' });
      ids = (await storage.db.selectFrom('persons').select('id').orderBy('id').execute()).map((r) => r.id);
    }, 120_000);

    afterAll(async () => {
      await storage?.close();
    });

    const traced = () =>
      storage.db.withPlugin({
        transformQuery: (args) => args.node,
        transformResult: async (args) => args.result,
      });

    async function read(wanted: number[]) {
      sqls = [];
      const db = traced();
      const executor = db.getExecutor();
      const original = executor.executeQuery.bind(executor);
      // biome-ignore lint/suspicious/noExplicitAny: the executor is patched for this test only.
      (executor as any).executeQuery = (query: { sql: string }) => {
        sqls?.push(query.sql);
        return original(query as never);
      };
      try {
        return await loadFactInputs(db, wanted);
      } finally {
        // biome-ignore lint/suspicious/noExplicitAny: restoring what was patched above.
        (executor as any).executeQuery = original;
      }
    }

    it('reads scattered persons by their ids, and gives what each alone gives', async () => {
      const scattered = [ids[0], ids[ids.length - 1], ids[Math.floor(ids.length / 2)]] as number[];
      const together = await read(scattered);
      // By their list: no range, which would span the whole archive between them.
      expect(sqls?.length).toBeGreaterThan(0);
      expect(sqls?.every((q) => / in \(/i.test(q) && !/ between |>=|<=/i.test(q))).toBe(true);
      expect([...together.keys()].sort((a, b) => a - b)).toEqual([...scattered].sort((a, b) => a - b));
      for (const id of scattered) expect(together.get(id)).toEqual((await loadFactInputs(storage.db, [id])).get(id));
    });

    it('reads a run of ids by the range it spans', async () => {
      const run = ids.slice(100, 300);
      const together = await read(run);
      expect(sqls?.every((q) => / between /i.test(q))).toBe(true);
      expect(together.size).toBe(run.length);
    });
  });
}
