import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addListRow, createSource } from '../../src/sources/source.service.ts';
import { openTestArchive, type TestArchive } from '../support/app.ts';
import { insertPerson } from '../support/factories.ts';
import { ENGINES } from '../support/storage.ts';

/** Parses CSV as RFC 4180 strictly (every record as long as the header), BOM removed. */
function records(text: string): Record<string, string>[] {
  return parse(text, { columns: true, bom: true, relax_column_count: false, skip_empty_lines: false });
}

for (const engine of ENGINES) {
  describe(`CSV exports on ${engine}`, () => {
    let archive: TestArchive;
    let list: number;
    let linked: number;
    const ROWS = 2_345;
    beforeAll(async () => {
      archive = await openTestArchive(engine);
      const db = archive.storage.db;
      linked = await insertPerson(archive.storage, { names: [{ given: 'Anna', surname: 'Quote' }] });
      const draft = await insertPerson(archive.storage, {
        names: [{ given: 'Dora', surname: 'Draft' }],
        status: 'draft',
      });
      list = await createSource(db, {
        kind: 'list',
        title: 'A long list',
        columns: [
          { key: 'no', label: 'Nr.' },
          { key: 'name', label: 'Name, wie geschrieben' },
          { key: 'remark', label: 'Bemerkung' },
        ],
      });
      // Cells with what CSV must quote: commas, quotes, line breaks, Cyrillic.
      for (let i = 1; i <= ROWS; i++) {
        await addListRow(db, list, {
          position: i,
          cells: {
            no: String(i),
            name: i === 2 ? 'Бубер-Нейман, Маргарита' : `Name ${i}`,
            remark: i === 3 ? 'sagt "nein",\r\nzweite Zeile' : '',
          },
          links:
            i === 1
              ? [{ personId: linked, status: 'confirmed' }]
              : i === 4
                ? [{ personId: draft, status: 'confirmed' }]
                : [],
        });
      }
    });
    afterAll(async () => {
      await archive?.close();
    });

    it('streams every row of a list, quoted as RFC 4180 says, with its link to a published person only', async () => {
      const res = await archive.app.request(`/api/v1/lists/${list}/rows?format=csv`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8; header=present');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="list-${list}.csv"`);
      expect(res.headers.get('link')).toBe('<https://creativecommons.org/licenses/by/4.0/>; rel="license"');
      const text = await res.text();
      expect(text.charCodeAt(0)).not.toBe(0xfeff);
      expect(text.split('\r\n')[0]).toBe(
        'position,Nr.,"Name, wie geschrieben",Bemerkung,person_id,person,person_url,link_status,note',
      );
      const rows = records(text);
      expect(rows.length).toBe(ROWS);
      expect(rows.map((r) => Number(r.position))).toEqual(Array.from({ length: ROWS }, (_, i) => i + 1));
      expect(rows[0]).toMatchObject({ person_id: String(linked), person: 'Anna Quote', link_status: 'confirmed' });
      expect(rows[0]?.person_url).toMatch(new RegExp(`/persons/${linked}$`));
      expect(rows[1]?.['Name, wie geschrieben']).toBe('Бубер-Нейман, Маргарита');
      expect(rows[2]?.Bemerkung).toBe('sagt "nein",\r\nzweite Zeile');
      expect(rows[3]).toMatchObject({ person_id: '', person: '' });
    });

    it('puts a byte-order mark first when asked, for spreadsheet programs', async () => {
      const res = await archive.app.request(`/api/v1/lists/${list}/rows?format=csv&bom=1`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      expect(records(new TextDecoder().decode(bytes)).length).toBe(ROWS);
    });

    it('gives a person search the same persons in the same order as the JSON answer', async () => {
      for (const query of [
        'fate=shot_in_ussr',
        'q=Neumann',
        'q=%D0%A4%D0%B0%D0%B1%D0%B8%D1%88',
        'event=handover&from=1939-09&to=1941-06',
        'sort=name',
      ]) {
        const json = (await (await archive.app.request(`/api/v1/persons?${query}&limit=100`)).json()) as {
          results: { id: number; name: string; matched: { how: string } | null }[];
        };
        const res = await archive.app.request(`/api/v1/persons?${query}&format=csv`);
        expect(res.status, query).toBe(200);
        const rows = records(await res.text());
        expect(
          rows.map((r) => Number(r.id)),
          query,
        ).toEqual(json.results.map((r) => r.id));
        expect(
          rows.map((r) => r.matched_how || null),
          query,
        ).toEqual(json.results.map((r) => r.matched?.how ?? null));
      }
    });

    it('answers 304 to an unchanged export, and refuses bad filters before sending any CSV', async () => {
      const first = await archive.app.request('/api/v1/persons?fate=survived&format=csv');
      const tag = first.headers.get('etag');
      expect(tag).toMatch(/^W\/"/);
      await first.text();
      const again = await archive.app.request('/api/v1/persons?fate=survived&format=csv', {
        headers: { 'if-none-match': tag ?? '' },
      });
      expect(again.status).toBe(304);
      const other = await archive.app.request('/api/v1/persons?fate=survived&format=csv&bom=1', {
        headers: { 'if-none-match': tag ?? '' },
      });
      expect(other.status).toBe(200);
      await other.text();
      for (const bad of ['from=1940', 'format=xls', 'fate=eaten', 'bom=2']) {
        const res = await archive.app.request(`/api/v1/persons?${bad}&format=csv`);
        expect(res.status, bad).toBe(400);
        expect(res.headers.get('content-type'), bad).toMatch(/application\/json/);
      }
    });
  });
}
