import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idOf, openTestArchive, type TestArchive } from '../support/app.ts';
import { ENGINES } from '../support/storage.ts';

for (const engine of ENGINES) {
  describe(`full-text search on ${engine}`, () => {
    let archive: TestArchive;
    beforeAll(async () => {
      archive = await openTestArchive(engine);
    });
    afterAll(async () => {
      await archive?.close();
    });

    it('finds words in biographies, ignoring case and diacritics, and marks them', async () => {
      const page = await archive.get('/en/search?q=jesenska');
      expect(page.status).toBe(200);
      const buber = await idOf(archive.storage, 'persons', 'margarete-buber-neumann');
      expect(page.text).toContain(`href="/en/persons/${buber}"`);
      expect(page.text).toMatch(/<mark>Jesensk[aá]<\/mark>/);
    });

    it('finds list rows as written and event descriptions', async () => {
      const res = await archive.app.request('/api/v1/texts?q=%D0%A4%D0%B0%D0%B1%D0%B8%D1%88');
      const body = (await res.json()) as { results: { kind: string; person: { name: string } | null }[] };
      expect(body.results.some((r) => r.kind === 'list-row' && r.person?.name === 'Ernst Fabisch')).toBe(true);
      const bridge = await archive.get('/en/search?q=refused%20cross');
      expect(bridge.text).toMatch(/Event: <\/span><a href="\/en\/events\/\d+">handover to the Gestapo/);
    });

    it('treats search syntax as text and refuses overlong queries', async () => {
      for (const q of ['"', 'NEAR(a b)', '*', 'a OR', '^x', "'; DROP TABLE x; --"]) {
        expect((await archive.get(`/en/search?q=${encodeURIComponent(q)}`)).status, q).toBe(200);
      }
      expect((await archive.get(`/en/search?q=${'x'.repeat(501)}`)).status).toBe(400);
    });
  });
}
