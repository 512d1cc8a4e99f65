import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addCitation } from '../citations/citation.service.ts';
import type { StatementType } from '../citations/citation.table.ts';
import type { Db, Storage } from '../db/connection.ts';
import { lockForWriting } from '../db/engine.ts';
import { prepareBulkChange, recordBulkChange } from '../editing/bulk-change.ts';
import type { EventFields } from '../events/event.rows.ts';
import { addEventText, addParticipant, createEvent, updateEvent } from '../events/event.service.ts';
import type { ParticipantRole } from '../events/event.ts';
import { addName } from '../names/name.service.ts';
import { addOrganizationName, createOrganization, updateOrganization } from '../organizations/organization.service.ts';
import { addBiography, addRole, createPerson, refreshFate, updatePerson } from '../persons/person.service.ts';
import { addAttribute, addRelationship } from '../persons/statement.service.ts';
import { addPlaceName, createPlace, updatePlace } from '../places/place.service.ts';
import { drainIndexQueue } from '../search/index/index-drain.ts';
import { type IndexChange, reindexAffected } from '../search/index/index-writes.ts';
import { addDocumentText, addListRow, createSource, updateSource } from '../sources/source.service.ts';
import {
  clearEventStatements,
  clearOrganizationNames,
  clearPersonStatements,
  clearPlaceNames,
  clearSourceContent,
  findIdByKey,
  getMeta,
  idsByKeys,
  listPlaceParentIds,
  setMeta,
} from './sample.repository.ts';
import type { SampleCitation, SampleEventVariant, SamplePersonEvent } from './sample.schema.ts';
import { readSampleDir, type SampleData } from './sample-files.ts';

export const SAMPLE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/sample');

export interface LoadReport {
  changed: boolean;
  /** Ids of the sample's persons. */
  personIds: number[];
  /** Index entries written in the load's transaction, and records it left to the index queue. */
  indexed: { written: number; queued: number };
  persons: number;
  events: number;
  sources: number;
  places: number;
  organizations: number;
}

const SAMPLE_HASH = 'sample_hash';

/**
 * Loads the sample data into the database, all or nothing, with the search indexes brought up
 * to date in the same transaction (or queued there, see reindexAffected). Files are validated
 * before anything is written. Records are matched by key, so ids are kept; a second load of
 * unchanged files finds the same content hash and writes nothing at all.
 */
export async function loadSample(db: Db, dir: string = SAMPLE_DIR): Promise<LoadReport> {
  const data = readSampleDir(dir);
  const hash = createHash('sha256').update(JSON.stringify(data)).digest('hex');
  const report: LoadReport = {
    changed: false,
    personIds: [],
    indexed: { written: 0, queued: 0 },
    persons: data.persons.length,
    events: data.events.length + data.persons.reduce((n, p) => n + (p.events?.length ?? 0), 0),
    sources: data.sources.length,
    places: data.places.length,
    organizations: data.organizations.length,
  };
  if ((await getMeta(db, SAMPLE_HASH)) === hash) return report;
  const written = await db.transaction().execute(async (trx) => {
    // Processes sharing the database load one at a time; a later one may find the work done.
    await lockForWriting(trx, 'sample-load');
    if ((await getMeta(trx, SAMPLE_HASH)) === hash) return null;
    // The whole load is one change set: the records it makes and those it changes.
    const keyed = async () => ({
      person: await idsByKeys(
        trx,
        'persons',
        data.persons.map((p) => p.key),
      ),
      event: await idsByKeys(trx, 'events', sampleEventKeys(data)),
    });
    const before = await keyed();
    const existing = [
      ...before.person.map((id) => ({ type: 'person' as const, id })),
      ...before.event.map((id) => ({ type: 'event' as const, id })),
    ];
    await prepareBulkChange(trx, existing);
    const change = await writeSample(trx, data);
    const after = await keyed();
    const had = new Set(existing.map((r) => `${r.type}:${r.id}`));
    const all = [
      ...after.person.map((id) => ({ type: 'person' as const, id })),
      ...after.event.map((id) => ({ type: 'event' as const, id })),
    ];
    await recordBulkChange(
      trx,
      { userId: null, kind: 'sample', reason: 'sample data loaded' },
      {
        created: all.filter((r) => !had.has(`${r.type}:${r.id}`)),
        changed: all.filter((r) => had.has(`${r.type}:${r.id}`)),
      },
    );
    await setMeta(trx, SAMPLE_HASH, hash);
    return { personIds: [...(change.persons ?? [])], indexed: await reindexAffected(trx, change) };
  });
  return written ? { ...report, changed: true, ...written } : report;
}

/**
 * Loads the sample data, then writes whatever the index queue holds (what the load queued, and
 * anything an earlier run left pending), so that the archive is searchable when it returns.
 */
export async function loadSampleAndIndex(storage: Storage, dir: string = SAMPLE_DIR): Promise<LoadReport> {
  const report = await loadSample(storage.db, dir);
  await drainIndexQueue(storage);
  return report;
}

