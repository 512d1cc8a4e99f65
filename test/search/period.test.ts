import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/connection.ts';
import { reindexPersons } from '../../src/search/index/search-indexer.ts';
import { SearchService } from '../../src/search/names/person-search.service.ts';
import { insertPerson } from '../support/factories.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';

// A period filter asks whole years with one token each and the months of partial years with
// month tokens; these persons sit on either side of every edge.
for (const engine of ENGINES) {
  describe(`event-in-period filter on ${engine}`, () => {
    let storage: Storage;
    let service: SearchService;
    const ids: Record<string, number> = {};
    const arrest = (date: string) => ({
      names: [{ given: 'Kurt', surname: `Period${date.replace(/\W/g, '')}` }],
      events: [{ type: 'arrest' as const, date }],
    });

    beforeAll(async () => {
      storage = await openTestStorage(engine);
      for (const date of [
        '1937-08-31',
        '1937-09-01',
        '1938-06-15',
        '1939-06',
        '1939-07-01',
        '1938',
        '1936',
        '1937~',
        '1935/1936',
      ]) {
        ids[date] = await insertPerson(storage, arrest(date));
      }
      await reindexPersons(storage);
      service = new SearchService(storage);
    });
    afterAll(async () => {
      await storage?.close();
    });

    const arrested = async (from: string, to: string) => {
      const r = await service.search({ q: '', sort: 'relevance', limit: 50, offset: 0, event: 'arrest', from, to });
      return Object.entries(ids)
        .filter(([, id]) => r.results.some((x) => x.id === id))
        .map(([date]) => date)
        .sort();
    };

    it('counts precise events by month at the edges and whole years by year', async () => {
      // 1937-09 … 1939-06: 1938 is whole, 1937 and 1939 are partial.
      expect(await arrested('1937-09', '1939-06')).toEqual(['1937-09-01', '1937~', '1938', '1938-06-15', '1939-06']);
    });

    it('treats a period of whole years the same as its months', async () => {
      expect(await arrested('1938', '1938')).toEqual(['1938', '1938-06-15']);
      expect(await arrested('1938-01', '1938-12')).toEqual(['1938', '1938-06-15']);
    });

    it('counts a vague event in every year it may fall in', async () => {
      expect(await arrested('1936', '1936')).toEqual(['1935/1936', '1936']);
      expect(await arrested('1937-12', '1938-01')).toEqual(['1937~', '1938']);
      expect(await arrested('1935-03', '1935-04')).toEqual(['1935/1936']);
    });
  });
}
