import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/connection.ts';
import { PRIORS } from '../../src/linkage/model.ts';
import { FIT_ROWS, type Linkage, type LinkingThread, type LinkModel } from '../../src/lists/linkage.ts';
import { importList } from '../../src/lists/list-import.service.ts';
import { linkList } from '../../src/lists/list-linking.service.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';
import { fileOf } from './list-files.ts';

// A linking run weighs all its rows with the model it began with. Each batch of rows is written
// under the writers' lock, which gives the archive a new version; the model used to be fitted
// again for every batch of 200 rows (4–8 s at a million persons, longer than linking the batch).

/** A linkage that finds no one for any row, noting the model each call for candidates is given. */
function noCandidates(seen: (LinkModel | undefined)[], parts: Partial<Linkage>): Linkage {
  return {
    candidatesForRows: async (_storage, rows, options) => {
      seen.push(options?.model);
      return new Map(rows.map((r) => [r.id, []]));
    },
    linkageThresholds: async () => ({ suggest: 10, review: 4 }),
    ...parts,
  };
}

for (const engine of ENGINES) {
  describe(`one model for a whole linking run on ${engine}`, () => {
    let storage: Storage;
    let listId: number;

    beforeAll(async () => {
      storage = await openTestStorage(engine);
      const rows = Array.from({ length: 1_100 }, (_, i) => `${i + 1};Name${i};Vorname${i % 7}`).join('\n');
      const result = await importList(storage, { userId: null }, fileOf('lang.csv', `Nr;Name;Vorname\n${rows}\n`), {
        title: 'Lang',
      });
      listId = result.listId;
    });
    afterAll(async () => {
      await storage?.close();
    });

    it('fits the model once and hands it to every batch of rows', async () => {
      let fits = 0;
      const seen: (LinkModel | undefined)[] = [];
      const linkage = noCandidates(seen, {
        model: async () => {
          fits++;
          return { params: PRIORS, persons: 1, inArchive: 0.5 };
        },
      });
      const report = await linkList(storage, linkage, listId);
      expect(report.rows).toBe(1_100);
      expect(seen.length).toBeGreaterThan(1);
      expect(fits).toBe(1);
      expect(new Set(seen).size).toBe(1);
      expect(seen[0]).toBeDefined();
    });

    it('fits the model to the list’s first rows, links them with it, and weighs the rest with it', async () => {
      const archive: LinkModel = { params: PRIORS, persons: 1, inArchive: 0.5 };
      const list: LinkModel = { params: PRIORS, persons: 1, inArchive: 0.8 };
      const fittedTo: number[][] = [];
      const seen: (LinkModel | undefined)[] = [];
      const linkage = noCandidates(seen, {
        model: async () => archive,
        fitToRows: async (_storage, rows, model) => {
          expect(model).toBe(archive);
          fittedTo.push(rows.map((r) => r.id));
          return {
            model: list,
            fit: { rows: rows.length, iterations: 3, inArchiveBefore: 0.5 },
            candidates: new Map(rows.map((r) => [r.id, []])),
          };
        },
      });
      const report = await linkList(storage, linkage, listId);
      expect(report.rows).toBe(1_100);
      expect(report.unmatched).toBe(1_100);
      expect(fittedTo.map((rows) => rows.length)).toEqual([FIT_ROWS]);
      expect(report.fit).toEqual({ rows: FIT_ROWS, inArchive: 0.8 });
      // The 100 rows after the first thousand, in one batch, weighed with the list's model.
      expect(seen).toEqual([list]);
    });

    it('starts one second thread for the calls longer than a batch, hands it to each, and closes it', async () => {
      let started = 0;
      let closed = 0;
      const thread = { close: async () => void closed++ } as unknown as LinkingThread;
      const given: (LinkingThread | null | undefined)[] = [];
      const linkage: Linkage = {
        candidatesForRows: async (_storage, rows, options) => {
          given.push(options?.thread);
          return new Map(rows.map((r) => [r.id, []]));
        },
        linkageThresholds: async () => ({ suggest: 10, review: 4 }),
        model: async () => ({ params: PRIORS, persons: 1, inArchive: 0.5 }),
        fitToRows: async (_storage, rows, model, options) => {
          given.push(options?.thread);
          return { model, candidates: new Map(rows.map((r) => [r.id, []])) };
        },
        startThread: () => {
          started++;
          return thread;
        },
      };
      // 1,000 rows fitted, then 100: the thread starts with the first call and serves both.
      expect((await linkList(storage, linkage, listId)).rows).toBe(1_100);
      expect([started, closed]).toEqual([1, 1]);
      expect(given).toEqual([thread, thread]);
      // A run of no call longer than a batch (500 rows) starts none.
      given.length = 0;
      expect((await linkList(storage, linkage, listId, { maxRows: 400 })).rows).toBe(400);
      expect([started, closed]).toEqual([1, 1]);
      expect(given).toEqual([undefined]);
    });
  });
}
