import type { Insertable } from 'kysely';
import { type DateInput, dateRange } from '../dates/date-range.ts';
import { type RowOf, rowValues } from '../db/rows.ts';
import type { Rank } from '../statements/rank.ts';
import type { EventParticipantTable, EventTable } from './event.table.ts';
import type { EventType, ParticipantRole } from './event.ts';

/** Typed details of an event: a sentence's article, term and body, a transport's number of people … */
export type EventDetails = Readonly<Record<string, string | number | boolean>>;

/** An event's own row as a service or the generator gives it; participants and texts are rows of their own. */
export interface EventFields {
  key?: string | null;
  type: EventType;
  date?: DateInput | null;
  /** The date in the source's own words. */
  dateText?: string | null;
  placeId?: number | null;
  /** The place as the source writes it. */
  placeText?: string | null;
  organizationId?: number | null;
  /** The details, or their JSON when the caller has it already. */
  details?: EventDetails | string | null;
  rank?: Rank;
  note?: string | null;
  /** The main event this one is another source's account of. */
  variantOf?: number | null;
}

export const EVENT_COLUMNS = [
  'key',
  'type',
  'date_edtf',
  'date_min',
  'date_max',
  'date_text',
  'place_id',
  'place_text',
  'organization_id',
  'details',
  'rank',
  'note',
  'variant_of',
] as const;
type EventValues = Insertable<EventTable>;
export type EventRow = RowOf<EventValues, typeof EVENT_COLUMNS>;

/** The event's row, with its date's bounds and its details as JSON. */
export function eventRow(e: EventFields): EventRow {
  const date = dateRange(e.date);
  const details = e.details ?? null;
  return [
    e.key ?? null,
    e.type,
    date.edtf,
    date.min,
    date.max,
    e.dateText ?? null,
    e.placeId ?? null,
    e.placeText ?? null,
    e.organizationId ?? null,
    details === null || typeof details === 'string' ? details : JSON.stringify(details),
    e.rank ?? 'normal',
    e.note ?? null,
    e.variantOf ?? null,
  ];
}

/** The same row as the object a service inserts. */
export function eventValues(e: EventFields) {
  return rowValues<EventValues, typeof EVENT_COLUMNS>(EVENT_COLUMNS, eventRow(e));
}

/** A person taking part in an event. */
export interface NewParticipant {
  personId: number;
  role: ParticipantRole;
  note?: string | null;
}

export const PARTICIPANT_COLUMNS = ['event_id', 'person_id', 'role', 'note', 'sort'] as const;
type ParticipantValues = Insertable<EventParticipantTable>;

/** The participant's row at position `sort` among the event's participants. */
export function participantRow(
  eventId: number,
  sort: number,
  p: NewParticipant,
): RowOf<ParticipantValues, typeof PARTICIPANT_COLUMNS> {
  return [eventId, p.personId, p.role, p.note ?? null, sort];
}

export function participantValues(eventId: number, sort: number, p: NewParticipant) {
  return rowValues<ParticipantValues, typeof PARTICIPANT_COLUMNS>(
    PARTICIPANT_COLUMNS,
    participantRow(eventId, sort, p),
  );
}
