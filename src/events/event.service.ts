import type { Db } from '../db/connection.ts';
import { insertEvent, insertEventText, insertParticipant, updateEventRow } from './event.repository.ts';
import { type EventFields, eventValues, type NewParticipant, participantValues } from './event.rows.ts';

/** An event with the participants and descriptions that come with a new record. */
export interface NewEvent extends EventFields {
  /** In their order on the event's page; the first is usually the subject. */
  participants?: readonly NewParticipant[];
  /** Description by language (`en`, `de`, `ru`). */
  description?: Readonly<Record<string, string>>;
}

/**
 * Creates an event (or, with `variantOf`, another source's account of one) with its
 * participants and descriptions; returns its id. Participants' fates are the caller's to refresh
 * (refreshFate), as one event may concern many persons.
 */
export async function createEvent(db: Db, input: NewEvent): Promise<number> {
  const id = await insertEvent(db, eventValues(input));
  for (const [sort, p] of (input.participants ?? []).entries()) await addParticipant(db, id, p, sort);
  for (const [lang, text] of Object.entries(input.description ?? {})) await addEventText(db, id, lang, text);
  return id;
}

/** Overwrites an event's own fields (not its participants or texts), deriving its date bounds again. */
export async function updateEvent(db: Db, id: number, input: EventFields): Promise<void> {
  await updateEventRow(db, id, eventValues(input));
}

/** Adds a participant at position `sort` among the event's participants. */
export async function addParticipant(db: Db, eventId: number, input: NewParticipant, sort = 0): Promise<void> {
  await insertParticipant(db, participantValues(eventId, sort, input));
}

export async function addEventText(db: Db, eventId: number, lang: string, description: string): Promise<void> {
  await insertEventText(db, eventId, lang, description);
}
