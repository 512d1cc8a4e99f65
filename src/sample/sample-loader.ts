import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { StatementType } from '../citations/citation.table.ts';
import { edtfBounds } from '../dates/edtf.ts';
import type { Db, Storage } from '../db/connection.ts';
import { lockForWriting } from '../db/engine.ts';
import { composeFullName } from '../names/name-format.ts';
import { refreshFate } from '../persons/person.service.ts';
import { reindexPersons } from '../search/search-indexer.ts';
import { foldName } from '../search/text/normalize.ts';
import { rebuildTextIndex } from '../search/text-indexer.ts';
import {
  clearEventStatements,
  clearOrganizationNames,
  clearPersonStatements,
  clearPlaceNames,
  clearSourceContent,
  getMeta,
  setMeta,
  upsertByKey,
} from './sample.repository.ts';
import type { SampleCitation, SampleEventVariant, SamplePersonEvent } from './sample.schema.ts';
import { readSampleDir, type SampleData } from './sample-files.ts';

export const SAMPLE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../data/sample');

export interface LoadReport {
  changed: boolean;
  /** Ids of the sample's persons, whose search entries need refreshing after a change. */
  personIds: number[];
  persons: number;
  events: number;
  sources: number;
  places: number;
  organizations: number;
}

const SAMPLE_HASH = 'sample_hash';

const json = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
const dateColumns = (edtf: string | undefined) => {
  const b = edtf ? edtfBounds(edtf) : { min: null, max: null };
  return { date_edtf: edtf ?? null, date_min: b.min, date_max: b.max };
};

/**
 * Loads the sample data into the database, all or nothing. Files are validated before anything
 * is written. Records are matched by key, so ids are kept; a second load of unchanged files
 * finds the same content hash and writes nothing at all.
 */
export async function loadSample(db: Db, dir: string = SAMPLE_DIR): Promise<LoadReport> {
  const data = readSampleDir(dir);
  const hash = createHash('sha256').update(JSON.stringify(data)).digest('hex');
  const report: LoadReport = {
    changed: false,
    personIds: [],
    persons: data.persons.length,
    events: data.events.length + data.persons.reduce((n, p) => n + (p.events?.length ?? 0), 0),
    sources: data.sources.length,
    places: data.places.length,
    organizations: data.organizations.length,
  };
  if ((await getMeta(db, SAMPLE_HASH)) === hash) return report;
  const personIds = await db.transaction().execute(async (trx) => {
    // Processes sharing the database load one at a time; a later one may find the work done.
    await lockForWriting(trx, 'sample-load');
    if ((await getMeta(trx, SAMPLE_HASH)) === hash) return null;
    const ids = await writeSample(trx, data);
    await setMeta(trx, SAMPLE_HASH, hash);
    return ids;
  });
  return personIds ? { ...report, changed: true, personIds } : report;
}

/** Loads the sample data and brings the search index of its persons up to date. */
export async function loadSampleAndIndex(storage: Storage, dir: string = SAMPLE_DIR): Promise<LoadReport> {
  const report = await loadSample(storage.db, dir);
  if (report.changed) {
    await reindexPersons(storage, { ids: report.personIds });
    await rebuildTextIndex(storage);
  }
  return report;
}

