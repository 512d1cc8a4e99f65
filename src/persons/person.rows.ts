import type { Insertable } from 'kysely';
import { type RowOf, rowValues } from '../db/rows.ts';
import { fullNameOf, type NewName } from '../names/name.rows.ts';
import { composeSortName } from '../names/name-format.ts';
import { foldName } from '../names/spelling/normalize.ts';
import type { PersonRoleTable, PersonTable } from './person.table.ts';
import type { Fate, PersonStatus, Sex } from './person.ts';

/** A person's own row as a service or the generator gives it; names, roles and texts are rows of their own. */
export interface PersonFields {
  /** Stable handle of a curated record (sample data); none for records made in the app. */
  key?: string | null;
  /** The name the person is shown by; the first name's full form when not given. */
  display?: string;
  /** "Surname, Given" for the alphabetical index; the first name's when not given. */
  sort?: string;
  sex?: Sex;
  status?: PersonStatus;
  /** The fate derived from the person's events, when the caller has derived it (see refreshFate). */
  fate?: Fate | null;
  /** An editor's fate, which wins over the derived one. */
  fateOverride?: Fate | null;
  /** Read only for the display and sort names when those are not given. */
  names?: readonly NewName[];
}

export const PERSON_COLUMNS = [
  'key',
  'display_name',
  'sort_name',
  'sort_key',
  'sex',
  'status',
  'fate',
  'fate_override',
] as const;
type PersonValues = Insertable<PersonTable>;
export type PersonRow = RowOf<PersonValues, typeof PERSON_COLUMNS>;

/**
 * The person's row: display and sort name (from the first name unless given) and the folded sort
 * key. The key is folded afresh each time: most sort names of a large import are new, and a memo of
 * them cost the generator more (lookups, and old strings kept for the collector) than it saved.
 */
export function personRow(p: PersonFields): PersonRow {
  const first = p.names?.[0];
  const display = p.display ?? (first && fullNameOf(first));
  const sort = p.sort ?? (first && (first.full ?? composeSortName(first)));
  if (display === undefined || sort === undefined) throw new Error('a person needs a display name or a name');
  return [
    p.key ?? null,
    display,
    sort,
    foldName(sort),
    p.sex ?? 'unknown',
    p.status ?? 'published',
    p.fate ?? null,
    p.fateOverride ?? null,
  ];
}

/** The same row as the object a service inserts. */
export function personValues(p: PersonFields) {
  return rowValues<PersonValues, typeof PERSON_COLUMNS>(PERSON_COLUMNS, personRow(p));
}

export const PERSON_ROLE_COLUMNS = ['person_id', 'role'] as const;
export type PersonRoleRow = RowOf<PersonRoleTable, typeof PERSON_ROLE_COLUMNS>;

export function personRoleRow(personId: number, role: string): PersonRoleRow {
  return [personId, role];
}
