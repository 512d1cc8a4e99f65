import type { Db } from '../../db/connection.ts';
import { idSet, inIdSet } from '../../db/id-set.ts';
import type { SearchDocInput } from './search-doc.ts';

/** Those of the given ids that are published, unmerged persons, ascending. */
export async function filterIndexable(db: Db, ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const s = idSet(ids);
  // Status is checked here, not in SQL: with it in the WHERE clause SQLite walks the status index
  // over every published person (seconds per batch at millions) instead of the id range.
  const rows = await db
    .selectFrom('persons')
    .select(['id', 'status', 'merged_into'])
    .where((eb) => inIdSet(eb, 'id', s))
    .orderBy('id')
    .execute();
  const wanted = new Set(ids);
  return rows.filter((r) => r.status === 'published' && r.merged_into === null && wanted.has(r.id)).map((r) => r.id);
}

/** Whether the name index holds anyone: after an upgrade that changed its format it is empty. */
export async function hasSearchDocs(db: Db): Promise<boolean> {
  const row = await db.selectFrom('search_docs').select('person_id').limit(1).executeTakeFirst();
  return row !== undefined;
}

/**
 * The highest person id the name index holds (0 when empty): at least as many persons as it
 * holds, read from the key's end where counting them read every row (1.8 s at a million).
 */
export async function lastIndexedPerson(db: Db): Promise<number> {
  const row = await db
    .selectFrom('search_docs')
    .select('person_id')
    .orderBy('person_id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return Number(row?.person_id ?? 0);
}

/**
 * Which of the given folded words some stored name has (the typo vocabulary). The same table and
 * query on both engines; the engine-specific lookups of near spellings live in the index classes.
 */
export async function listKnownWords(db: Db, words: string[]): Promise<Set<string>> {
  const unique = [...new Set(words)];
  if (unique.length === 0) return new Set();
  const rows = await db.selectFrom('search_vocab').select('token').where('token', 'in', unique).execute();
  return new Set(rows.map((r) => r.token));
}

/** The names of the persons with ids from `from` to `to`, whatever their status. */
export async function listNamesInRange(db: Db, from: number, to: number) {
  return db
    .selectFrom('names')
    .select(['given', 'surname', 'patronymic', 'full_name', 'lang'])
    .where('person_id', '>=', from)
    .where('person_id', '<=', to)
    .execute();
}

export async function maxPersonId(db: Db): Promise<number> {
  const row = await db
    .selectFrom('persons')
    .select((eb) => eb.fn.max('id').as('m'))
    .executeTakeFirst();
  return Number(row?.m ?? 0);
}

export async function listPlaceParents(db: Db): Promise<Map<number, number | null>> {
  const rows = await db.selectFrom('places').select(['id', 'parent_id']).execute();
  return new Map(rows.map((r) => [r.id, r.parent_id]));
}

async function citationsOf(db: Db, type: 'name' | 'event', ids: number[]) {
  const out: { statement_id: number; source_id: number }[] = [];
  for (let i = 0; i < ids.length; i += 5_000) {
    out.push(
      ...(await db
        .selectFrom('citations')
        .select(['statement_id', 'source_id'])
        .where('statement_type', '=', type)
        .where('statement_id', 'in', ids.slice(i, i + 5_000))
        .execute()),
    );
  }
  return out;
}

/** Everything the index needs of the given persons, in as few queries as the schema allows. */
export async function loadSearchDocInputs(db: Db, ids: number[]): Promise<SearchDocInput[]> {
  if (ids.length === 0) return [];
  const s = idSet(ids);
  const [persons, names, roles, events, rowSources, bios] = await Promise.all([
    db
      .selectFrom('persons')
      .select(['id', 'fate', 'sex'])
      .where((eb) => inIdSet(eb, 'id', s))
      .execute(),
    db
      .selectFrom('names')
      .select(['id', 'person_id', 'given', 'surname', 'patronymic', 'full_name', 'lang', 'kind', 'rank'])
      .where((eb) => inIdSet(eb, 'person_id', s))
      .where('status', '=', 'published')
      .orderBy('person_id')
      .orderBy('sort')
      .execute(),
    db
      .selectFrom('person_roles')
      .select(['person_id', 'role'])
      .where((eb) => inIdSet(eb, 'person_id', s))
      .execute(),
    db
      .selectFrom('event_participants as ep')
      .innerJoin('events as e', 'e.id', 'ep.event_id')
      .select([
        'ep.person_id',
        'ep.role',
        'e.id',
        'e.type',
        'e.date_min',
        'e.date_max',
        'e.place_id',
        'e.organization_id',
        'e.date_edtf',
        'e.place_text',
        'e.variant_of',
      ])
      .where((eb) => inIdSet(eb, 'ep.person_id', s))
      .where('e.rank', '!=', 'deprecated')
      .where('e.status', '=', 'published')
      .execute(),
    db
      .selectFrom('list_row_links as l')
      .innerJoin('list_rows as lr', 'lr.id', 'l.row_id')
      .select(['l.person_id', 'lr.source_id'])
      .where((eb) => inIdSet(eb, 'l.person_id', s))
      .where('l.status', 'in', ['suggested', 'confirmed'])
      .where('lr.status', '=', 'published')
      .execute(),
    db
      .selectFrom('person_texts')
      .select('person_id')
      .where((eb) => inIdSet(eb, 'person_id', s))
      .execute(),
  ]);
  // Citations are looked up by statement id, the way their index runs; a join from the citation
  // side would scan every citation of that statement type.
  const nameOwner = new Map(names.map((n) => [n.id, n.person_id]));
  const eventOwners = new Map<number, number[]>();
  for (const e of events) eventOwners.set(e.id, [...(eventOwners.get(e.id) ?? []), e.person_id]);
  const [nameCitations, eventCitations] = await Promise.all([
    citationsOf(db, 'name', [...nameOwner.keys()]),
    citationsOf(db, 'event', [...eventOwners.keys()]),
  ]);
  const nameSources = nameCitations.map((c) => ({
    person_id: nameOwner.get(c.statement_id) ?? null,
    source_id: c.source_id,
  }));
  const eventSources = eventCitations.flatMap((c) =>
    (eventOwners.get(c.statement_id) ?? []).map((person_id) => ({ person_id, source_id: c.source_id })),
  );
  const wanted = new Set(ids);
  const docs = new Map<number, SearchDocInput>(
    persons
      .filter((p) => wanted.has(p.id))
      .map((p) => [
        p.id,
        { id: p.id, fate: p.fate, sex: p.sex, roles: [], names: [], events: [], sourceIds: [], hasBiography: false },
      ]),
  );
  for (const n of names) docs.get(n.person_id)?.names.push(n);
  for (const r of roles) docs.get(r.person_id)?.roles.push(r.role);
  for (const e of events) docs.get(e.person_id)?.events.push(e);
  const sources = new Map<number, Set<number>>();
  for (const s of [...nameSources, ...eventSources, ...rowSources]) {
    if (s.person_id === null) continue;
    const set = sources.get(s.person_id) ?? new Set<number>();
    set.add(s.source_id);
    sources.set(s.person_id, set);
  }
  for (const [id, set] of sources) {
    const d = docs.get(id);
    if (d) d.sourceIds = [...set];
  }
  for (const b of bios) {
    const d = docs.get(b.person_id);
    if (d) d.hasBiography = true;
  }
  return ids.flatMap((id) => docs.get(id) ?? []);
}