/** The keys of every event the sample writes: its shared events and those in person files. */
function sampleEventKeys(data: SampleData): string[] {
  const keys = data.events.map((e) => e.key);
  for (const p of data.persons) {
    const counts = new Map<string, number>();
    for (const e of p.events ?? []) {
      const n = (counts.get(e.type) ?? 0) + 1;
      counts.set(e.type, n);
      keys.push(personEventKey(p.key, e, n));
    }
  }
  return keys;
}

/** The key of an event in a person's file: its own, or one made from the person and the type. */
function personEventKey(personKey: string, e: { key?: string; type: string }, n: number): string {
  return e.key ?? `${personKey}-${e.type}-${n}`;
}

/** Writes the sample's records; returns what the write touched, for the search indexes. */
async function writeSample(db: Db, data: SampleData): Promise<IndexChange> {
  const parentsBefore = await listPlaceParentIds(db);
  const events: number[] = [];
  const listRows: number[] = [];
  const ids = {
    place: new Map<string, number>(),
    organization: new Map<string, number>(),
    source: new Map<string, number>(),
    person: new Map<string, number>(),
  };
  const ref = (kind: keyof typeof ids, key: string | undefined) => {
    if (key === undefined) return null;
    const id = ids[kind].get(key);
    if (id === undefined) throw new Error(`unresolved ${kind} key ${key}`);
    return id;
  };

  // Pass 1: every keyed record, so that references in pass 2 resolve whatever the file order.
  // A record already loaded keeps its id, so permanent URLs survive a reload of corrected files.
  for (const p of data.places) {
    const found = await findIdByKey(db, 'places', p.key);
    ids.place.set(p.key, found ?? (await createPlace(db, { key: p.key, kind: p.kind })));
  }
  for (const o of data.organizations) {
    const found = await findIdByKey(db, 'organizations', o.key);
    ids.organization.set(o.key, found ?? (await createOrganization(db, { key: o.key, kind: o.kind })));
  }
  for (const s of data.sources) {
    const found = await findIdByKey(db, 'sources', s.key);
    ids.source.set(s.key, found ?? (await createSource(db, { key: s.key, kind: s.kind, title: s.title })));
  }
  for (const p of data.persons) {
    const fields = {
      key: p.key,
      display: p.display,
      sort: p.sort,
      sex: p.sex,
      status: p.status ?? 'published',
      fateOverride: p.fate ?? null,
    };
    const found = await findIdByKey(db, 'persons', p.key);
    if (found !== undefined) await updatePerson(db, found, fields);
    ids.person.set(p.key, found ?? (await createPerson(db, fields)));
  }

  // Pass 2: each keyed record's fields with their references, and everything it owns.
  for (const p of data.places) {
    const id = ref('place', p.key) as number;
    await updatePlace(db, id, {
      key: p.key,
      kind: p.kind,
      parentId: ref('place', p.parent),
      lat: p.lat,
      lon: p.lon,
      country: p.country,
      geonamesId: p.geonames,
      wikidataId: p.wikidata,
      note: p.note,
    });
    await clearPlaceNames(db, id);
    for (const [sort, n] of p.names.entries()) await addPlaceName(db, id, n, sort);
  }
  for (const o of data.organizations) {
    const id = ref('organization', o.key) as number;
    await updateOrganization(db, id, {
      key: o.key,
      kind: o.kind,
      parentId: ref('organization', o.parent),
      placeId: ref('place', o.place),
      wikidataId: o.wikidata,
      gndId: o.gnd,
      note: o.note,
    });
    await clearOrganizationNames(db, id);
    for (const [sort, n] of o.names.entries()) await addOrganizationName(db, id, n, sort);
  }
  const rowIds = new Map<string, number[]>();
  for (const s of data.sources) {
    const id = ref('source', s.key) as number;
    await updateSource(db, id, {
      key: s.key,
      kind: s.kind,
      title: s.title,
      authors: s.authors,
      container: s.container,
      publisher: s.publisher,
      publicationPlace: s.publication_place,
      date: s.date,
      url: s.url,
      accessed: s.accessed,
      language: s.language,
      archive: s.archive,
      fond: s.fond,
      opis: s.opis,
      delo: s.delo,
      folios: s.folios,
      columns: s.columns,
      parentId: ref('source', s.parent),
      note: s.note,
    });
    listRows.push(...(await clearSourceContent(db, id)));
    const rows: number[] = [];
    for (const [i, r] of (s.rows ?? []).entries()) {
      rows.push(
        await addListRow(db, id, {
          position: i + 1,
          folio: r.folio,
          cells: r.cells,
          note: r.note,
          links: (r.links ?? (r.person ? [{ person: r.person, status: r.link }] : [])).map((l) => ({
            personId: ref('person', l.person) as number,
            status: l.status ?? 'confirmed',
          })),
        }),
      );
    }
    rowIds.set(s.key, rows);
    listRows.push(...rows);
    for (const t of s.texts ?? []) await addDocumentText(db, id, t);
  }

  const cite = async (type: StatementType, statementId: number, cites: SampleCitation[] | undefined) => {
    for (const c of cites ?? []) {
      const src = typeof c === 'string' ? { source: c } : c;
      await addCitation(db, {
        statementType: type,
        statementId,
        sourceId: ref('source', src.source) as number,
        locator: src.locator,
        listRowId: src.row === undefined ? null : (rowIds.get(src.source)?.[src.row - 1] ?? null),
        quote: src.quote,
        note: src.note,
      });
    }
  };
  const describe = async (eventId: number, description: SamplePersonEvent['description']) => {
    for (const [lang, text] of Object.entries(description ?? {})) await addEventText(db, eventId, lang, text);
  };

  const writeEvent = async (
    key: string,
    e: SamplePersonEvent,
    participants: { person: string; role: ParticipantRole; note?: string }[],
  ) => {
    const main = { ...eventFields(e, ref), key };
    const found = await findIdByKey(db, 'events', key);
    if (found !== undefined) await updateEvent(db, found, main);
    const id = found ?? (await createEvent(db, main));
    events.push(id);
    await clearEventStatements(db, id);
    await cite('event', id, e.cite);
    await describe(id, e.description);
    for (const [sort, p] of participants.entries()) {
      await addParticipant(db, id, { personId: ref('person', p.person) as number, role: p.role, note: p.note }, sort);
    }
    const { variants, ...mainFields } = e;
    for (const v of variants ?? []) {
      const variant = await createEvent(db, {
        ...eventFields({ ...mainFields, ...v }, ref),
        variantOf: id,
        rank: v.rank ?? 'normal',
        note: v.note ?? null,
      });
      await cite('event', variant, v.cite);
      await describe(variant, v.description);
    }
  };

  for (const e of data.events) await writeEvent(e.key, e, e.participants);

  for (const p of data.persons) {
    const personId = ref('person', p.key) as number;
    await clearPersonStatements(db, personId);
    await cite('person', personId, p.cite);
    for (const role of new Set(p.roles)) await addRole(db, personId, role);
    for (const [lang, biography] of Object.entries(p.biography ?? {}))
      await addBiography(db, personId, lang, biography);
    for (const [sort, n] of p.names.entries()) {
      await cite('name', await addName(db, personId, n, sort), n.cite);
    }
    for (const [sort, a] of (p.attributes ?? []).entries()) {
      const base = {
        type: a.type,
        value: a.value,
        organizationId: ref('organization', a.organization),
        placeId: ref('place', a.place),
        date: a.date,
        rank: a.rank,
        note: a.note,
      };
      const id = await addAttribute(db, personId, base, sort);
      await cite('attribute', id, a.cite);
      for (const v of a.variants ?? []) {
        const variant = await addAttribute(
          db,
          personId,
          {
            ...base,
            type: v.type ?? a.type,
            value: v.value ?? a.value,
            organizationId: v.organization ? ref('organization', v.organization) : base.organizationId,
            placeId: v.place ? ref('place', v.place) : base.placeId,
            date: v.date ?? a.date,
            rank: v.rank ?? 'normal',
            note: v.note ?? null,
            variantOf: id,
          },
          sort,
        );
        await cite('attribute', variant, v.cite);
      }
    }
    for (const [sort, r] of (p.relationships ?? []).entries()) {
      const base = {
        type: r.type,
        relatedPersonId: ref('person', r.person),
        relatedName: r.name,
        date: r.date,
        rank: r.rank,
        note: r.note,
      };
      const id = await addRelationship(db, personId, base, sort);
      await cite('relationship', id, r.cite);
      for (const v of r.variants ?? []) {
        const variant = await addRelationship(
          db,
          personId,
          {
            ...base,
            type: v.type ?? r.type,
            relatedPersonId: v.person ? ref('person', v.person) : base.relatedPersonId,
            relatedName: v.name ?? base.relatedName,
            date: v.date ?? r.date,
            rank: v.rank ?? 'normal',
            note: v.note ?? null,
            variantOf: id,
          },
          sort,
        );
        await cite('relationship', variant, v.cite);
      }
    }
    const counts = new Map<string, number>();
    for (const e of p.events ?? []) {
      const n = (counts.get(e.type) ?? 0) + 1;
      counts.set(e.type, n);
      const key = personEventKey(p.key, e, n);
      await writeEvent(key, e, [{ person: p.key, role: e.role ?? 'subject' }, ...(e.participants ?? [])]);
    }
  }

  for (const personId of ids.person.values()) await refreshFate(db, personId);
  // Places moved under another parent change the places their events count as within.
  const moved = data.places.flatMap((p) => {
    const id = ids.place.get(p.key) as number;
    return parentsBefore.has(id) && parentsBefore.get(id) !== ref('place', p.parent) ? [id] : [];
  });
  return {
    persons: [...ids.person.values()],
    events,
    listRows,
    documents: [...ids.source.values()],
    places: moved,
  };
}

function eventFields(
  e: SampleEventVariant,
  ref: (kind: 'place' | 'organization', key: string | undefined) => number | null,
): EventFields {
  return {
    type: e.type ?? 'other',
    date: e.date,
    dateText: e.date_text,
    placeId: ref('place', e.place),
    placeText: e.place_text,
    organizationId: ref('organization', e.organization),
    details: e.details,
    rank: e.rank ?? 'normal',
    note: e.note,
  };
}
