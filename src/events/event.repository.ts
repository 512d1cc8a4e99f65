import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';

export type EventRow = Awaited<ReturnType<typeof findEventById>> & {};

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
 * The first `limit` published participants of each event in their order, each row with how many
 * there are in all, for pages that show a few: a handover at the Bug bridge may have a thousand.
 * `exclude` leaves out the person whose page it is. An event without published participants has
 * no row. CROSS JOIN keeps SQLite from starting at the persons' status index (every published
 * person, 40 s at a million when an official's page asks about 179 events); PostgreSQL plans it
 * as any inner join.
 */
export async function listParticipantPreviews(db: Db, eventIds: number[], limit: number, exclude?: number) {
  if (eventIds.length === 0) return [];
  const rows = await sql<{ event_id: number; person_id: number; role: string; note: string | null; display_name: string; total: number | string }>`
    SELECT event_id, person_id, role, note, display_name, total FROM (
      SELECT ep.event_id, ep.person_id, ep.role, ep.note, p.display_name,
        row_number() OVER (PARTITION BY ep.event_id ORDER BY ep.sort, ep.person_id) AS position,
        count(*) OVER (PARTITION BY ep.event_id) AS total
      FROM event_participants ep CROSS JOIN persons p
      WHERE p.id = ep.person_id AND ep.event_id IN (${sql.join(eventIds)}) AND p.status = 'published'${exclude === undefined ? sql`` : sql` AND ep.person_id <> ${exclude}`}
    ) numbered
    WHERE position <= ${Math.max(limit, 1)}
    ORDER BY event_id, position`.execute(db);
  return rows.rows.map((r) => ({ ...r, total: Number(r.total) }));
}

export async function listEventTexts(db: Db, eventIds: number[]) {
  if (eventIds.length === 0) return [];
  return db.selectFrom('event_texts').selectAll().where('event_id', 'in', eventIds).execute();
}
