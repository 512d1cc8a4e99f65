import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/connection.ts';
import { runGenerate } from '../../src/generate/generate.command.ts';
import { DrainThread } from '../../src/search/index/drain-thread.ts';
import { startRebuild } from '../../src/search/index/search-indexer.ts';
import { SearchService } from '../../src/search/names/person-search.service.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';

// What a write leaves to the background is drained on a thread of its own (drain-thread.ts), so
// that the thread serving requests is not held by its transactions.

for (const engine of ENGINES) {
  describe(`draining the index queue on a thread of its own (${engine})`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await openTestStorage(engine);
      await runGenerate(storage, { persons: 300, seed: 'drain-thread' });
      await startRebuild(storage);
    });
    afterEach(async () => {
      await storage.close();
    });

    const pending = async () => (await storage.db.selectFrom('index_queue').select('id').execute()).length;
    const indexed = async () => (await new SearchService(storage).search({ sort: 'name', limit: 1, offset: 0 })).total;

    it('writes what is queued on its own connection, and the index is then whole', async () => {
      expect(await pending()).toBeGreaterThan(0);
      const thread = DrainThread.start(storage);
      expect(thread).not.toBeNull();
      try {
        const report = await thread!.drain();
        expect(report.persons).toBeGreaterThanOrEqual(300);
        expect(report.stopped).toBe(false);
      } finally {
        await thread!.close();
      }
      expect(await pending()).toBe(0);
      expect(await indexed()).toBeGreaterThanOrEqual(300);
    });

    it('stops between two transactions when asked, leaving the rest queued', async () => {
      const thread = DrainThread.start(storage)!;
      try {
        thread.stop();
        const report = await thread.drain();
        expect(report.stopped).toBe(true);
        expect(report.persons).toBe(0);
      } finally {
        await thread.close();
      }
      expect(await pending()).toBeGreaterThan(0);
    });
  });
}
