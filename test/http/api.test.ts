import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idOf, openTestArchive, type TestArchive } from '../support/app.ts';
import { ENGINES } from '../support/storage.ts';

for (const engine of ENGINES) {
  describe(`persons API on ${engine}`, () => {
    let archive: TestArchive;
    beforeAll(async () => {
      archive = await openTestArchive(engine);
    });
    afterAll(async () => {
      await archive?.close();
    });

    const json = async (path: string) => {
      const res = await archive.app.request(path);
      return {
        status: res.status,
        type: res.headers.get('content-type'),
        body: (await res.json()) as Record<string, unknown>,
      };
    };

    it('returns ranked results with why each matched, and facet counts', async () => {
      const { status, body } = await json('/api/v1/persons?q=%D0%A4%D0%B0%D0%B1%D0%B8%D1%88&limit=5');
      expect(status).toBe(200);
      const fabisch = await idOf(archive.storage, 'persons', 'ernst-fabisch');
      expect(body.total).toBeGreaterThanOrEqual(1);
      expect((body.results as unknown[])[0]).toEqual({
        id: fabisch,
        url: expect.stringMatching(new RegExp(`/persons/${fabisch}$`)),
        name: 'Ernst Fabisch',
        sortName: 'Fabisch, Ernst',
        fate: 'died_in_nazi_custody',
        born: '1910-11-12',
        died: '1943',
        birthPlace: 'Breslau',
        matched: { name: 'Эрнст Фабиш', how: 'cyrillic' },
      });
      expect(body.facets).toMatchObject({
        fate: expect.any(Array),
        role: expect.any(Array),
        sex: expect.any(Array),
        event: expect.any(Array),
      });
    });

    it('explains an alias match', async () => {
      const { body } = await json('/api/v1/persons?q=Hans%20Bloch');
      expect((body.results as { matched: unknown }[])[0]?.matched).toEqual({ name: 'Hans Bloch', how: 'alias' });
    });

    it('pages with limit and offset, capping large limits', async () => {
      const all = await json('/api/v1/persons?limit=100000');
      expect(all.status).toBe(200);
      expect(all.body.limit).toBe(100);
      expect((all.body.results as unknown[]).length).toBe(18);
      const page = await json('/api/v1/persons?limit=5&offset=5');
      expect((page.body.results as { id: number }[]).map((r) => r.id)).toEqual(
        (all.body.results as { id: number }[]).slice(5, 10).map((r) => r.id),
      );
    });

    it('filters by fate and by an event type in a period', async () => {
      const shot = await json('/api/v1/persons?fate=shot_in_ussr');
      expect((shot.body.results as { name: string }[]).map((r) => r.name).sort()).toEqual([
        'Heinz Neumann',
        'Nikolai Yezhov',
        'Willy Harzheim',
      ]);
      const handed = await json('/api/v1/persons?event=handover&from=1939-09&to=1941-06');
      expect((handed.body.results as { name: string }[]).map((r) => r.name)).toContain('Margarete Buber-Neumann');
    });

    it('never fails on hostile queries', async () => {
      for (const q of [
        '',
        '   ',
        'a',
        '"',
        '*',
        'NEAR',
        '^',
        'AND',
        '"unbalanced',
        "' OR 1=1 --",
        '%00%01',
        'x'.repeat(400),
      ]) {
        const res = await archive.app.request(`/api/v1/persons?q=${encodeURIComponent(q)}`);
        expect(res.status, q.slice(0, 10)).toBe(200);
      }
    });

    it('answers bad parameters with 400 and a JSON message', async () => {
      for (const path of [
        '/api/v1/persons?limit=-1',
        '/api/v1/persons?limit=abc',
        '/api/v1/persons?offset=-5',
        '/api/v1/persons?offset=99999999',
        '/api/v1/persons?fate=eaten',
        '/api/v1/persons?from=1940',
        '/api/v1/persons?event=handover&from=1941&to=1939',
        '/api/v1/persons?event=handover&from=May',
        `/api/v1/persons?q=${'x'.repeat(10_000)}`,
      ]) {
        const { status, type, body } = await json(path);
        expect(status, path).toBe(400);
        expect(type, path).toMatch(/application\/json/);
        expect(body, path).toMatchObject({ error: { code: 'bad_request', message: expect.any(String) } });
      }
    });

    it('serves its OpenAPI document and JSON 404s', async () => {
      const doc = await json('/api/v1/openapi.json');
      expect(doc.body.openapi).toBe('3.1.0');
      expect((await json('/api/v1/nothing')).status).toBe(404);
    });
  });
}

describe('the date reader', () => {
  it('says how an EDTF date reads in each language, and that a wrong one is not a date', async () => {
    const archive = await openTestArchive('sqlite');
    try {
      const ok = await archive.app.request('/api/v1/dates?edtf=1937-11-20');
      expect(await ok.json()).toEqual({
        edtf: '1937-11-20',
        valid: true,
        min: '1937-11-20',
        max: '1937-11-20',
        words: {
          en: expect.stringContaining('1937'),
          de: expect.stringContaining('1937'),
          ru: expect.stringContaining('1937'),
        },
      });
      const bad = await (await archive.app.request('/api/v1/dates?edtf=1937-13-45')).json();
      expect(bad).toMatchObject({ valid: false, words: null });
      expect((await archive.app.request(`/api/v1/dates?edtf=${'9'.repeat(200)}`)).status).toBe(400);
    } finally {
      await archive.close();
    }
  });
});
