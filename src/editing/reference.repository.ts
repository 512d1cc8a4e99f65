import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';

/*
 * Reads of the records a document refers to (places, organizations, sources, list rows, persons)
 * by id, for checking that they exist and for naming them beside their numbers; and lookups by
 * name for the search-as-you-type of those fields. Drafts included: these are for editors.
 */

export interface ReferencedRow {
  id: number;
  status: string;
  label: string;
  /** A list row's source; a place's or organization's kind; null otherwise. */
  extra: string | number | null;
}

export async function listPersonRefs(db: Db, ids: number[]): Promise<ReferencedRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('persons')
    .select(['id', 'status', 'display_name', 'merged_into'])
    .where('id', 'in', ids)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    status: r.merged_into === null ? r.status : 'merged',
    label: r.display_name,
    extra: r.merged_into,
  }));
}

/** Places with their first current name (or first name), in the given language where there is one. */
export async function listPlaceRefs(db: Db, ids: number[], lang: string): Promise<ReferencedRow[]> {
  if (ids.length === 0) return [];
  const [places, names] = await Promise.all([
    db.selectFrom('places').select(['id', 'status', 'kind']).where('id', 'in', ids).execute(),
    db
      .selectFrom('place_names')
      .select(['place_id', 'name', 'lang', 'kind'])
      .where('place_id', 'in', ids)
      .orderBy('place_id')
      .orderBy('sort')
      .orderBy('id')
      .execute(),
  ]);
  return places.map((p) => {
    const own = names.filter((n) => n.place_id === p.id);
    const current = own.filter((n) => n.kind === 'current');
    const best = current.find((n) => n.lang === lang) ?? current.find((n) => n.lang === 'en') ?? current[0] ?? own[0];
    return { id: p.id, status: p.status, label: best?.name ?? `#${p.id}`, extra: p.kind };
  });
}

export async function listOrganizationRefs(db: Db, ids: number[], lang: string): Promise<ReferencedRow[]> {
  if (ids.length === 0) return [];
  const [orgs, names] = await Promise.all([
    db.selectFrom('organizations').select(['id', 'status', 'kind']).where('id', 'in', ids).execute(),
    db
      .selectFrom('organization_names')
      .select(['organization_id', 'name', 'lang'])
      .where('organization_id', 'in', ids)
      .orderBy('organization_id')
      .orderBy('sort')
      .orderBy('id')
      .execute(),
  ]);
  return orgs.map((o) => {
    const own = names.filter((n) => n.organization_id === o.id);
    const best = own.find((n) => n.lang === lang) ?? own.find((n) => n.lang === 'en') ?? own[0];
    return { id: o.id, status: o.status, label: best?.name ?? `#${o.id}`, extra: o.kind };
  });
}

export async function listSourceRefs(db: Db, ids: number[]): Promise<ReferencedRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('sources')
    .select(['id', 'status', 'title', 'kind'])
    .where('id', 'in', ids)
    .execute();
  return rows.map((r) => ({ id: r.id, status: r.status, label: r.title, extra: r.kind }));
}

/** List rows with their position; `extra` is the list (source) they belong to. */
export async function listListRowRefs(db: Db, ids: number[]): Promise<ReferencedRow[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('list_rows')
    .select(['id', 'source_id', 'position'])
    .where('id', 'in', ids)
    .execute();
  return rows.map((r) => ({ id: r.id, status: 'published', label: String(r.position), extra: r.source_id }));
}

/** The main event an event's other account belongs to, or null. */
export async function findMainEventId(db: Db, id: number): Promise<number | null> {
  const row = await db.selectFrom('events').select('variant_of').where('id', '=', id).executeTakeFirst();
  return row?.variant_of ?? null;
}

export async function listEventRefs(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('events')
    .select(['id', 'status', 'type', 'date_edtf', 'variant_of'])
    .where('id', 'in', ids)
    .execute();
}

/** The main events a person takes part in, drafts included, with the person's roles in them. */
export async function listEventsOfPersonForEditing(db: Db, personId: number) {
  return (
    db
      .selectFrom('event_participants as p')
      .innerJoin('events as e', 'e.id', 'p.event_id')
      .select(['e.id', 'e.type', 'e.date_edtf', 'e.date_min', 'e.status', 'p.role'])
      .where('p.person_id', '=', personId)
      .where('e.status', '!=', 'removed')
      // Undated events last, as on the person's page.
      .orderBy(sql`e.date_min is null`)
      .orderBy('e.date_min')
      .orderBy('e.id')
      .execute()
  );
}

/** A `LIKE` pattern matching `q` anywhere; the engines escape differently, so wildcards are dropped. */
function containing(q: string): string {
  return `%${q.toLowerCase().replace(/[\\%_]/g, '')}%`;
}

/** Places whose name contains the words, not removed; ids for the caller to label. */
export async function findPlaceIdsByName(db: Db, q: string, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('place_names as n')
    .innerJoin('places as p', 'p.id', 'n.place_id')
    .select('p.id')
    .distinct()
    .where((eb) => eb(eb.fn('lower', ['n.name']), 'like', containing(q)))
    .where('p.status', '!=', 'removed')
    .orderBy('p.id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function findOrganizationIdsByName(db: Db, q: string, limit: number): Promise<number[]> {
  const pattern = containing(q);
  const rows = await db
    .selectFrom('organization_names as n')
    .innerJoin('organizations as o', 'o.id', 'n.organization_id')
    .select('o.id')
    .distinct()
    .where((eb) =>
      eb.or([eb(eb.fn('lower', ['n.name']), 'like', pattern), eb(eb.fn('lower', ['n.abbreviation']), 'like', pattern)]),
    )
    .where('o.status', '!=', 'removed')
    .orderBy('o.id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function findSourceIdsByTitle(db: Db, q: string, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('sources')
    .select('id')
    .where((eb) => eb(eb.fn('lower', ['title']), 'like', containing(q)))
    .where('status', '!=', 'removed')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
