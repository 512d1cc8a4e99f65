import fs from 'node:fs';
import path from 'node:path';
import jsonld from 'jsonld';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idOf, openTestArchive, type TestArchive } from '../support/app.ts';
import { ENGINES, FIXTURES } from '../support/storage.ts';

const SCHEMA = 'http://schema.org/';
const context = JSON.parse(fs.readFileSync(path.join(FIXTURES, 'jsonld/schema-org-context.jsonld'), 'utf8'));
const asked: string[] = [];

/** Serves the bundled schema.org context and refuses every other address: no test reaches a network. */
const documentLoader = async (url: string) => {
  asked.push(url);
  if (/^https?:\/\/schema\.org\/?$/.test(url)) return { contextUrl: undefined, documentUrl: url, document: context };
  throw new Error(`the tests load no document from ${url}`);
};

type Node = Record<string, unknown[]> & { '@id'?: string; '@type'?: string[] };

async function expand(doc: object): Promise<Node[]> {
  // Flattened without a context: one node per subject, every property and type a full IRI.
  return (await jsonld.flatten(doc as jsonld.JsonLdDocument, undefined, { documentLoader })) as unknown as Node[];
}

const ofType = (nodes: Node[], type: string) => nodes.filter((n) => n['@type']?.includes(SCHEMA + type));
const values = (node: Node | undefined, property: string) =>
  ((node?.[SCHEMA + property] ?? []) as { '@value'?: unknown; '@id'?: string; '@type'?: string }[]).map(
    (v) => v['@value'] ?? v['@id'],
  );
const typed = (node: Node | undefined, property: string) =>
  ((node?.[SCHEMA + property] ?? []) as { '@type'?: string }[]).map((v) => v['@type']);
const byId = (nodes: Node[], id: unknown) => nodes.find((n) => n['@id'] === id);

