import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sitemapFile, sitemapRoot } from '../../src/harvest/sitemap.ts';
import { insertSource } from '../../src/sources/source.repository.ts';
import { idOf, openTestArchive, type TestArchive } from '../support/app.ts';
import { insertPerson } from '../support/factories.ts';
import { ENGINES } from '../support/storage.ts';

/** Parses XML after checking it is well-formed; repeated elements are always arrays. */
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  removeNSPrefix: true,
  isArray: (name) =>
    ['record', 'header', 'set', 'url', 'sitemap', 'link', 'title', 'identifier', 'error'].includes(name),
});
function xml(text: string) {
  expect(XMLValidator.validate(text)).toBe(true);
  return parser.parse(text);
}

/** Joins the pieces a streamed document is written in. */
async function text(pieces: AsyncIterable<string> | null): Promise<string> {
  let out = '';
  for await (const piece of pieces ?? []) out += piece;
  return out;
}

type Header = { identifier: string[]; datestamp: string; setSpec: string };

for (const engine of ENGINES) {
  describe(`harvesting (OAI-PMH, sitemap, robots.txt) on ${engine}`, () => {
    let archive: TestArchive;
    let draft: number;
    let draftSource: number;
    let added: number[];
    const oai = async (query: string) => {
      const res = await archive.app.request(`/oai?${query}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
      return xml(await res.text())['OAI-PMH'];
    };
    const errorOf = async (query: string) => (await oai(query)).error?.[0]?.['@code'];
    /** Every header of a list, following its resumption tokens. */
    const harvest = async (verb: string, query: string) => {
      const headers: Header[] = [];
      let next = `verb=${verb}&${query}`;
      for (let requests = 0; requests < 20; requests++) {
        const body = (await oai(next))[verb];
        const page: Header[] =
          verb === 'ListRecords' ? body.record.map((r: { header: Header[] }) => r.header[0]) : body.header;
        headers.push(...page);
        const token = body.resumptionToken;
        const value = typeof token === 'object' ? token['#text'] : token;
        if (!value) return { headers, requests: requests + 1 };
        next = `verb=${verb}&resumptionToken=${encodeURIComponent(value)}`;
      }
      throw new Error('the list did not end');
    };
    beforeAll(async () => {
      archive = await openTestArchive(engine);
      added = [];
      for (let i = 0; i < 120; i++)
        added.push(await insertPerson(archive.storage, { names: [{ given: 'Harvest', surname: `Person${i}` }] }));
      draft = await insertPerson(archive.storage, { names: [{ given: 'Dora', surname: 'Draft' }], status: 'draft' });
      draftSource = await insertSource(archive.storage.db, {
        kind: 'book',
        title: 'A source still in draft',
        status: 'draft',
      });
    });
    afterAll(async () => {
      await archive?.close();
    });

    it('identifies itself, with its base URL, datestamp granularity, identifier scheme and data licence', async () => {
      const id = (await oai('verb=Identify')).Identify;
      expect(id.baseURL).toBe('http://localhost/oai');
      expect(id.protocolVersion).toBe(2);
      expect(id.granularity).toBe('YYYY-MM-DDThh:mm:ssZ');
      expect(id.earliestDatestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      expect(id.adminEmail).toMatch(/@/);
      expect(id.description[0]['oai-identifier'].repositoryIdentifier).toBe('localhost');
      expect(id.description[1].rights.rightsReference['@ref']).toBe('https://creativecommons.org/licenses/by/4.0/');
      const formats = (await oai('verb=ListMetadataFormats')).ListMetadataFormats.metadataFormat;
      expect(formats.metadataPrefix).toBe('oai_dc');
      expect((await oai('verb=ListSets')).ListSets.set.map((s: { setSpec: string }) => s.setSpec)).toEqual([
        'persons',
        'sources',
      ]);
    });

    it('lists every published person and every source once, across resumption tokens, drafts left out', async () => {
      const db = archive.storage.db;
      const persons = await db
        .selectFrom('persons')
        .select('id')
        .where('status', '=', 'published')
        .where('merged_into', 'is', null)
        .execute();
      const sources = await db.selectFrom('sources').select('id').where('status', '=', 'published').execute();
      const { headers, requests } = await harvest('ListRecords', 'metadataPrefix=oai_dc');
      expect(requests).toBeGreaterThan(1);
      const ids = headers.map((h) => h.identifier[0]);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.sort()).toEqual(
        [
          ...persons.map((p) => `oai:localhost:persons/${p.id}`),
          ...sources.map((s) => `oai:localhost:sources/${s.id}`),
        ].sort(),
      );
      expect(ids).not.toContain(`oai:localhost:persons/${draft}`);
      expect(ids).not.toContain(`oai:localhost:sources/${draftSource}`);
      expect(headers.every((h) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/.test(h.datestamp))).toBe(true);
      const onlySources = await harvest('ListIdentifiers', 'metadataPrefix=oai_dc&set=sources');
      expect(onlySources.headers.length).toBe(sources.length);
      expect(onlySources.headers.every((h) => h.setSpec === 'sources')).toBe(true);
    });

    it('gives Dublin Core with title, description, identifier and rights', async () => {
      const id = await idOf(archive.storage, 'persons', 'margarete-buber-neumann');
      const record = (await oai(`verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:localhost:persons/${id}`))
        .GetRecord.record[0];
      const dc = record.metadata.dc;
      expect(dc.title).toEqual(['Margarete Buber-Neumann']);
      expect(dc.description).toMatch(/Ravensbrück/);
      expect(dc.identifier).toEqual([`http://localhost/persons/${id}`]);
      expect(dc.coverage).toBe('1901-10-21/1989-11-06');
      expect(dc.rights).toMatch(/CC BY 4\.0/);
      const post = await archive.app.request('/oai', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:localhost:persons/${id}`,
      });
      expect(xml(await post.text())['OAI-PMH'].GetRecord.record[0].metadata.dc.title).toEqual([
        'Margarete Buber-Neumann',
      ]);
    });

    it('harvests what changed in a period', async () => {
      const changed = added[7] ?? 0;
      await archive.storage.db
        .updateTable('persons')
        .set({ updated_at: '2031-05-06 07:08:09' })
        .where('id', '=', changed)
        .execute();
      const later = await oai('verb=ListIdentifiers&metadataPrefix=oai_dc&from=2031-01-01');
      expect(later.ListIdentifiers.header.map((h: Header) => h.identifier[0])).toEqual([
        `oai:localhost:persons/${changed}`,
      ]);
      const exact = await oai(
        'verb=ListIdentifiers&metadataPrefix=oai_dc&from=2031-05-06T07:08:09Z&until=2031-05-06T07:08:09Z',
      );
      expect(exact.ListIdentifiers.header[0].datestamp).toBe('2031-05-06T07:08:09Z');
      expect(await errorOf('verb=ListIdentifiers&metadataPrefix=oai_dc&until=2000-01-01')).toBe('noRecordsMatch');
    });

    it('answers each kind of bad request with the error code the protocol names', async () => {
      const id = await idOf(archive.storage, 'persons', 'ernst-fabisch');
      const cases: [string, string][] = [
        ['', 'badVerb'],
        ['verb=Bogus', 'badVerb'],
        ['verb=Identify&verb=Identify', 'badVerb'],
        ['verb=Identify&extra=1', 'badArgument'],
        ['verb=ListRecords', 'badArgument'],
        ['verb=ListRecords&metadataPrefix=oai_dc&from=2020-13-01', 'badArgument'],
        ['verb=ListRecords&metadataPrefix=oai_dc&from=2020-01-01&until=2021-01-01T00:00:00Z', 'badArgument'],
        ['verb=ListRecords&metadataPrefix=oai_dc&from=2021-01-01&until=2020-01-01', 'badArgument'],
        ['verb=ListRecords&metadataPrefix=oai_dc&set=letters', 'badArgument'],
        ['verb=ListRecords&metadataPrefix=oai_dc&metadataPrefix=oai_dc', 'badArgument'],
        ['verb=ListRecords&resumptionToken=abc&metadataPrefix=oai_dc', 'badArgument'],
        ['verb=GetRecord&metadataPrefix=oai_dc', 'badArgument'],
        ['verb=ListRecords&resumptionToken=not-a-token', 'badResumptionToken'],
        [
          `verb=ListIdentifiers&resumptionToken=${Buffer.from('{"verb":"ListRecords"}').toString('base64url')}`,
          'badResumptionToken',
        ],
        ['verb=ListRecords&metadataPrefix=marc21', 'cannotDisseminateFormat'],
        [`verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:localhost:persons/${draft}`, 'idDoesNotExist'],
        [`verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:localhost:sources/${draftSource}`, 'idDoesNotExist'],
        ['verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:localhost:persons/999999', 'idDoesNotExist'],
        [`verb=GetRecord&metadataPrefix=oai_dc&identifier=oai:elsewhere.org:persons/${id}`, 'idDoesNotExist'],
        ['verb=ListMetadataFormats&identifier=oai:localhost:sources/999999', 'idDoesNotExist'],
      ];
      for (const [query, code] of cases) expect(await errorOf(query), query).toBe(code);
      // After badVerb and badArgument the request element gives the base URL alone.
      expect((await oai('verb=Bogus&x=1')).request).toBe('http://localhost/oai');
    });

    it('lists every public page in a sitemap, and splits a large archive into an index of sitemaps', async () => {
      const res = await archive.app.request('/sitemap.xml');
      expect(res.headers.get('content-type')).toBe('text/xml; charset=utf-8');
      const urls = xml(await res.text()).urlset.url as { loc: string; link: { '@hreflang': string }[] }[];
      const locs = urls.map((u) => u.loc);
      const buber = await idOf(archive.storage, 'persons', 'margarete-buber-neumann');
      expect(locs).toContain(`http://localhost/en/persons/${buber}`);
      expect(locs).not.toContain(`http://localhost/en/persons/${draft}`);
      expect(locs).not.toContain(`http://localhost/en/sources/${draftSource}`);
      expect(urls[0]?.link.map((l) => l['@hreflang'])).toEqual(['en', 'de', 'ru']);

      // With five addresses to a sitemap, the same pages come from an index of sitemaps.
      const db = archive.storage.db;
      const index = xml(await text(sitemapRoot(db, 'http://localhost', 5))).sitemapindex.sitemap as { loc: string }[];
      expect(index.length).toBeGreaterThan(5);
      const split: string[] = [];
      for (const { loc } of index) {
        const name = loc.replace('http://localhost/sitemaps/', '').replace('.xml', '');
        const file = await sitemapFile(db, 'http://localhost', name, 5);
        const part = (xml(await text(file)).urlset.url ?? []) as { loc: string }[];
        expect(part.length).toBeLessThanOrEqual(name === 'pages' ? 6 : 5);
        split.push(...part.map((u) => u.loc));
      }
      expect(split.sort()).toEqual([...locs].sort());
      expect((await archive.app.request('/sitemaps/persons-999.xml')).status).toBe(404);
      expect((await archive.app.request('/sitemaps/secrets-1.xml')).status).toBe(404);
    });

    it('serves robots.txt naming the sitemap', async () => {
      const text = await (await archive.app.request('/robots.txt')).text();
      expect(text).toMatch(/^User-agent: \*$/m);
      expect(text).toMatch(/^Sitemap: http:\/\/localhost\/sitemap\.xml$/m);
    });
  });
}
