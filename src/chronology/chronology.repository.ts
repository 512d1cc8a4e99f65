import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';

/** The event types a chronology of expulsions and handovers shows. */
export const CHRONOLOGY_TYPES = ['expulsion-order', 'expulsion', 'handover', 'meeting', 'other'] as const;

/**
 * The main events of those types that began between `from` and `to` (ISO days), deprecated
 * accounts left out, with how many participants and descriptions each has: what tells an event
 * many shared from one person's own. Events of type `other` only where their details speak of an
 * agreement (the handover procedure agreed between the NKVD and the Gestapo).
 */
export async function listChronologyRows(db: Db, from: string, to: string) {
  return db
    .selectFrom('events as e')
    .select((eb) => [
      'e.id',
      'e.type',
      'e.date_edtf',
      'e.date_min',
      'e.date_max',
      'e.details',
      eb
        .selectFrom('event_participants as ep')
        .whereRef('ep.event_id', '=', 'e.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('participants'),
      eb
        .selectFrom('event_texts as et')
        .whereRef('et.event_id', '=', 'e.id')
        .select(eb.fn.countAll<number>().as('n'))
        .as('texts'),
    ])
    .where('e.type', 'in', [...CHRONOLOGY_TYPES])
    .where('e.variant_of', 'is', null)
    .where('e.rank', '!=', 'deprecated')
    .where('e.date_min', '>=', from)
    .where('e.date_min', '<=', to)
    .where((eb) =>
      eb.or([
        eb('e.type', '!=', 'other'),
        eb(sql`lower(e.details)`, 'like', '%agree%'),
        eb(sql`lower(e.details)`, 'like', '%vereinbar%'),
        eb(sql`lower(e.details)`, 'like', '%соглаш%'),
      ]),
    )
    .orderBy('e.date_min')
    .orderBy('e.id')
    .execute();
}

/** The published persons of the given events, in the events' order, by event. */
export async function listChronologyPersons(db: Db, eventIds: number[]) {
  if (eventIds.length === 0) return [];
  return db
    .selectFrom('event_participants as ep')
    .innerJoin('persons as p', 'p.id', 'ep.person_id')
    .select(['ep.event_id', 'p.id', 'p.display_name'])
    .where('ep.event_id', 'in', eventIds)
    .where('p.status', '=', 'published')
    .where('p.merged_into', 'is', null)
    .orderBy('ep.event_id')
    .orderBy('ep.sort')
    .execute();
}
