import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/connection.ts';
import { reindexPersons } from '../../src/search/index/search-indexer.ts';
import { type SearchParams, SearchService } from '../../src/search/names/person-search.service.ts';
import { insertPerson } from '../support/factories.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';

// Spellings of a name are counted; sound-alikes only as far as they are read (see README, API).
for (const engine of ENGINES) {
  describe(`what a name search counts on ${engine}`, () => {
    let storage: Storage;
    let search: (q: string, extra?: Partial<SearchParams>) => ReturnType<SearchService['search']>;
    const naumann: number[] = [];

    beforeAll(async () => {
      storage = await openTestStorage(engine);
      // 320 men named Neumann, which sounds like Naumann; five Naumanns, two of them women.
      for (let i = 0; i < 320; i++)
        await insertPerson(storage, {
          names: [{ given: 'Max', surname: 'Neumann' }],
          sex: 'male',
          events: i % 2 ? [] : [{ type: 'arrest', date: '1938' }],
        });
      for (let i = 0; i < 5; i++)
        naumann.push(
          await insertPerson(storage, {
            names: [{ given: 'Max', surname: 'Naumann' }],
            sex: i < 2 ? 'female' : 'male',
          }),
        );
      await insertPerson(storage, { names: [{ given: 'Max', surname: 'Neumann' }], sex: 'female' });
      await reindexPersons(storage);
      const service = new SearchService(storage);
      search = (q, extra = {}) => service.search({ q, sort: 'relevance', limit: 10, offset: 0, ...extra });
    });
    afterAll(async () => {
      await storage?.close();
    });

    it('counts every sound-alike when there are few', async () => {
      const women = await search('Naumann', { sex: 'female' });
      expect(women.results.map((r) => r.name)).toEqual(['Max Naumann', 'Max Naumann', 'Max Neumann']);
      expect(women.total).toBe(3);
      expect(women.totalIsLowerBound).toBe(false);
    });

    it('reads many sound-alikes only as far as they reach the results, and says the total is a lower bound', async () => {
      const all = await search('Naumann');
      expect(
        all.results
          .slice(0, 5)
          .map((r) => r.id)
          .sort((a, b) => a - b),
      ).toEqual(naumann);
      expect(all.results[5]?.matched?.how).toBe('phonetic');
      expect(all.totalIsLowerBound).toBe(true);
      expect(all.total).toBeGreaterThanOrEqual(300);
      expect(all.total).toBeLessThan(326);
    });

    it('pages through filter matches past the first 300, best documented first', async () => {
      const men = await search('', { sex: 'male', offset: 310, limit: 20 });
      expect(men.total).toBe(323);
      expect(men.results.length).toBe(13);
    });

    it('pages through name matches past the first 300, and counts them alike on every page', async () => {
      const pages = await Promise.all([0, 290, 310].map((offset) => search('Neumann', { offset, limit: 20 })));
      expect(pages.map((p) => p.results.length)).toEqual([20, 20, 16]);
      expect(new Set(pages.map((p) => p.total)).size).toBe(1);
      const ids = pages.flatMap((p) => p.results.map((r) => r.id));
      expect(new Set(ids).size).toBe(ids.length);
    });

    it('counts every spelling exactly, however many', async () => {
      const neumann = await search('Neumann', { sex: 'male' });
      expect(neumann.results[0]?.matched?.level).toBe('exact');
      // 320 men spelled Neumann; the three Naumann men are sound-alikes, read among the best documented.
      expect(neumann.total).toBeGreaterThanOrEqual(320);
      expect(neumann.total).toBeLessThanOrEqual(323);
    });
  });

  describe(`what a name search counts when its spellings are not few, on ${engine}`, () => {
    let storage: Storage;

    beforeAll(async () => {
      storage = await openTestStorage(engine);
      // 30 Naumanns are spelled as asked; 3 Neumanns only sound alike.
      for (let i = 0; i < 30; i++) await insertPerson(storage, { names: [{ given: 'Anna', surname: 'Naumann' }] });
      for (let i = 0; i < 3; i++) await insertPerson(storage, { names: [{ given: 'Anna', surname: 'Neumann' }] });
      await reindexPersons(storage);
    });
    afterAll(async () => {
      await storage?.close();
    });

    it('leaves the sound-alikes uncounted from 20 spellings on, but still ranks them after the spellings', async () => {
      const found = await new SearchService(storage).search({ q: 'Naumann', sort: 'relevance', limit: 50, offset: 0 });
      expect(found.total).toBe(30);
      expect(found.totalIsLowerBound).toBe(true);
      expect(found.results.map((r) => r.name)).toEqual([
        ...Array(30).fill('Anna Naumann'),
        ...Array(3).fill('Anna Neumann'),
      ]);
    });
  });
}
