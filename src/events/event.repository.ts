import { type Insertable, sql, type Updateable } from 'kysely';
import type { Db } from '../db/connection.ts';
import { currentTimestamp } from '../db/engine.ts';
import { PERSON_STATUSES } from '../persons/person.ts';
import type { EventParticipantTable, EventTable } from './event.table.ts';

/** Statuses whose persons public pages leave out. */
const UNPUBLISHED = PERSON_STATUSES.filter((s) => s !== 'published');

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

/** Main events (with any of the given ids) and all variants of them. */
export async function listEventsWithVariants(db: Db, mainIds: number[]) {
  if (mainIds.length === 0) return [];
  return db
    .selectFrom('events')
    .selectAll()
    .where((eb) => eb.or([eb('id', 'in', mainIds), eb('variant_of', 'in', mainIds)]))
    .orderBy('id')
    .execute();
}

/** Ids of the main events a person takes part in, in any role. */
export async function listEventIdsOfPerson(db: Db, personId: number): Promise<number[]> {
  const rows = await db.selectFrom('event_participants').select('event_id').where('person_id', '=', personId).execute();
  return [...new Set(rows.map((r) => r.event_id))];
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
  const events = sql.join(eventIds);
  const notExcluded = (column: string) => (exclude === undefined ? sql`` : sql` AND ${sql.ref(column)} <> ${exclude}`);
  const [all, hidden] = await Promise.all([
    sql<{ event_id: number; n: number | string }>`SELECT event_id, count(*) AS n FROM event_participants
      WHERE event_id IN (${events})${notExcluded('person_id')} GROUP BY event_id`.execute(db),
    sql<{
      event_id: number;
      n: number | string;
    }>`SELECT ep.event_id, count(*) AS n FROM persons p CROSS JOIN event_participants ep
      WHERE p.status IN (${sql.join(UNPUBLISHED)}) AND ep.person_id = p.id AND ep.event_id IN (${events})${notExcluded('ep.person_id')}
      GROUP BY ep.event_id`.execute(db),
  ]);
  const counts = new Map(all.rows.map((r) => [Number(r.event_id), Number(r.n)]));
  for (const r of hidden.rows) counts.set(Number(r.event_id), (counts.get(Number(r.event_id)) ?? 0) - Number(r.n));
  const rows = [];
  for (const id of limit > 0 ? eventIds : []) {
    const found = await sql<{
      event_id: number;
      person_id: number;
      role: string;
      note: string | null;
      display_name: string;
    }>`
      SELECT ep.event_id, ep.person_id, ep.role, ep.note, p.display_name FROM event_participants ep CROSS JOIN persons p
      WHERE ep.event_id = ${id} AND p.id = ep.person_id AND p.status = 'published'${notExcluded('ep.person_id')}
      ORDER BY ep.sort, ep.person_id LIMIT ${limit}`.execute(db);
    rows.push(...found.rows);
  }
  return { rows, counts };
}

export async function listEventTexts(db: Db, eventIds: number[]) {
  if (eventIds.length === 0) return [];
  return db.selectFrom('event_texts').selectAll().where('event_id', 'in', eventIds).execute();
}
