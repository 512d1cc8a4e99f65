import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listCitations } from '../../src/citations/citation.repository.ts';
import { addCitation } from '../../src/citations/citation.service.ts';
import { openBulkWriter } from '../../src/db/bulk.ts';
import type { Storage } from '../../src/db/connection.ts';
import {
  findEventById,
  listEventsWithVariants,
  listEventTexts,
  listParticipants,
} from '../../src/events/event.repository.ts';
import { EVENT_COLUMNS, type EventFields, eventRow } from '../../src/events/event.rows.ts';
import { addParticipant, createEvent, updateEvent } from '../../src/events/event.service.ts';
import { NAME_COLUMNS, type NewName, nameRow } from '../../src/names/name.rows.ts';
import { addName } from '../../src/names/name.service.ts';
import { findOrganizationById, listOrganizationNames } from '../../src/organizations/organization.repository.ts';
import { createOrganization } from '../../src/organizations/organization.service.ts';
import {
  findPersonById,
  listAttributes,
  listNames,
  listRelationships,
  listRoles,
  personText,
} from '../../src/persons/person.repository.ts';
import { PERSON_COLUMNS, type PersonFields, personRow } from '../../src/persons/person.rows.ts';
import { createPerson, updatePerson } from '../../src/persons/person.service.ts';
import { addAttribute, addRelationship } from '../../src/persons/statement.service.ts';
import { findPlaceById, listPlaceNames } from '../../src/places/place.repository.ts';
import { createPlace } from '../../src/places/place.service.ts';
import {
  findSourceById,
  listDocumentTexts,
  listLinksOfRows,
  listRowsOfSource,
} from '../../src/sources/source.repository.ts';
import { addDocumentText, addListRow, createSource } from '../../src/sources/source.service.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';