for (const engine of ENGINES) {
  describe(`linked data (schema.org JSON-LD) on ${engine}`, () => {
    let archive: TestArchive;
    const ld = async (p: string) => {
      const res = await archive.app.request(p, { headers: { accept: 'application/ld+json' } });
      expect(res.status, p).toBe(200);
      expect(res.headers.get('content-type'), p).toBe('application/ld+json; charset=utf-8');
      expect(res.headers.get('vary'), p).toBe('Accept');
      return (await res.json()) as object;
    };
    beforeAll(async () => {
      archive = await openTestArchive(engine);
    });
    afterAll(async () => {
      await archive?.close();
    });

    it('describes a person with life dates and places, other names, family and friends', async () => {
      const id = await idOf(archive.storage, 'persons', 'margarete-buber-neumann');
      const nodes = await expand(await ld(`/en/persons/${id}`));
      const [person] = ofType(nodes, 'Person').filter((n) => n['@id']?.endsWith(`/persons/${id}#person`));
      expect(values(person, 'name')).toEqual(['Margarete Buber-Neumann']);
      expect(values(person, 'birthDate')).toEqual(['1901-10-21']);
      expect(typed(person, 'birthDate')).toEqual([`${SCHEMA}Date`]);
      expect(values(person, 'deathDate')).toEqual(['1989-11-06']);
      expect(values(byId(nodes, values(person, 'birthPlace')[0]), 'name')).toEqual(['Potsdam']);
      expect(values(person, 'alternateName')).toEqual(
        expect.arrayContaining(['Margarete Thüring', 'Grete Buber', 'Маргарита Бубер-Нейман']),
      );
      expect(values(person, 'familyName')).toEqual(['Buber-Neumann']);
      const knows = values(person, 'knows').map((k) => values(byId(nodes, k), 'name')[0]);
      expect(knows).toEqual(expect.arrayContaining(['Heinz Neumann', 'Milena Jesenská']));
      expect(values(byId(nodes, values(person, 'spouse')[0]), 'name')).toEqual(['Rafael Buber']);
      const [page] = ofType(nodes, 'ItemPage');
      expect(values(page, 'about')).toEqual([person?.['@id']]);
      expect(values(page, 'license')).toEqual(['https://creativecommons.org/licenses/by/4.0/']);
      // It is RDF a triple store can load.
      const quads = (await jsonld.toRDF((await ld(`/en/persons/${id}`)) as jsonld.JsonLdDocument, {
        format: 'application/n-quads',
        documentLoader,
      })) as unknown as string;
      expect(quads).toContain(`<${SCHEMA}birthDate> "1901-10-21"^^<${SCHEMA}Date>`);
    });

    it('embeds in each record page the JSON-LD it serves', async () => {
      const id = await idOf(archive.storage, 'persons', 'ernst-fabisch');
      const html = (await archive.get(`/en/persons/${id}`)).text;
      const embedded = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(html)?.[1];
      expect(JSON.parse(embedded ?? 'null')).toEqual(await ld(`/en/persons/${id}`));
      const home = (await archive.get('/en/')).text;
      const dataset = JSON.parse(/<script type="application\/ld\+json">(.*?)<\/script>/s.exec(home)?.[1] ?? 'null');
      const [node] = ofType(await expand(dataset), 'Dataset');
      expect(values(node, 'license')).toEqual(['https://creativecommons.org/licenses/by/4.0/']);
      expect(values(node, 'distribution').length).toBeGreaterThanOrEqual(3);
    });

    it('describes an event with its place and everyone who took part', async () => {
      const id = await idOf(archive.storage, 'events', 'bug-bridge-handover-1940-02');
      const nodes = await expand(await ld(`/en/events/${id}`));
      const [event] = ofType(nodes, 'Event');
      const attendees = values(event, 'attendee').map((a) => values(byId(nodes, a), 'name')[0]);
      expect(attendees).toContain('Margarete Buber-Neumann');
      expect(values(byId(nodes, values(event, 'location')[0]), 'name')[0]).toMatch(/Brest|Bug/);
    });

    it('links places and organizations to GeoNames, Wikidata and the GND, and gives coordinates', async () => {
      const db = archive.storage.db;
      const brest = await idOf(archive.storage, 'places', 'brest');
      await db
        .updateTable('places')
        .set({ wikidata_id: 'Q157725', geonames_id: '629634' })
        .where('id', '=', brest)
        .execute();
      const nkvd = await idOf(archive.storage, 'organizations', 'nkvd');
      await db
        .updateTable('organizations')
        .set({ wikidata_id: 'Q168659', gnd_id: '4171396-5' })
        .where('id', '=', nkvd)
        .execute();
      const [place] = ofType(await expand(await ld(`/en/places/${brest}`)), 'Place').filter((n) =>
        n['@id']?.endsWith(`/places/${brest}#place`),
      );
      expect(values(place, 'sameAs')).toEqual([
        'http://www.wikidata.org/entity/Q157725',
        'https://sws.geonames.org/629634/',
      ]);
      const withGeo = await db.selectFrom('places').select('id').where('lat', 'is not', null).executeTakeFirstOrThrow();
      const geoNodes = await expand(await ld(`/en/places/${withGeo.id}`));
      const [geo] = ofType(geoNodes, 'GeoCoordinates');
      expect(typeof values(geo, 'latitude')[0]).toBe('number');
      const [org] = ofType(await expand(await ld(`/en/organizations/${nkvd}`)), 'Organization').filter((n) =>
        n['@id']?.endsWith('#organization'),
      );
      expect(values(org, 'sameAs')).toEqual([
        'http://www.wikidata.org/entity/Q168659',
        'https://d-nb.info/gnd/4171396-5',
      ]);
    });

    it('describes books by their authors and archival units as archive components', async () => {
      const db = archive.storage.db;
      const book = await db
        .selectFrom('sources')
        .select('id')
        .where('kind', '=', 'book')
        .where('authors', 'is not', null)
        .executeTakeFirstOrThrow();
      const [work] = ofType(await expand(await ld(`/en/sources/${book.id}`)), 'Book');
      expect(values(work, 'author').length).toBeGreaterThan(0);
      const archival = await db
        .selectFrom('sources')
        .select('id')
        .where('archive', 'is not', null)
        .executeTakeFirstOrThrow();
      const nodes = await expand(await ld(`/en/sources/${archival.id}`));
      const [unit] = ofType(nodes, 'ArchiveComponent');
      expect(values(byId(nodes, values(unit, 'holdingArchive')[0]), 'name').length).toBe(1);
    });

    it('asked for no document but the schema.org context', () => {
      expect(new Set(asked)).toEqual(new Set(['https://schema.org']));
    });

    it('answers a malformed Accept with 400 and one it cannot meet with 406', async () => {
      const id = await idOf(archive.storage, 'persons', 'ernst-fabisch');
      expect((await archive.get(`/en/persons/${id}`, { accept: 'text/html;q=x' })).status).toBe(400);
      expect((await archive.get(`/en/persons/${id}`, { accept: 'image/png' })).status).toBe(406);
      expect((await archive.get(`/en/persons/${id}`, { accept: '*/*' })).res.headers.get('content-type')).toMatch(
        /text\/html/,
      );
    });
  });
}
