import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveRecord } from '../../src/editing/editing.service.ts';
import { SearchInputError, SearchService } from '../../src/search/names/person-search.service.ts';
import { searchPersons, startSearchThread, stopSearchThread } from '../../src/search/names/search-thread.ts';
import { openTestArchive, type TestArchive } from '../support/app.ts';
import { ENGINES } from '../support/storage.ts';

// A server process searches on a thread of its own (search-thread.ts): the answers must be the
// ones its own thread gives, a search that cannot run the same 400, and a write seen at once.

for (const engine of ENGINES) {
  describe(`searching on a thread of its own (${engine})`, () => {
    let archive: TestArchive;

    beforeAll(async () => {
      archive = await openTestArchive(engine);
      expect(startSearchThread(archive.storage)).toBe(true);
    });
    afterAll(async () => {
      await stopSearchThread(archive.storage);
      await archive?.close();
    });

    it('answers as a search on the server’s own thread does', async () => {
      for (const params of [
        { q: 'Нейман Хайнц', sort: 'relevance' as const, limit: 10, offset: 0 },
        { q: 'Neumann', sort: 'relevance' as const, limit: 5, offset: 0, lang: 'de' as const },
        { sort: 'name' as const, limit: 20, offset: 10 },
      ]) {
        const here = await new SearchService(archive.storage).search(params);
        const there = await searchPersons(archive.storage, params);
        expect(there).toEqual(here);
        expect(there.results.length).toBeGreaterThan(0);
      }
    });

    it('refuses what cannot be searched as the server’s own thread does', async () => {
      const refused = searchPersons(archive.storage, { q: 'Neumann', sort: 'relevance', limit: 5, offset: 20_000 });
      await expect(refused).rejects.toBeInstanceOf(SearchInputError);
      const page = await archive.get('/en/persons?q=Neumann&page=201');
      expect(page.status).toBe(400);
    });

    it('finds a person as soon as the write that created them returns', async () => {
      const { id } = await saveRecord(
        archive.storage,
        { userId: null },
        {
          type: 'person',
          doc: {
            sex: 'male',
            status: 'published',
            roles: ['victim'],
            names: [{ given: 'Ottokar', surname: 'Zwirnbrunner' }],
          },
        },
      );
      const found = await searchPersons(archive.storage, { q: 'Zwirnbrunner', sort: 'relevance', limit: 5, offset: 0 });
      expect(found.results.map((r) => r.id)).toEqual([id]);
      const page = await archive.get('/en/persons?q=Zwirnbrunner');
      expect(page.text).toContain(`/en/persons/${id}`);
    });
  });
}
