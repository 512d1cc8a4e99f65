import type { ColumnType, Generated } from 'kysely';

export interface NameTable {
  /** `published`, or `draft` while only signed-in editors may see it (see src/statements/status.ts). */
  status: ColumnType<string, string | undefined, string>;
  id: Generated<number>;
  person_id: number;
  kind: string;
  given: string | null;
  surname: string | null;
  patronymic: string | null;
  /** The whole name as written, in its own script. */
  full_name: string;
  /** BCP 47 tag of the name's language and script, e.g. `de`, `ru`, `ru-Latn`. */
  lang: string | null;
  valid_edtf: string | null;
  rank: string;
  note: string | null;
  sort: number;
}