for (const engine of ENGINES) {
  describe(`the write path's services on ${engine}`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await openTestStorage(engine);
    });
    afterEach(async () => {
      await storage.close();
    });

    it('creates a person with display and sort name from the first name, the folded sort key, roles, biography and names', async () => {
      const db = storage.db;
      const id = await createPerson(db, {
        sex: 'female',
        roles: ['victim', 'witness', 'victim'],
        biography: { en: 'Emigrated in 1933.', de: 'Emigrierte 1933.' },
        names: [
          { kind: 'birth', given: 'Łucja', surname: 'Ölberg', lang: 'pl' },
          { kind: 'as-written', full: 'Ольберг Люция', lang: 'ru', rank: 'deprecated', note: 'a list' },
        ],
      });
      expect(await findPersonById(db, id)).toMatchObject({
        display_name: 'Łucja Ölberg',
        sort_name: 'Ölberg, Łucja',
        sort_key: 'olberg lucja',
        sex: 'female',
        status: 'published',
        fate: null,
        key: null,
      });
      expect(await listRoles(db, id)).toEqual(['victim', 'witness']);
      expect(await personText(db, id, 'de')).toBe('Emigrierte 1933.');
      const names = await listNames(db, id);
      expect(names.map((n) => [n.full_name, n.kind, n.lang, n.rank, n.note, n.sort])).toEqual([
        ['Łucja Ölberg', 'birth', 'pl', 'normal', null, 0],
        ['Ольберг Люция', 'as-written', 'ru', 'deprecated', 'a list', 1],
      ]);

      // A name added later goes after the others; an update derives the sort key again.
      await addName(db, id, { kind: 'married', given: 'Łucja', surname: 'Weber' });
      expect((await listNames(db, id)).map((n) => [n.full_name, n.sort])).toContainEqual(['Łucja Weber', 2]);
      await updatePerson(db, id, {
        display: 'Lucia Weber',
        sort: 'Weber, Lucia',
        sex: 'female',
        fateOverride: 'survived',
      });
      expect(await findPersonById(db, id)).toMatchObject({
        display_name: 'Lucia Weber',
        sort_key: 'weber lucia',
        fate_override: 'survived',
      });
      await expect(createPerson(db, { roles: ['victim'] })).rejects.toThrow(/display name or a name/);
    });

    it('creates events with their date bounds, details, participants and descriptions, and variants of them', async () => {
      const db = storage.db;
      const anna = await createPerson(db, { display: 'Anna', sort: 'Anna' });
      const otto = await createPerson(db, { display: 'Otto', sort: 'Otto' });
      const place = await createPlace(db, {
        key: 'stalinsk',
        kind: 'city',
        country: 'RU',
        names: [
          { name: 'Novokuznetsk', lang: 'en', kind: 'current' },
          { name: 'Stalinsk', lang: 'en', kind: 'historical', valid: '1932/1961' },
        ],
      });
      const id = await createEvent(db, {
        type: 'handover',
        date: '1940-02',
        dateText: 'Februar 1940',
        placeId: place,
        details: { people: 2 },
        participants: [
          { personId: anna, role: 'subject' },
          { personId: otto, role: 'companion', note: 'her husband' },
        ],
        description: { en: 'Handed over at the bridge.' },
      });
      expect(await findEventById(db, id)).toMatchObject({
        type: 'handover',
        date_edtf: '1940-02',
        date_min: '1940-02-01',
        date_max: '1940-02-29',
        date_text: 'Februar 1940',
        place_id: place,
        details: '{"people":2}',
        rank: 'normal',
        variant_of: null,
      });
      const variant = await createEvent(db, {
        type: 'handover',
        date: '1940-03-01~',
        variantOf: id,
        rank: 'deprecated',
      });
      expect((await listEventsWithVariants(db, [id])).map((e) => [e.id, e.date_min, e.date_max])).toEqual([
        [id, '1940-02-01', '1940-02-29'],
        [variant, '1940-03-01', '1940-03-01'],
      ]);
      await addParticipant(db, id, { personId: otto, role: 'witness' }, 2);
      expect((await listParticipants(db, [id])).map((p) => [p.person_id, p.role, p.note])).toEqual([
        [anna, 'subject', null],
        [otto, 'companion', 'her husband'],
        [otto, 'witness', null],
      ]);
      expect((await listEventTexts(db, [id])).map((t) => t.description)).toEqual(['Handed over at the bridge.']);

      // An update derives the bounds again; a date whose bounds are known is taken as given.
      await updateEvent(db, id, { type: 'handover', date: '1939/1940' });
      expect(await findEventById(db, id)).toMatchObject({
        date_min: '1939-01-01',
        date_max: '1940-12-31',
        place_id: null,
      });
      await updateEvent(db, id, {
        type: 'handover',
        date: { edtf: '1940-02-07', min: '1940-02-07', max: '1940-02-07' },
      });
      expect(await findEventById(db, id)).toMatchObject({ date_edtf: '1940-02-07', date_min: '1940-02-07' });
      await expect(createEvent(db, { type: 'arrest', date: '1937-13' })).rejects.toThrow(/not a valid EDTF date/);

      expect((await listPlaceNames(db, [place])).map((n) => [n.name, n.valid_min, n.valid_max, n.sort])).toEqual([
        ['Novokuznetsk', null, null, 0],
        ['Stalinsk', '1932-01-01', '1961-12-31', 1],
      ]);
      expect(await findPlaceById(db, place)).toMatchObject({ key: 'stalinsk', kind: 'city', country: 'RU' });
    });

    it('adds dated attributes and relationships, organizations, sources with list rows, texts and citations', async () => {
      const db = storage.db;
      const anna = await createPerson(db, { display: 'Anna', sort: 'Anna' });
      const kpd = await createOrganization(db, {
        key: 'kpd',
        kind: 'party',
        names: [{ name: 'Kommunistische Partei Deutschlands', abbreviation: 'KPD', lang: 'de' }],
      });
      const party = await addAttribute(db, anna, {
        type: 'party',
        value: 'KPD',
        organizationId: kpd,
        date: '1929/1933',
      });
      await addRelationship(db, anna, { type: 'spouse', relatedName: 'Otto Müller', date: '1930~' });
      expect((await listAttributes(db, anna)).map((a) => [a.id, a.organization_id, a.date_min, a.date_max])).toEqual([
        [party, kpd, '1929-01-01', '1933-12-31'],
      ]);
      expect((await listRelationships(db, anna)).map((r) => [r.related_name, r.date_min, r.date_max])).toEqual([
        ['Otto Müller', '1930-01-01', '1930-12-31'],
      ]);
      expect(await findOrganizationById(db, kpd)).toMatchObject({ key: 'kpd', kind: 'party' });
      expect((await listOrganizationNames(db, [kpd])).map((n) => n.abbreviation)).toEqual(['KPD']);

      const list = await createSource(db, {
        kind: 'list',
        title: 'Liste B',
        columns: [
          { key: 'no', label: 'Nr.' },
          { key: 'name', label: 'Name' },
        ],
      });
      expect(JSON.parse((await findSourceById(db, list))?.columns ?? 'null')).toEqual([
        { key: 'no', label: 'Nr.' },
        { key: 'name', label: 'Name' },
      ]);
      const row = await addListRow(db, list, {
        position: 1,
        cells: { no: '1', name: 'Müller, Anna' },
        links: [{ personId: anna, status: 'confirmed' }],
      });
      await addListRow(db, list, { position: 2, cells: { no: '2', name: 'Unbekannt' } });
      const rows = await listRowsOfSource(db, list);
      expect(rows.map((r) => [r.position, JSON.parse(r.cells).name])).toEqual([
        [1, 'Müller, Anna'],
        [2, 'Unbekannt'],
      ]);
      const links = await listLinksOfRows(
        db,
        rows.map((r) => r.id),
        ['confirmed'],
      );
      expect(links.map((l) => [l.row_id, l.person_id, l.status])).toEqual([[row, anna, 'confirmed']]);
      await addDocumentText(db, list, { kind: 'transcription', lang: 'de', text: '1. Müller, Anna' });
      expect((await listDocumentTexts(db, list)).map((t) => t.text)).toEqual(['1. Müller, Anna']);
      await addCitation(db, {
        statementType: 'attribute',
        statementId: party,
        sourceId: list,
        listRowId: row,
        quote: 'KPD',
      });
      expect(await listCitations(db, [{ type: 'attribute', ids: [party] }])).toMatchObject([
        { source_id: list, list_row_id: row, list_row_position: 1, quote: 'KPD', locator: null },
      ]);
    });

    it('writes the same rows through the bulk writer as through the services', async () => {
      const db = storage.db;
      const person: PersonFields = { display: 'Ernst Fabisch', sort: 'Fabisch, Ernst', sex: 'male', fate: 'survived' };
      const name: NewName = { kind: 'birth', given: 'Ernst', surname: 'Fabisch', lang: 'de' };
      const event: EventFields = { type: 'arrest', date: '1937-11~', placeId: null, details: { article: '58-6' } };
      const viaService = await createPerson(db, { ...person, names: [name] });
      const eventViaService = await createEvent(db, event);

      const writer = await openBulkWriter(storage, [
        { table: 'persons', columns: ['id', ...PERSON_COLUMNS] },
        { table: 'names', columns: ['id', ...NAME_COLUMNS] },
        { table: 'events', columns: ['id', ...EVENT_COLUMNS] },
      ]);
      writer.queue('persons').pushRowWithId(100, personRow(person));
      writer.queue('names').pushRowWithId(100, nameRow(100, 0, name));
      writer.queue('events').pushRowWithId(100, eventRow(event));
      await writer.flush();
      await writer.close();

      const without = <T extends object>(row: T | undefined, ...keys: string[]) =>
        Object.fromEntries(Object.entries(row ?? {}).filter(([k]) => !keys.includes(k)));
      const stamps = ['id', 'created_at', 'updated_at'];
      expect(without(await findPersonById(db, 100), ...stamps)).toEqual(
        without(await findPersonById(db, viaService), ...stamps),
      );
      expect((await listNames(db, 100)).map((n) => without(n, 'id', 'person_id'))).toEqual(
        (await listNames(db, viaService)).map((n) => without(n, 'id', 'person_id')),
      );
      expect(without(await findEventById(db, 100), ...stamps)).toEqual(
        without(await findEventById(db, eventViaService), ...stamps),
      );
    });
  });
}