async function writeSample(db: Db, data: SampleData): Promise<number[]> {
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
  for (const p of data.places) {
    const b = {
      kind: p.kind,
      lat: p.lat ?? null,
      lon: p.lon ?? null,
      country: p.country ?? null,
      geonames_id: p.geonames ?? null,
      wikidata_id: p.wikidata ?? null,
      note: p.note ?? null,
    };
    ids.place.set(p.key, await upsertByKey(db, 'places', p.key, b));
  }
  for (const o of data.organizations) {
    const b = { kind: o.kind, wikidata_id: o.wikidata ?? null, gnd_id: o.gnd ?? null, note: o.note ?? null };
    ids.organization.set(o.key, await upsertByKey(db, 'organizations', o.key, b));
  }
  for (const s of data.sources) {
    ids.source.set(
      s.key,
      await upsertByKey(db, 'sources', s.key, {
        kind: s.kind,
        title: s.title,
        authors: s.authors ?? null,
        container_title: s.container ?? null,
        publisher: s.publisher ?? null,
        publication_place: s.publication_place ?? null,
        date_edtf: s.date ?? null,
        url: s.url ?? null,
        accessed: s.accessed ?? null,
        language: s.language ?? null,
        archive: s.archive ?? null,
        fond: s.fond ?? null,
        opis: s.opis ?? null,
        delo: s.delo ?? null,
        folios: s.folios ?? null,
        columns: json(s.columns),
        note: s.note ?? null,
      }),
    );
  }
  for (const p of data.persons) {
    const b = {
      display_name: p.display,
      sort_name: p.sort,
      sort_key: foldName(p.sort),
      sex: p.sex,
      status: p.status ?? 'published',
      fate_override: p.fate ?? null,
    };
    ids.person.set(p.key, await upsertByKey(db, 'persons', p.key, b));
  }

  // Pass 2: references and everything owned by a keyed record.
  for (const p of data.places) {
    const id = ref('place', p.key) as number;
    await db
      .updateTable('places')
      .set({ parent_id: ref('place', p.parent) })
      .where('id', '=', id)
      .execute();
    await clearPlaceNames(db, id);
    for (const [sort, n] of p.names.entries()) {
      const b = n.valid ? edtfBounds(n.valid) : { min: null, max: null };
      await db
        .insertInto('place_names')
        .values({
          place_id: id,
          name: n.name,
          lang: n.lang,
          kind: n.kind,
          valid_edtf: n.valid ?? null,
          valid_min: b.min,
          valid_max: b.max,
          sort,
        })
        .execute();
    }
  }
  for (const o of data.organizations) {
    const id = ref('organization', o.key) as number;
    await db
      .updateTable('organizations')
      .set({ parent_id: ref('organization', o.parent), place_id: ref('place', o.place) })
      .where('id', '=', id)
      .execute();
    await clearOrganizationNames(db, id);
    for (const [sort, n] of o.names.entries()) {
      await db
        .insertInto('organization_names')
        .values({ organization_id: id, name: n.name, abbreviation: n.abbreviation ?? null, lang: n.lang, sort })
        .execute();
    }
  }
  const rowIds = new Map<string, number[]>();
  for (const s of data.sources) {
    const id = ref('source', s.key) as number;
    await db
      .updateTable('sources')
      .set({ parent_id: ref('source', s.parent) })
      .where('id', '=', id)
      .execute();
    await clearSourceContent(db, id);
    const rows: number[] = [];
    for (const [i, r] of (s.rows ?? []).entries()) {
      const row = await db
        .insertInto('list_rows')
        .values({
          source_id: id,
          position: i + 1,
          cells: JSON.stringify(r.cells),
          person_id: ref('person', r.person),
          link_status: r.person ? (r.link ?? 'confirmed') : null,
          note: r.note ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      rows.push(row.id);
    }
    rowIds.set(s.key, rows);
    for (const t of s.texts ?? []) {
      await db
        .insertInto('document_texts')
        .values({ source_id: id, kind: t.kind, lang: t.lang, text: t.text, note: t.note ?? null })
        .execute();
    }
  }

  const cite = async (type: StatementType, statementId: number, cites: SampleCitation[] | undefined) => {
    for (const c of cites ?? []) {
      const src = typeof c === 'string' ? { source: c } : c;
      const row = src.row === undefined ? null : (rowIds.get(src.source)?.[src.row - 1] ?? null);
      await db
        .insertInto('citations')
        .values({
          statement_type: type,
          statement_id: statementId,
          source_id: ref('source', src.source) as number,
          locator: src.locator ?? null,
          list_row_id: row,
          quote: src.quote ?? null,
          note: src.note ?? null,
        })
        .execute();
    }
  };

  const writeEvent = async (
    key: string,
    e: SamplePersonEvent,
    participants: { person: string; role: string; note?: string }[],
  ) => {
    const main = eventColumns(e, ref);
    const id = await upsertByKey(db, 'events', key, { ...main, variant_of: null });
    await clearEventStatements(db, id);
    await cite('event', id, e.cite);
    for (const [lang, description] of Object.entries(e.description ?? {})) {
      await db.insertInto('event_texts').values({ event_id: id, lang, description }).execute();
    }
    for (const [sort, p] of participants.entries()) {
      await db
        .insertInto('event_participants')
        .values({
          event_id: id,
          person_id: ref('person', p.person) as number,
          role: p.role,
          note: p.note ?? null,
          sort,
        })
        .execute();
    }
    const { variants, ...mainFields } = e;
    for (const v of variants ?? []) {
      const variant = await db
        .insertInto('events')
        .values({
          ...main,
          ...eventColumns({ ...mainFields, ...v }, ref),
          variant_of: id,
          rank: v.rank ?? 'normal',
          note: v.note ?? null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await cite('event', variant.id, v.cite);
      for (const [lang, description] of Object.entries(v.description ?? {})) {
        await db.insertInto('event_texts').values({ event_id: variant.id, lang, description }).execute();
      }
    }
  };

  for (const e of data.events) await writeEvent(e.key, e, e.participants);

  for (const p of data.persons) {
    const personId = ref('person', p.key) as number;
    await clearPersonStatements(db, personId);
    await cite('person', personId, p.cite);
    for (const role of new Set(p.roles))
      await db.insertInto('person_roles').values({ person_id: personId, role }).execute();
    for (const [lang, biography] of Object.entries(p.biography ?? {})) {
      await db.insertInto('person_texts').values({ person_id: personId, lang, biography }).execute();
    }
    for (const [sort, n] of p.names.entries()) {
      const full = n.full ?? composeFullName(n);
      const row = await db
        .insertInto('names')
        .values({
          person_id: personId,
          kind: n.kind,
          given: n.given ?? null,
          surname: n.surname ?? null,
          patronymic: n.patronymic ?? null,
          full_name: full,
          lang: n.lang ?? null,
          valid_edtf: n.valid ?? null,
          rank: n.rank ?? 'normal',
          note: n.note ?? null,
          sort,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await cite('name', row.id, n.cite);
    }
    for (const [sort, a] of (p.attributes ?? []).entries()) {
      const base = {
        person_id: personId,
        type: a.type,
        value: a.value,
        organization_id: ref('organization', a.organization),
        place_id: ref('place', a.place),
        ...dateColumns(a.date),
        rank: a.rank ?? 'normal',
        note: a.note ?? null,
        sort,
      };
      const row = await db
        .insertInto('attributes')
        .values({ ...base, variant_of: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await cite('attribute', row.id, a.cite);
      for (const v of a.variants ?? []) {
        const vr = await db
          .insertInto('attributes')
          .values({
            ...base,
            type: v.type ?? a.type,
            value: v.value ?? a.value,
            organization_id: v.organization ? ref('organization', v.organization) : base.organization_id,
            place_id: v.place ? ref('place', v.place) : base.place_id,
            ...(v.date ? dateColumns(v.date) : {}),
            rank: v.rank ?? 'normal',
            note: v.note ?? null,
            variant_of: row.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await cite('attribute', vr.id, v.cite);
      }
    }
    for (const [sort, r] of (p.relationships ?? []).entries()) {
      const base = {
        person_id: personId,
        type: r.type,
        related_person_id: ref('person', r.person),
        related_name: r.name ?? null,
        ...dateColumns(r.date),
        rank: r.rank ?? 'normal',
        note: r.note ?? null,
        sort,
      };
      const row = await db
        .insertInto('relationships')
        .values({ ...base, variant_of: null })
        .returning('id')
        .executeTakeFirstOrThrow();
      await cite('relationship', row.id, r.cite);
      for (const v of r.variants ?? []) {
        const vr = await db
          .insertInto('relationships')
          .values({
            ...base,
            type: v.type ?? r.type,
            related_person_id: v.person ? ref('person', v.person) : base.related_person_id,
            related_name: v.name ?? base.related_name,
            ...(v.date ? dateColumns(v.date) : {}),
            rank: v.rank ?? 'normal',
            note: v.note ?? null,
            variant_of: row.id,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await cite('relationship', vr.id, v.cite);
      }
    }
    const counts = new Map<string, number>();
    for (const e of p.events ?? []) {
      const n = (counts.get(e.type) ?? 0) + 1;
      counts.set(e.type, n);
      const key = e.key ?? `${p.key}-${e.type}-${n}`;
      await writeEvent(key, e, [{ person: p.key, role: e.role ?? 'subject' }, ...(e.participants ?? [])]);
    }
  }

  for (const personId of ids.person.values()) await refreshFate(db, personId);
  return [...ids.person.values()];
}

function eventColumns(
  e: SampleEventVariant,
  ref: (kind: 'place' | 'organization', key: string | undefined) => number | null,
) {
  return {
    type: e.type ?? 'other',
    ...dateColumns(e.date),
    date_text: e.date_text ?? null,
    place_id: ref('place', e.place),
    place_text: e.place_text ?? null,
    organization_id: ref('organization', e.organization),
    details: json(e.details),
    rank: e.rank ?? 'normal',
    note: e.note ?? null,
  };
}
