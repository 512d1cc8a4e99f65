import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db } from '../db/connection.ts';
import { currentTimestamp } from '../db/engine.ts';
import { STATUSES } from '../statements/status.ts';
import type { EventParticipantTable, EventTable } from './event.table.ts';

/** Statuses whose persons public pages leave out. */
const UNPUBLISHED = STATUSES.filter((s) => s !== 'published');

export type EventRow = Awaited<ReturnType<typeof findEventById>> & {};

export async function insertEvent(db: Db, event: Insertable<EventTable>): Promise<number> {
  const row = await db.insertInto('events').values(event).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Overwrites the event's own columns and marks the row updated. */
export async function updateEventRow(db: Db, id: number, event: Updateable<EventTable>): Promise<void> {
  await db
    .updateTable('events')
    .set({ ...event, updated_at: currentTimestamp(db) })
    .where('id', '=', id)
    .execute();
}

export async function insertParticipant(db: Db, participant: Insertable<EventParticipantTable>): Promise<void> {
  await db.insertInto('event_participants').values(participant).execute();
}

export async function insertEventText(db: Db, eventId: number, lang: string, description: string): Promise<void> {
  await db.insertInto('event_texts').values({ event_id: eventId, lang, description }).execute();
}

export async function findEventById(db: Db, id: number) {
  return db.selectFrom('events').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Published main events (with any of the given ids) and their published variants. */
export async function listEventsWithVariants(db: Db, mainIds: number[]) {
  if (mainIds.length === 0) return [];
  return db
    .selectFrom('events')
    .selectAll()
    .where('status', '=', 'published')
    .where((eb) => eb.or([eb('id', 'in', mainIds), eb('variant_of', 'in', mainIds)]))
    .orderBy('id')
    .execute();
}

/** The main events a person takes part in, with each role they have in it. */
export async function listEventRolesOfPerson(db: Db, personId: number) {
  return db.selectFrom('event_participants').select(['event_id', 'role']).where('person_id', '=', personId).execute();
}

export async function listEventIdsAtPlaces(db: Db, placeIds: number[], limit: number): Promise<number[]> {
  if (placeIds.length === 0) return [];
  const rows = await db
    .selectFrom('events')
    .select('id')
    .where('place_id', 'in', placeIds)
    .where('variant_of', 'is', null)
    .orderBy('date_min')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function listEventIdsOfOrganization(db: Db, organizationId: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('events')
    .select('id')
    .where('organization_id', '=', organizationId)
    .where('variant_of', 'is', null)
    .orderBy('date_min')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function listEventIdsByType(db: Db, type: string, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('events')
    .select('id')
    .where('type', '=', type)
    .where('variant_of', 'is', null)
    .orderBy('date_min')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

export async function listParticipants(db: Db, eventIds: number[]) {
  if (eventIds.length === 0) return [];
  return db
    .selectFrom('event_participants as ep')
    .innerJoin('persons as p', 'p.id', 'ep.person_id')
    .select(['ep.event_id', 'ep.person_id', 'ep.role', 'ep.note', 'p.display_name', 'p.status'])
    .where('ep.event_id', 'in', eventIds)
    .orderBy('ep.event_id')
    .orderBy('ep.sort')
    .execute();
}

/**
 * The first `limit` published participants of each event in their order, and how many published
 * participants each event has, for pages that show a few: a handover at the Bug bridge may have
 * nearly two thousand. `exclude` leaves out the person whose page it is.
 *
 * Nothing here reads all participants' person rows. The counts are every participant (from the
 * primary key alone) less the unpublished ones (found from the persons' status index: drafts are
 * few). The names come one event at a time along event_participants_order, stopping at `limit`.
 * CROSS JOIN fixes SQLite's join order, which otherwise may start from every published person;
 * PostgreSQL plans it as any inner join.
 */
export async function listParticipantPreviews(db: Db, eventIds: number[], limit: number, exclude?: number) {
  if (eventIds.length === 0) return { rows: [], counts: new Map<number, number>() };
  let all = db
    .selectFrom('event_participants')
    .select((eb) => ['event_id', eb.fn.countAll<number | string>().as('n')])
    .where('event_id', 'in', eventIds)
    .groupBy('event_id');
  let hidden = db
    .selectFrom('persons as p')
    .crossJoin('event_participants as ep')
    .select((eb) => ['ep.event_id', eb.fn.countAll<number | string>().as('n')])
    .where('p.status', 'in', UNPUBLISHED)
    .whereRef('ep.person_id', '=', 'p.id')
    .where('ep.event_id', 'in', eventIds)
    .groupBy('ep.event_id');
  if (exclude !== undefined) {
    all = all.where('person_id', '<>', exclude);
    hidden = hidden.where('ep.person_id', '<>', exclude);
  }
  const [allRows, hiddenRows] = await Promise.all([all.execute(), hidden.execute()]);
  const counts = new Map(allRows.map((r) => [Number(r.event_id), Number(r.n)]));
  for (const r of hiddenRows) counts.set(Number(r.event_id), (counts.get(Number(r.event_id)) ?? 0) - Number(r.n));
  const rows = [];
  for (const id of limit > 0 ? eventIds : []) {
    let preview = db
      .selectFrom('event_participants as ep')
      .crossJoin('persons as p')
      .select(['ep.event_id', 'ep.person_id', 'ep.role', 'ep.note', 'p.display_name'])
      .where('ep.event_id', '=', id)
      .whereRef('p.id', '=', 'ep.person_id')
      .where('p.status', '=', sql.lit('published'));
    if (exclude !== undefined) preview = preview.where('ep.person_id', '<>', exclude);
    rows.push(...(await preview.orderBy('ep.sort').orderBy('ep.person_id').limit(limit).execute()));
  }
  return { rows, counts };
}

export async function listEventTexts(db: Db, eventIds: number[]) {
  if (eventIds.length === 0) return [];
  return db.selectFrom('event_texts').selectAll().where('event_id', 'in', eventIds).execute();
}

/** Variants of an event (other sources' accounts), drafts included, for its document. */
export async function listVariantsOf(db: Db, eventId: number) {
  return db.selectFrom('events').selectAll().where('variant_of', '=', eventId).orderBy('id').execute();
}

/** An event's participants in their order, whatever the persons' status, for its document. */
export async function listOwnParticipants(db: Db, eventId: number) {
  return db
    .selectFrom('event_participants')
    .select(['person_id', 'role', 'note'])
    .where('event_id', '=', eventId)
    .orderBy('sort')
    .execute();
}

export async function listOwnEventTexts(db: Db, eventId: number) {
  return db.selectFrom('event_texts').select(['lang', 'description']).where('event_id', '=', eventId).execute();
}

export async function deleteParticipants(db: Db, eventId: number): Promise<void> {
  await db.deleteFrom('event_participants').where('event_id', '=', eventId).execute();
}

export async function deleteEventTexts(db: Db, eventId: number): Promise<void> {
  await db.deleteFrom('event_texts').where('event_id', '=', eventId).execute();
}

export async function deleteEvents(db: Db, ids: number[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('events').where('id', 'in', ids).execute();
}
/** Main events (each with a page) whose ids lie in a range, with when each last changed: a slice of the sitemap. */
export async function listMainEventsInRange(db: Db, range: { first: number; last: number }) {
  return db
    .selectFrom('events')
    .select(['id', 'updated_at'])
    .where('id', '>=', range.first)
    .where('id', '<=', range.last)
    .where('variant_of', 'is', null)
    .where('status', '=', 'published')
    .orderBy('id')
    .execute();
}
