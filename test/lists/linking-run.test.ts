import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/connection.ts';
import { PRIORS } from '../../src/linkage/model.ts';
import type { Linkage, LinkModel } from '../../src/lists/linkage.ts';
import { importList } from '../../src/lists/list-import.service.ts';
import { linkList } from '../../src/lists/list-linking.service.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';
import { fileOf } from './list-files.ts';

// A linking run weighs all its rows with the model it began with. Each batch of rows is written
// under the writers' lock, which gives the archive a new version; the model used to be fitted
// again for every batch of 200 rows (4–8 s at a million persons, longer than linking the batch).

for (const engine of ENGINES) {
  describe(`one model for a whole linking run on ${engine}`, () => {
    let storage: Storage;
    let listId: number;

    beforeAll(async () => {
      storage = await openTestStorage(engine);
      const rows = Array.from({ length: 450 }, (_, i) => `${i + 1};Name${i};Vorname${i % 7}`).join('\n');
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
      const linkage: Linkage = {
        model: async () => {
          fits++;
          return { params: PRIORS, persons: 1 };
        },
        candidatesForRows: async (_storage, rows, options) => {
          seen.push(options?.model);
          return new Map(rows.map((r) => [r.id, []]));
        },
        linkageThresholds: async () => ({ suggest: 10, review: 4 }),
      };
      const report = await linkList(storage, linkage, listId);
      expect(report.rows).toBe(450);
      expect(seen.length).toBeGreaterThan(1);
      expect(fits).toBe(1);
      expect(new Set(seen).size).toBe(1);
      expect(seen[0]).toBeDefined();
    });
  });
}
