import { type SqlBool, sql } from 'kysely';
import type { Db } from '../../db/connection.ts';

/*
 * Which persons a change to another record touches: whose index documents hold its id or count
 * it. Each lookup either lists at most `limit` persons (the caller then queues the change when
 * there are more) or lists those within a range of person ids (for a queued change, a range at
 * a time). In the ranged lookups the record's own column is written `+column`, so that neither
 * engine walks that column's index through every row of a big place or source for each range.
 */

type Ids = readonly number[];

async function ids(query: Promise<{ person_id: number | null }[]>): Promise<number[]> {
  return [...new Set((await query).flatMap((r) => (r.person_id === null ? [] : [Number(r.person_id)])))];
}

/** The participants of these events. */
export function listEventPersons(db: Db, events: Ids): Promise<number[]> {
  if (events.length === 0) return Promise.resolve([]);
  return ids(db.selectFrom('event_participants').select('person_id').where('event_id', 'in', events).execute());
}

/** The persons these list rows are linked to. */
export function listRowPersons(db: Db, rows: Ids): Promise<number[]> {
  if (rows.length === 0) return Promise.resolve([]);
  return ids(db.selectFrom('list_row_links').select('person_id').where('row_id', 'in', rows).execute());
}

/** These events, each as its main event (a variant's descriptions are indexed under its main event). */
export async function listMainEvents(db: Db, events: Ids): Promise<number[]> {
  if (events.length === 0) return [];
  const rows = await db.selectFrom('events').select(['id', 'variant_of']).where('id', 'in', events).execute();
  const found = new Map(rows.map((r) => [r.id, r.variant_of ?? r.id]));
  return [...new Set(events.map((id) => found.get(id) ?? id))];
}

/** Where an event is, and who it names: what a person's document holds of its events besides its type and date. */
export type EventColumn = 'place_id' | 'organization_id';

/** Persons with an event whose `column` is one of `refs` (places, organizations), at most `limit`. */
export function listPersonsOfEvents(db: Db, column: EventColumn, refs: Ids, limit: number): Promise<number[]> {
  if (refs.length === 0) return Promise.resolve([]);
  return ids(
    db
      .selectFrom('events as e')
      .innerJoin('event_participants as ep', 'ep.event_id', 'e.id')
      .select('ep.person_id')
      .distinct()
      .where(`e.${column}`, 'in', refs)
      .limit(limit)
      .execute(),
  );
}

/** Persons citing one of `sources` for a name or an event, or listed on one, at most `limit`. */
export async function listPersonsOfSources(db: Db, sources: Ids, limit: number): Promise<number[]> {
  if (sources.length === 0) return [];
  const byName = db
    .selectFrom('citations as c')
    .innerJoin('names as n', 'n.id', 'c.statement_id')
    .select('n.person_id')
    .where('c.statement_type', '=', 'name')
    .where('c.source_id', 'in', sources);
  const byEvent = db
    .selectFrom('citations as c')
    .innerJoin('event_participants as ep', 'ep.event_id', 'c.statement_id')
    .select('ep.person_id')
    .where('c.statement_type', '=', 'event')
    .where('c.source_id', 'in', sources);
  const listed = db
    .selectFrom('list_row_links as l')
    .innerJoin('list_rows as lr', 'lr.id', 'l.row_id')
    .select('l.person_id')
    .where('lr.source_id', 'in', sources);
  return ids(listed.union(byName).union(byEvent).limit(limit).execute());
}

/** `+column`: the column's value, which no index is read for (see above). */
const bare = (column: string) => sql<number>`+${sql.ref(column)}`;

/** Of the persons from `first` to `last`, those with an event whose `column` is one of `refs`. */
export function listPersonsOfEventsIn(
  db: Db,
  column: EventColumn,
  refs: Ids,
  first: number,
  last: number,
): Promise<number[]> {
  return ids(
    db
      .selectFrom('event_participants as ep')
      .innerJoin('events as e', 'e.id', 'ep.event_id')
      .select('ep.person_id')
      .where('ep.person_id', '>=', first)
      .where('ep.person_id', '<=', last)
      .where(bare(`e.${column}`), 'in', refs)
      .execute(),
  );
}

/** Of the persons from `first` to `last`, those citing `source` for a name or an event or listed on it. */
export function listPersonsOfSourceIn(db: Db, source: number, first: number, last: number): Promise<number[]> {
  const cites = (type: string) => sql<SqlBool>`c.statement_type = ${type} AND ${bare('c.source_id')} = ${source}`;
  const byName = db
    .selectFrom('names as n')
    .innerJoin('citations as c', (j) => j.onRef('c.statement_id', '=', 'n.id').on(cites('name')))
    .select('n.person_id')
    .where('n.person_id', '>=', first)
    .where('n.person_id', '<=', last);
  const byEvent = db
    .selectFrom('event_participants as ep')
    .innerJoin('citations as c', (j) => j.onRef('c.statement_id', '=', 'ep.event_id').on(cites('event')))
    .select('ep.person_id')
    .where('ep.person_id', '>=', first)
    .where('ep.person_id', '<=', last);
  const listed = db
    .selectFrom('list_row_links as l')
    .innerJoin('list_rows as lr', 'lr.id', 'l.row_id')
    .select('l.person_id')
    .where('l.person_id', '>=', first)
    .where('l.person_id', '<=', last)
    .where(bare('lr.source_id'), '=', source);
  return ids(listed.union(byName).union(byEvent).execute());
}

/** Each of `places` with every place within it, from each place's parent. */
export async function listPlacesWithin(db: Db, places: Ids): Promise<number[]> {
  if (places.length === 0) return [];
  const rows = await db.selectFrom('places').select(['id', 'parent_id']).execute();
  const children = new Map<number, number[]>();
  for (const r of rows) {
    if (r.parent_id === null) continue;
    const list = children.get(r.parent_id);
    if (list) list.push(r.id);
    else children.set(r.parent_id, [r.id]);
  }
  const out = new Set<number>();
  const stack = [...places];
  while (stack.length > 0) {
    const p = stack.pop() as number;
    if (out.has(p)) continue;
    out.add(p);
    stack.push(...(children.get(p) ?? []));
  }
  return [...out];
}
