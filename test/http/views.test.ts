import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockForWriting } from '../../src/db/engine.ts';
import { createEvent } from '../../src/events/event.service.ts';
import { createPlace, updatePlace } from '../../src/places/place.service.ts';
import { reindexPersons } from '../../src/search/index/search-indexer.ts';
import { idOf, openTestArchive, type TestArchive } from '../support/app.ts';
import { insertPerson } from '../support/factories.ts';
import { ENGINES } from '../support/storage.ts';

/** The text of a page without its tags, for reading what it says. */
const words = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

for (const engine of ENGINES) {
  describe(`maps, chronology and statistics on ${engine}`, () => {
    let archive: TestArchive;
    beforeAll(async () => {
      archive = await openTestArchive(engine);
    });
    afterAll(async () => {
      await archive?.close();
    });

    it('draws a life’s road on the person page: dated steps in order, the place named as it was then', async () => {
      const id = await idOf(archive.storage, 'persons', 'ernst-fabisch');
      const page = await archive.get(`/en/persons/${id}`);
      expect(page.status).toBe(200);
      const road = page.text.slice(page.text.indexOf('id="itinerary-heading"'));
      expect(road).toContain('<svg class="map-svg"');
      expect(road).toMatch(/role="img" aria-labelledby="itinerary-map-title itinerary-map-desc"/);
      expect(words(road)).toMatch(/Stalinsk \(today Novokuznetsk\)/);
      // A step with an open end (from late 1934) is drawn as uncertain.
      expect(road).toMatch(/class="mark mark-step uncertain"/);
      const steps = [...road.matchAll(/<li id="step-\d+" value="(\d+)">/g)].map((m) => Number(m[1]));
      expect(steps).toEqual(steps.map((_, i) => i + 1));
      expect(page.text).toContain('class="life-strip"');
      // Each year's label, centred on its tick, has room inside the strip (at about 6 units a digit).
      const strip = page.text.slice(page.text.indexOf('class="life-strip"'));
      const width = Number(strip.match(/viewBox="0 0 (\d+) /)?.[1]);
      const ticks = [...strip.matchAll(/<text class="tick" x="([\d.]+)"/g)].map((m) => Number(m[1]));
      expect(ticks.length).toBeGreaterThan(1);
      for (const x of ticks) expect(x >= 12 && x <= width - 12, `tick at ${x} of ${width}`).toBe(true);
      const buber = await archive.get(
        `/en/persons/${await idOf(archive.storage, 'persons', 'margarete-buber-neumann')}`,
      );
      expect(words(buber.text)).toMatch(/Bug bridge at Brest-Litovsk \(drawn at Brest\)/);
    });

    it('lists undated events with a place apart from the route, and places without coordinates as not on the map', async () => {
      const nowhere = await createPlace(archive.storage.db, {
        kind: 'city',
        names: [{ name: 'Nirgendwo', lang: 'de', kind: 'current' }],
      });
      const person = await insertPerson(archive.storage, {
        names: [{ given: 'Otto', surname: 'Ohnedatum' }],
        events: [
          { type: 'arrest', placeId: await idOf(archive.storage, 'places', 'moscow') },
          { type: 'birth', date: '1900-01-01', placeId: nowhere },
        ],
      });
      await reindexPersons(archive.storage, { ids: [person] });
      const page = await archive.get(`/en/persons/${person}`);
      expect(page.status).toBe(200);
      const road = words(page.text.slice(page.text.indexOf('id="itinerary-heading"')));
      expect(road).toMatch(/Placed, but not dated \(not on the route\) arrest · Moscow/);
      expect(road).toMatch(/Not on the map 1 January 1900 · birth · Nirgendwo/);
    });

    it('shows a place with the places within it on a map, and says so when none has coordinates', async () => {
      const brest = await archive.get(`/en/places/${await idOf(archive.storage, 'places', 'brest')}`);
      expect(brest.status).toBe(200);
      expect(brest.text).toContain('id="place-map"');
      expect(words(brest.text)).toMatch(
        /Bug bridge at Brest-Litovsk \(border crossing\) · drawn where the place around it is/,
      );
      const lviv = await archive.get(`/en/places/${await idOf(archive.storage, 'places', 'lviv')}`);
      expect(lviv.text).not.toContain('id="place-map"');
      expect(lviv.text).toContain('Neither this place nor any place around or within it has coordinates.');
    });

    it('leaves impossible coordinates out, drawing the place where the place around it is', async () => {
      const kotlas = await idOf(archive.storage, 'places', 'kotlas');
      const camp = await idOf(archive.storage, 'places', 'kotlas-camp');
      // As every writer does: under the write lock, which gives the archive a new version.
      await archive.storage.db.transaction().execute(async (trx) => {
        await lockForWriting(trx, 'test');
        await updatePlace(trx, camp, { key: 'kotlas-camp', kind: 'camp', parentId: kotlas, lat: 200, lon: -999 });
      });
      const page = await archive.get(`/en/places/${camp}`);
      expect(page.status).toBe(200);
      expect(words(page.text)).toMatch(
        /Kotlas camp \(camp\) · drawn where the place around it is · its coordinates are impossible/,
      );
      expect(page.text).not.toContain('NaN');
    });

    it('maps any search with every filter, counting persons per place, and lists places without coordinates', async () => {
      const all = await archive.get('/en/map');
      expect(all.status).toBe(200);
      expect(all.text).toContain('<svg class="map-svg"');
      expect(all.text).toContain('id="search-map-points"');
      expect(words(all.text)).toMatch(/Places without coordinates/);
      const handed = await archive.get('/en/map?event=handover&from=1940&to=1940');
      expect(handed.status).toBe(200);
      // Handed over in 1940 (Buber-Neumann, Klein on the Bug bridge; Baltes, Winter at Brest): shown where.
      expect(words(handed.text)).toMatch(/4 persons at 2 places/);
      expect(words(handed.text)).toMatch(/Bug bridge at Brest-Litovsk : 2 persons/);
      const died = await archive.get('/en/map?event=handover&from=1940&to=1940&show=death');
      expect(words(died.text)).toMatch(/For \d+ of them no such place is recorded/);
      const de = await archive.get('/de/map?fate=shot_in_ussr');
      expect(de.status).toBe(200);
      expect(de.text).toContain('Karte einer Suche');
      const ru = await archive.get('/ru/map');
      expect(ru.text).toContain('Карта архива');
    });

    it('answers bad input with a clear 400 or 404, never a 500', async () => {
      for (const path of [
        '/en/map?fate=alive',
        '/en/map?event=handover&from=1941&to=1939',
        '/en/map?from=1940',
        '/en/map?show=everywhere',
        '/en/map?place=abc',
        '/en/statistics?event=arrest&from=1940-13',
        '/en/statistics?to=1939-02&event=handover&from=1941',
        '/en/statistics/fate.csv?sex=other',
        '/en/chronology?year=1950',
        '/en/chronology?month=2',
        '/en/chronology?year=1940&month=13',
        '/en/chronology?year=soon',
      ]) {
        const r = await archive.get(path);
        expect(r.status, path).toBe(400);
        expect(r.text, path).toContain('Request not understood');
      }
      expect((await archive.get('/en/statistics/nothing.csv')).status).toBe(404);
      for (const path of ['/en/map?place=999999', '/en/statistics?place=999999', '/en/map?q=Zzyzxwv']) {
        const r = await archive.get(path);
        expect(r.status, path).toBe(200);
        expect(r.text, path).toContain('No person matches these criteria.');
      }
    });

    it('counts persons by fate, arrest year and handover month, with tables and CSV that agree', async () => {
      const page = await archive.get('/en/statistics');
      expect(page.status).toBe(200);
      for (const id of [
        'fate',
        'arrest-year',
        'handover-month',
        'origin',
        'age',
        'sentence-type',
        'sentence-body',
        'death-place',
      ]) {
        expect(page.text, id).toContain(`id="${id}"`);
        expect(page.text, id).toMatch(
          new RegExp(`aria-labelledby="chart-${id}-title chart-${id}-desc"|id="${id}"[^]*Nothing to count`),
        );
      }
      const csv = await archive.get('/en/statistics/fate.csv');
      expect(csv.res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      const rows = csv.text.trimEnd().split('\r\n');
      expect(rows[0]).toBe('value,label,persons');
      const shot = rows.find((r) => r.startsWith('shot_in_ussr,'));
      expect(shot).toBe('shot_in_ussr,shot in the USSR,3');
      const months = (await archive.get('/en/statistics/handover-month.csv?fate=handed_to_gestapo')).text;
      expect(months).toContain('1940-02,February 1940,');
      const de = await archive.get('/de/statistics?fate=handed_to_gestapo');
      expect(de.text).toContain('Statistik einer Suche');
      expect(de.text).toContain('Auslieferungen an die Gestapo nach Monat');
    });

    it('tells the chronology of 1937–1941 with every handover linked to its event page, zoomed by year and month', async () => {
      const bridge = await idOf(archive.storage, 'events', 'bug-bridge-handover-1940-02');
      const all = await archive.get('/en/chronology');
      expect(all.status).toBe(200);
      expect(all.text).toContain(`href="/en/events/${bridge}"`);
      expect(words(all.text)).toMatch(/Margarete Buber-Neumann/);
      expect(words(all.text)).toMatch(/the source counts 30 \(other sources: 24\)/);
      expect(all.text).toContain('role="img" aria-labelledby="chrono-title chrono-desc"');
      const february = await archive.get('/en/chronology?year=1940&month=2');
      expect(february.text).toContain(`href="/en/events/${bridge}"`);
      expect(february.text).not.toContain('Fritz Baltes');
      const may = await archive.get('/en/chronology?year=1940&month=5');
      expect(words(may.text)).toMatch(/Fritz Baltes/);
      const ru = await archive.get('/ru/chronology?year=1939');
      expect(ru.status).toBe(200);
      expect(ru.text).toContain('Высылки и выдачи: 1939');
    });

    it('keeps the chronology and statistics true after a write', async () => {
      const person = await insertPerson(archive.storage, {
        names: [{ given: 'Kurt', surname: 'Nachtrag' }],
        fate: 'handed_to_gestapo',
        events: [{ type: 'arrest', date: '1938-03-03' }],
      });
      await createEvent(archive.storage.db, {
        type: 'handover',
        date: '1941-03-01',
        participants: [{ personId: person, role: 'subject' }],
      });
      await reindexPersons(archive.storage, { ids: [person] });
      const csv = (await archive.get('/en/statistics/handover-month.csv')).text;
      expect(csv).toContain('1941-03,March 1941,1');
      const march = await archive.get('/en/chronology?year=1941&month=3');
      expect(words(march.text)).toMatch(/Kurt Nachtrag/);
    });
  });
}
