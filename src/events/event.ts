export const EVENT_TYPES = [
  'birth',
  'emigration',
  'arrival',
  'work',
  'membership',
  'arrest',
  'interrogation',
  'charge',
  'trial',
  'sentence',
  'execution',
  'imprisonment',
  'camp',
  'expulsion-order',
  'expulsion',
  'deportation',
  'handover',
  'gestapo-custody',
  'concentration-camp',
  'ghetto',
  'military-service',
  'release',
  'death',
  'rehabilitation',
  'remigration',
  'commemoration',
  'marriage',
  'education',
  'residence',
  'publication',
  'meeting',
  'other',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/** Events of persecution: from an arrest to a ghetto, what the NKVD and the Gestapo did. */
export const PERSECUTION_TYPES: ReadonlySet<string> = new Set<EventType>(
  EVENT_TYPES.slice(EVENT_TYPES.indexOf('arrest'), EVENT_TYPES.indexOf('ghetto') + 1),
);

export const PARTICIPANT_ROLES = [
  'subject',
  'perpetrator',
  'co-defendant',
  'signatory',
  'witness',
  'companion',
  'participant',
] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];
