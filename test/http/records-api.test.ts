import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventRecord,
  listRowsResponse,
  organizationRecord,
  personRecord,
  placeRecord,
  placesResponse,
  sourceRecord,
  sourcesResponse,
} from '../../src/api/records.schemas.ts';
import { idOf, openTestArchive, type TestArchive } from '../support/app.ts';
import { insertPerson } from '../support/factories.ts';
import { ENGINES } from '../support/storage.ts';

for (const engine of ENGINES) {
  describe(`record reads of the API on ${engine}`, () => {
    let archive: TestArchive;
    let buber: number;
    let draft: number;
    let merged: number;
    beforeAll(async () => {
      archive = await openTestArchive(engine);
      buber = await idOf(archive.storage, 'persons', 'margarete-buber-neumann');
      draft = await insertPerson(archive.storage, { names: [{ given: 'Dora', surname: 'Entwurf' }], status: 'draft' });
      merged = await insertPerson(archive.storage, { names: [{ given: 'Grete', surname: 'Buber' }] });
      await archive.storage.db.updateTable('persons').set({ merged_into: buber }).where('id', '=', merged).execute();
    });
    afterAll(async () => {
      await archive?.close();
    });

    const get = async (path: string, headers?: Record<string, string>) => {
      const res = await archive.app.request(path, { headers });
      const text = await res.text();
      return { res, status: res.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : null };
    };

    it('reads a person with names, events, facts, relations and list rows, each with rank and citations', async () => {
      const { status, res, body } = await get(`/api/v1/persons/${buber}`);
      expect(status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      const p = personRecord.parse(body);
      expect(p.url).toMatch(new RegExp(`/persons/${buber}$`));
      expect(p.licence.name).toBe('CC BY 4.0');
      const birth = p.names.find((n) => n.kind === 'birth');
      expect(birth).toMatchObject({ full: 'Margarete Thüring', given: 'Margarete', surname: 'Thüring' });
      expect(birth?.citations.length).toBeGreaterThan(0);
      const camp = p.events.find((e) => e.type === 'concentration-camp');
      expect(camp?.place?.name).toMatch(/^Ravensbrück/);
      expect(camp?.variants[0]).toMatchObject({ placeText: 'Ravensburg', rank: 'deprecated' });
      const handover = p.events.find((e) => e.type === 'handover');
      expect(handover?.participantCount).toBeGreaterThan(0);
      const partner = p.relationships.find((r) => r.type === 'partner');
      expect(partner?.person?.name).toBe('Heinz Neumann');
      expect(partner?.variants.map((v) => v.rank)).toContain('deprecated');
      expect(p.listRows[0]?.cells.length).toBeGreaterThan(0);
      // Every citation names a source the record lists.
      const listed = new Set(p.sources.map((s) => s.id));
      const cited = [...p.names, ...p.events, ...p.attributes, ...p.relationships].flatMap((s) => s.citations);
      expect(cited.every((c) => listed.has(c.source))).toBe(true);
    });

    it('names places and labels in the language asked for', async () => {
      const de = personRecord.parse((await get(`/api/v1/persons/${buber}?lang=de`)).body);
      expect(de.biography).toMatch(/geborene Thüring/);
      expect((await get(`/api/v1/persons/${buber}?lang=fr`)).status).toBe(400);
    });

    it('never shows a draft, sends a merged id to the survivor, and answers unknown ids with JSON 404', async () => {
      expect((await get(`/api/v1/persons/${draft}`)).status).toBe(404);
      const res = await archive.app.request(`/api/v1/persons/${merged}?lang=de`);
      expect(res.status).toBe(301);
      expect(res.headers.get('location')).toBe(`/api/v1/persons/${buber}?lang=de`);
      for (const path of [
        '/api/v1/persons/999999',
        '/api/v1/persons/abc',
        '/api/v1/persons/0',
        '/api/v1/events/999999',
        '/api/v1/places/999999',
        '/api/v1/organizations/999999',
        '/api/v1/sources/999999',
        '/api/v1/lists/999999/rows',
        '/api/v1/documents/999999',
      ]) {
        const { status, res: r, body } = await get(path);
        expect(status, path).toBe(404);
        expect(r.headers.get('content-type'), path).toMatch(/^application\/json/);
        expect(body, path).toEqual({ error: { code: 'not_found', message: 'No such resource.' } });
      }
    });

    it('answers with an ETag and Cache-Control, and 304 to a request that has it', async () => {
      const first = await get(`/api/v1/persons/${buber}`);
      const tag = first.res.headers.get('etag');
      expect(tag).toMatch(/^"[^"]+"$/);
      expect(first.res.headers.get('cache-control')).toMatch(/public, max-age=\d+/);
      const again = await archive.app.request(`/api/v1/persons/${buber}`, { headers: { 'if-none-match': tag ?? '' } });
      expect(again.status).toBe(304);
      expect(await again.text()).toBe('');
      expect(again.headers.get('etag')).toBe(tag);
      const other = await archive.app.request(`/api/v1/persons/${buber}?lang=de`, {
        headers: { 'if-none-match': tag ?? '' },
      });
      expect(other.status).toBe(200);
    });

    it('reads an event with every participant, and sends another source’s account to the event', async () => {
      const handover = await idOf(archive.storage, 'events', 'bug-bridge-handover-1940-02');
      const e = eventRecord.parse((await get(`/api/v1/events/${handover}`)).body);
      expect(e.type).toBe('handover');
      expect(e.participants.map((p) => p.name)).toContain('Margarete Buber-Neumann');
      expect(e.participants.length).toBe(e.participantCount);
      expect(e.sources.length).toBeGreaterThan(0);
      const variant = e.variants[0];
      if (variant) {
        const res = await archive.app.request(`/api/v1/events/${variant.id}`);
        expect(res.status).toBe(301);
        expect(res.headers.get('location')).toBe(`/api/v1/events/${handover}`);
      }
    });

    it('pages through places, capping a huge limit, and reads a place with its names over time', async () => {
      const all = placesResponse.parse((await get('/api/v1/places?limit=1000000')).body);
      expect(all.limit).toBe(100);
      expect(all.total).toBe(all.results.length);
      const page = placesResponse.parse((await get('/api/v1/places?limit=3&offset=2')).body);
      expect(page.results.map((p) => p.id)).toEqual(all.results.slice(2, 5).map((p) => p.id));
      for (const bad of ['limit=0', 'limit=x', 'offset=-1'])
        expect((await get(`/api/v1/places?${bad}`)).status).toBe(400);
      const novokuznetsk = await idOf(archive.storage, 'places', 'novokuznetsk');
      const place = placeRecord.parse((await get(`/api/v1/places/${novokuznetsk}`)).body);
      expect(place.names.map((n) => n.name)).toContain('Stalinsk');
    });

    it('reads organizations, sources, lists with their rows, and documents', async () => {
      const nkvd = await idOf(archive.storage, 'organizations', 'nkvd');
      expect(organizationRecord.parse((await get(`/api/v1/organizations/${nkvd}`)).body).events.length).toBeGreaterThan(
        0,
      );
      const books = sourcesResponse.parse((await get('/api/v1/sources?kind=book&limit=100')).body);
      expect(books.results.every((s) => s.kind === 'book')).toBe(true);
      const lists = sourcesResponse.parse((await get('/api/v1/lists')).body);
      expect(lists.total).toBeGreaterThan(0);
      const list = lists.results[0];
      if (!list) throw new Error('no list in the sample');
      const meta = sourceRecord.parse((await get(`/api/v1/lists/${list.id}`)).body);
      expect(meta.columns.length).toBeGreaterThan(0);
      const rows = listRowsResponse.parse((await get(`/api/v1/lists/${list.id}/rows?limit=2&offset=1`)).body);
      expect(rows.total).toBe(meta.rowCount);
      expect(rows.results.map((r) => r.position)).toEqual([2, 3]);
      const documents = sourcesResponse.parse((await get('/api/v1/documents')).body);
      const doc = documents.results[0];
      expect(doc?.kind).toBe('document');
      expect(sourceRecord.parse((await get(`/api/v1/documents/${doc?.id}`)).body).kind).toBe('document');
      // A book is neither a list nor a document.
      const book = books.results[0];
      expect((await get(`/api/v1/lists/${book?.id}`)).status).toBe(404);
      expect((await get(`/api/v1/documents/${book?.id}`)).status).toBe(404);
      const full = sourceRecord.parse((await get(`/api/v1/sources/${book?.id}`)).body);
      expect(full.citedBy.length).toBeGreaterThan(0);
    });
  });
}

describe('the API and the Accept header', () => {
  let archive: TestArchive;
  beforeAll(async () => {
    archive = await openTestArchive('sqlite');
  });
  afterAll(async () => {
    await archive?.close();
  });

  it('refuses a malformed Accept with 400 and one that rules out JSON with 406, both as JSON', async () => {
    const bad = await archive.app.request('/api/v1/places', { headers: { accept: 'json' } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: { code: 'bad_request', message: expect.stringMatching(/Accept/) },
    });
    const none = await archive.app.request('/api/v1/places', { headers: { accept: 'image/png' } });
    expect(none.status).toBe(406);
    expect(await none.json()).toMatchObject({ error: { code: 'not_acceptable' } });
    for (const accept of ['application/json', 'application/*', '*/*', 'text/html, */*;q=0.1']) {
      expect((await archive.app.request('/api/v1/places', { headers: { accept } })).status, accept).toBe(200);
    }
  });
});
