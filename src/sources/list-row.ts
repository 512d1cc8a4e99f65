/*
 * The vocabulary of lists: what a list's columns hold, and how sure a row's link to a person is.
 */

/**
 * What a column of a list holds. A column without a role is kept only as written; the roles tell
 * record linkage which cells to compare with a person's names, dates and places.
 */
export const LIST_COLUMN_ROLES = [
  'no',
  'name',
  'surname',
  'given',
  'patronymic',
  'birth',
  'birth_place',
  'arrest',
  'death',
  'file_no',
  'folio',
  'remark',
] as const;
export type ListColumnRole = (typeof LIST_COLUMN_ROLES)[number];

export function isListColumnRole(value: unknown): value is ListColumnRole {
  return (LIST_COLUMN_ROLES as readonly unknown[]).includes(value);
}

/** Roles that say who a row is: a list needs one of them to be linked. */
export const NAME_ROLES: readonly ListColumnRole[] = ['name', 'surname', 'given', 'patronymic'];

/**
 * How sure a row's link to a person is. The machine proposes `suggested` links (at or above the
 * suggestion threshold) and `review` ones (in the band below it, for a person to look at); a
 * person decides: `confirmed`, `rejected`, or `unsure` for later. Only suggested and confirmed
 * links say, in public, that a row is about a person; being on a list never sets a fate.
 */
export const LINK_STATUSES = ['suggested', 'review', 'unsure', 'confirmed', 'rejected'] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

/** Links shown to readers as the row being about the person. */
export const PUBLIC_LINK_STATUSES: readonly LinkStatus[] = ['suggested', 'confirmed'];

/** One comparison's contribution to a link's match weight, as record linkage explains it. */
export interface LinkEvidenceItem {
  comparison: string;
  level: string;
  weight: number;
  detail?: string;
}
