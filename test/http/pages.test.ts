import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { idOf, openTestArchive, type TestArchive } from '../support/app.ts';
import { insertPerson } from '../support/factories.ts';
import { ENGINES } from '../support/storage.ts';

for (const engine of ENGINES) {
  describe(`public pages on ${engine}`, () => {
    let archive: TestArchive;
    beforeAll(async () => {
      archive = await openTestArchive(engine);
    });
    afterAll(async () => {
      await archive?.close();
    });

    it('redirects the root to a language and serves the home page with counts and a search box', async () => {
      const root = await archive.get('/', { 'accept-language': 'de-DE,de;q=0.9' });
      expect(root.status).toBe(302);
      expect(root.res.headers.get('location')).toBe('/de/');
      const home = await archive.get('/en/');
      expect(home.status).toBe(200);
      expect(home.text).toMatch(/^<!DOCTYPE html><html lang="en">/);
      expect(home.text).toMatch(/The archive holds 18 persons/);
      expect(home.text).toContain('name="q"');
      const de = await archive.get('/de/');
      expect(de.text).toContain('Der Opfer gedenken');
    });

    it('lists persons alphabetically and filters by fate and role', async () => {
      const index = await archive.get('/en/persons');
      expect(index.status).toBe(200);
      const names = [...index.text.matchAll(/<a href="\/en\/persons\/\d+">([^<]+)<\/a>/g)].map((m) => m[1]);
      expect(names.length).toBe(18);
      expect(names).toEqual([...names].sort((a, b) => (a ?? '').localeCompare(b ?? '', 'en')));
      const shot = await archive.get('/en/persons?fate=shot_in_ussr');
      expect(shot.text).toContain('Harzheim, Willy');
      expect(shot.text).toContain('Neumann, Heinz');
      expect(shot.text).not.toContain('Buber-Neumann, Margarete');
      const officials = await archive.get('/en/persons?role=official');
      expect(officials.text).toContain('Yezhov');
      expect(officials.text).not.toContain('Fabisch');
    });

    it('finds persons by any stored name, ignoring case and diacritics', async () => {
      for (const [q, expected] of [
        ['thuring', 'Buber-Neumann, Margarete'],
        ['BUBER', 'Buber-Neumann, Margarete'],
        ['Фабиш', 'Fabisch, Ernst'],
        ['hans bloch', 'Klein, Arnold'],
        ['Jesenska', 'Jesenská, Milena'],
      ]) {
        const page = await archive.get(`/en/persons?q=${encodeURIComponent(q as string)}`);
        expect(page.status, q).toBe(200);
        expect(page.text, q).toContain(expected);
      }
    });

    it('shows a person with names, a dated timeline, disagreements, list rows, sources and a citation', async () => {
      const id = await idOf(archive.storage, 'persons', 'margarete-buber-neumann');
      const page = await archive.get(`/en/persons/${id}`);
      expect(page.status).toBe(200);
      const html = page.text;
      for (const text of [
        'Thüring',
        'Grete Buber',
        'Маргарита Бубер-Нейман',
        'birth name',
        'Ravensbrück',
        'Ravensburg',
        'Sources disagree',
        'Cite this page',
        `/persons/${id}`,
        'Last changed',
        'In lists',
      ]) {
        expect(html, text).toContain(text);
      }
      expect(html).toContain('21 October 1901');
      expect(html).toMatch(/rank-deprecated[^>]*>error in source/);
      expect(html).toMatch(/href="\/en\/sources\/\d+"[^>]*>\[1\]/);
      expect(html).toContain('application/ld+json');
      const de = await archive.get(`/de/persons/${id}`);
      expect(de.text).toContain('21. Oktober 1901');
    });

    it('shows Harzheim’s two death dates side by side', async () => {
      const id = await idOf(archive.storage, 'persons', 'willy-harzheim');
      const html = (await archive.get(`/en/persons/${id}`)).text;
      expect(html).toContain('27 December 1937');
      expect(html).toContain('17 December 1937');
    });

    it('shows the February 1940 handover as one event with its participants and the disputed count', async () => {
      const id = await idOf(archive.storage, 'events', 'bug-bridge-handover-1940-02');
      const page = await archive.get(`/en/events/${id}`);
      expect(page.status).toBe(200);
      expect(page.text).toContain('Buber-Neumann');
      expect(page.text).toContain('people: 24');
      expect(page.text).toContain('people: 30');
    });

    it('names twelve others of a crowded event on a person page and counts the rest; the event page lists everyone published', async () => {
      const storage = archive.storage;
      const self = await insertPerson(storage, {
        names: [{ given: 'Erna', surname: 'Zwölfer' }],
        events: [{ type: 'handover', date: '1940-03-02' }],
      });
      const { event_id: event } = await storage.db
        .selectFrom('event_participants')
        .select('event_id')
        .where('person_id', '=', self)
        .executeTakeFirstOrThrow();
      const others: number[] = [];
      for (let i = 1; i <= 20; i++)
        others.push(
          await insertPerson(storage, {
            names: [{ given: `Companion${String(i).padStart(2, '0')}`, surname: 'Zwölfer' }],
          }),
        );
      const draft = await insertPerson(storage, { names: [{ given: 'Unpublished', surname: 'Zwölfer' }] });
      await storage.db.updateTable('persons').set({ status: 'draft' }).where('id', '=', draft).execute();
      for (const [i, id] of [...others, draft].entries())
        await storage.db
          .insertInto('event_participants')
          .values({ event_id: event, person_id: id, role: 'subject', note: null, sort: i + 1 })
          .execute();

      const page = await archive.get(`/en/persons/${self}`);
      const named = [...page.text.matchAll(/>Companion(\d+) Zwölfer</g)].map((m) => m[1]);
      expect(named).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12']);
      expect(page.text).toContain('participants recorded: 20');
      expect(page.text).not.toContain('Unpublished');
      const eventPage = await archive.get(`/en/events/${event}`);
      expect([...eventPage.text.matchAll(/>Companion\d+ Zwölfer</g)].length).toBe(20);
      expect(eventPage.text).toContain('participants recorded: 21');
      expect(eventPage.text).not.toContain('Unpublished');
    });

    it('renders place, organization and source pages, lists with rows as written', async () => {
      const stalinsk = await archive.get(`/en/places/${await idOf(archive.storage, 'places', 'novokuznetsk')}`);
      expect(stalinsk.status).toBe(200);
      expect(stalinsk.text).toContain('Stalinsk');
      const nkvd = await archive.get(`/en/organizations/${await idOf(archive.storage, 'organizations', 'nkvd')}`);
      expect(nkvd.status).toBe(200);
      const sources = await archive.get('/en/sources');
      expect(sources.status).toBe(200);
      const listId = await archive.storage.db
        .selectFrom('sources')
        .select('id')
        .where('kind', '=', 'list')
        .executeTakeFirstOrThrow();
      const list = await archive.get(`/en/sources/${listId.id}`);
      expect(list.text).toContain('Rows as written');
      expect(list.text).toMatch(/id="row-1"/);
      expect((await archive.get('/en/about')).text).toContain('Method');
    });

    it('links places, organizations and sources to the persons they concern', async () => {
      const brest = await idOf(archive.storage, 'places', 'brest');
      const page = await archive.get(`/en/places/${brest}`);
      expect(page.text).toContain(`href="/en/persons?place=${brest}"`);
      const persons = await archive.get(`/en/persons?place=${brest}`);
      expect(persons.status).toBe(200);
      expect(persons.text).toContain('Buber-Neumann, Margarete');
      expect(persons.text).not.toContain('Harzheim, Willy');
    });

    it('gives the 404 page for unknown and malformed ids and unknown paths', async () => {
      for (const path of [
        '/en/persons/999999',
        '/en/persons/abc',
        '/en/persons/-1',
        '/en/persons/1.5',
        '/en/events/0',
        '/en/sources/99999999999999999999',
        '/en/nothing',
        '/xx/persons/1',
      ]) {
        const res = await archive.get(path);
        expect(res.status, path).toBe(404);
        expect(res.text, path).toContain('Page not found');
      }
    });

    it('answers malformed query parameters with 400 and a message', async () => {
      for (const path of [
        '/en/persons?page=0',
        '/en/persons?page=abc',
        '/en/persons?fate=eaten',
        '/en/persons?role=%00',
        `/en/persons?q=${'x'.repeat(501)}`,
      ]) {
        const res = await archive.get(path);
        expect(res.status, path).toBe(400);
        expect(res.text, path).toMatch(/Invalid parameter/);
      }
    });

    it('names the value a reader typed and the values the parameter knows', async () => {
      const res = await archive.get('/en/persons?fate=eaten');
      expect(res.status).toBe(400);
      expect(res.text).toContain(
        'Invalid parameter “fate”: “eaten” is not one of shot_in_ussr, died_in_soviet_custody',
      );
    });

    it('keeps a person’s URL when the name is corrected', async () => {
      const id = await idOf(archive.storage, 'persons', 'franz-winter');
      await archive.storage.db
        .updateTable('persons')
        .set({ display_name: 'Franz Winter (corrected)' })
        .where('id', '=', id)
        .execute();
      const page = await archive.get(`/en/persons/${id}`);
      expect(page.text).toContain('Franz Winter (corrected)');
      const neutral = await archive.get(`/persons/${id}`, { 'accept-language': 'de' });
      expect(neutral.res.headers.get('location')).toBe(`/de/persons/${id}`);
    });
  });
}
