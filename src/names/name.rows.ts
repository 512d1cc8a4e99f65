import type { Insertable } from 'kysely';
import { type RowOf, rowValues } from '../db/rows.ts';
import type { Rank } from '../statements/rank.ts';
import type { NameTable } from './name.table.ts';
import type { NameKind } from './name.ts';
import { composeFullName } from './name-format.ts';

/** A name statement as a service or the generator gives it. */
export interface NewName {
  kind: NameKind;
  given?: string | null;
  surname?: string | null;
  patronymic?: string | null;
  /** The name exactly as written, when it is not simply "given patronymic surname". */
  full?: string | null;
  /** BCP 47 tag of the name's language and script. */
  lang?: string | null;
  /** EDTF period in which the name was used. */
  valid?: string | null;
  rank?: Rank;
  note?: string | null;
}

export const NAME_COLUMNS = [
  'person_id',
  'kind',
  'given',
  'surname',
  'patronymic',
  'full_name',
  'lang',
  'valid_edtf',
  'rank',
  'note',
  'sort',
] as const;
type NameValues = Insertable<NameTable>;
export type NameRow = RowOf<NameValues, typeof NAME_COLUMNS>;

/** The whole name as shown and indexed: as written, or composed from its parts. */
export function fullNameOf(name: NewName): string {
  return name.full ?? composeFullName(name);
}

/** The row of a person's name at position `sort` among their names. */
export function nameRow(personId: number, sort: number, n: NewName): NameRow {
  return [
    personId,
    n.kind,
    n.given ?? null,
    n.surname ?? null,
    n.patronymic ?? null,
    fullNameOf(n),
    n.lang ?? null,
    n.valid ?? null,
    n.rank ?? 'normal',
    n.note ?? null,
    sort,
  ];
}

/** The same row as the object a service inserts. */
export function nameValues(personId: number, sort: number, n: NewName) {
  return rowValues<NameValues, typeof NAME_COLUMNS>(NAME_COLUMNS, nameRow(personId, sort, n));
}
