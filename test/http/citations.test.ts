import fs from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { parse as parseBibtex } from 'astrocite-bibtex';
import { parse as parseRis } from 'astrocite-ris';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idOf, openTestArchive, type TestArchive } from '../support/app.ts';
import { insertPerson } from '../support/factories.ts';
import { ENGINES, FIXTURES } from '../support/storage.ts';

const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(
  JSON.parse(fs.readFileSync(path.join(FIXTURES, 'csl/csl-data.schema.json'), 'utf8')),
);

/** The citation shown on a page, as text. */
function citationText(html: string): string {
  const inner = /<p class="citation-text">(.*?)<\/p>/s.exec(html)?.[1] ?? '';
  return inner
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&#38;/g, '&');
}

for (const engine of ENGINES) {
  describe(`citations on ${engine}`, () => {
    let archive: TestArchive;
    let buber: number;
    beforeAll(async () => {
      archive = await openTestArchive(engine);
      buber = await idOf(archive.storage, 'persons', 'margarete-buber-neumann');
    });
    afterAll(async () => {
      await archive?.close();
    });

    it('cites a person’s page in Chicago, APA, DIN 1505-2 and the style of Geschichte und Gesellschaft', async () => {
      const chicago = citationText((await archive.get(`/en/persons/${buber}`)).text);
      expect(chicago).toMatch(/^Fates\. “Margarete Buber-Neumann\.” Accessed \w+ \d+, \d{4}\. http.*\/persons\/\d+\.$/);
      const apa = citationText((await archive.get(`/en/persons/${buber}?cite=apa`)).text);
      expect(apa).toMatch(/^Margarete Buber-Neumann\. \(n\.d\.\)\. Fates\. Retrieved .* from http/);
      const din = citationText((await archive.get(`/de/persons/${buber}?cite=din`)).text);
      expect(din).toMatch(/Margarete Buber-Neumann\. URL http.*abgerufen am \d{4}-\d{2}-\d{2}/);
      const gug = citationText((await archive.get(`/de/persons/${buber}?cite=gug`)).text);
      expect(gug).toMatch(/^Margarete Buber-Neumann, o\. O\., http/);
      const ru = citationText((await archive.get(`/ru/persons/${buber}`)).text);
      expect(ru).toMatch(/«Margarete Buber-Neumann»/);
      expect((await archive.get(`/en/persons/${buber}?cite=mla`)).status).toBe(400);
    });

    it('offers the citation as CSL-JSON that the CSL schema accepts, and as BibTeX and RIS that parsers read', async () => {
      const res = await archive.app.request(`/api/v1/persons/${buber}/citation`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/vnd.citationstyles.csl+json; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(`attachment; filename="fates-person-${buber}.json"`);
      expect(res.headers.get('link')).toMatch(/rel="license"/);
      const items = (await res.json()) as { title: string; URL: string; type: string }[];
      expect(validate(items), JSON.stringify(validate.errors)).toBe(true);
      expect(items[0]).toMatchObject({ type: 'webpage', title: 'Margarete Buber-Neumann', 'container-title': 'Fates' });

      const bib = await archive.app.request(`/api/v1/persons/${buber}/citation?format=bibtex`);
      expect(bib.headers.get('content-type')).toBe('application/x-bibtex; charset=utf-8');
      const [fromBib] = parseBibtex(await bib.text());
      expect(fromBib?.title).toBe('Margarete Buber-Neumann');
      expect(fromBib?.URL).toBe(items[0]?.URL);

      const ris = await archive.app.request(`/api/v1/persons/${buber}/citation?format=ris`);
      expect(ris.headers.get('content-disposition')).toMatch(/\.ris"$/);
      const [fromRis] = parseRis(await ris.text());
      expect(fromRis?.title).toBe('Margarete Buber-Neumann');
    });

    it('cites a source for itself: a book by its authors, an archival unit by its archive and place in it', async () => {
      const db = archive.storage.db;
      const book = await db
        .selectFrom('sources')
        .select(['id', 'title'])
        .where('kind', '=', 'book')
        .where('authors', 'is not', null)
        .where('date_edtf', 'is not', null)
        .executeTakeFirstOrThrow();
      const items = (await (await archive.app.request(`/api/v1/sources/${book.id}/citation`)).json()) as {
        author: { family?: string; literal?: string }[];
        issued: unknown;
      }[];
      expect(validate(items), JSON.stringify(validate.errors)).toBe(true);
      expect(items[0]?.author.length).toBeGreaterThan(0);
      const [fromBib] = parseBibtex(
        await (await archive.app.request(`/api/v1/sources/${book.id}/citation?format=bibtex`)).text(),
      );
      expect(fromBib?.type).toBe('book');
      const name = (n: { family?: string; literal?: string } | undefined) => n?.family ?? n?.literal;
      // A name stored without "Surname, Given" is cited as written; BibTeX readers still find the surname.
      expect(name(items[0]?.author[0])).toContain(name(fromBib?.author?.[0]));
      const [fromRis] = parseRis(
        await (await archive.app.request(`/api/v1/sources/${book.id}/citation?format=ris`)).text(),
      );
      expect(fromRis?.title).toBe(book.title);

      const archival = await db
        .selectFrom('sources')
        .select('id')
        .where('archive', 'is not', null)
        .executeTakeFirstOrThrow();
      const [unit] = (await (await archive.app.request(`/api/v1/sources/${archival.id}/citation`)).json()) as {
        type: string;
        archive: string;
      }[];
      expect(unit?.archive).toBeTruthy();
      const page = await archive.get(`/en/sources/${archival.id}?cite=chicago`);
      expect(page.status).toBe(200);
      expect(citationText(page.text)).toContain(unit?.archive ?? '?');
    });

    it('validates every sample source’s CSL-JSON against the schema', async () => {
      const ids = await archive.storage.db.selectFrom('sources').select('id').execute();
      for (const { id } of ids) {
        const items = await (await archive.app.request(`/api/v1/sources/${id}/citation`)).json();
        expect(validate(items), `source ${id}: ${JSON.stringify(validate.errors)}`).toBe(true);
      }
      // The schema does catch a mistake: a misspelt variable, a date in the wrong shape.
      expect(validate([{ id: 'x', type: 'book', titel: 'A' }])).toBe(false);
      expect(validate([{ id: 'x', type: 'book', issued: { 'date-parts': [1949] } }])).toBe(false);
    });

    it('refuses a format it does not write and a draft person', async () => {
      expect((await archive.app.request(`/api/v1/persons/${buber}/citation?format=endnote`)).status).toBe(400);
      const draft = await insertPerson(archive.storage, { names: [{ given: 'D', surname: 'Raft' }], status: 'draft' });
      expect((await archive.app.request(`/api/v1/persons/${draft}/citation`)).status).toBe(404);
      expect((await archive.app.request('/api/v1/sources/999999/citation?format=ris')).status).toBe(404);
    });
  });
}
