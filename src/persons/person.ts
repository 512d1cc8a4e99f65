import { STATUSES } from '../statements/status.ts';

export const PERSON_ROLES = [
  'victim',
  'perpetrator',
  'official',
  'witness',
  'relative',
  'researcher',
  'other',
] as const;
export type PersonRole = (typeof PERSON_ROLES)[number];

export const SEXES = ['male', 'female', 'unknown'] as const;
export type Sex = (typeof SEXES)[number];

/** A person's publication status (see src/statements/status.ts). */
export const PERSON_STATUSES = STATUSES;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

/** What became of a person, derived from their events (see fate.ts), or set by an editor. */
export const FATES = [
  'shot_in_ussr',
  'died_in_soviet_custody',
  'handed_to_gestapo',
  'died_in_nazi_custody',
  'survived',
  'allowed_to_leave',
  'unknown',
] as const;
export type Fate = (typeof FATES)[number];

export function isFate(value: string | null): value is Fate {
  return (FATES as readonly (string | null)[]).includes(value);
}

export const ATTRIBUTE_TYPES = [
  'citizenship',
  'nationality',
  'religion',
  'occupation',
  'party',
  'education',
  'residence',
] as const;

export const RELATIONSHIP_TYPES = [
  'spouse',
  'partner',
  'parent',
  'child',
  'sibling',
  'friend',
  'colleague',
  'co-defendant',
  'denounced-by',
  'helped',
] as const;
