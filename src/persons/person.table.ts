import type { ColumnType, Generated } from 'kysely';

/** A column the database fills with its default when an insert leaves it out. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;

export interface PersonTable {
  id: Generated<number>;
  /** Stable handle for curated records (sample data); null for records made in the app. */
  key: string | null;
  display_name: string;
  sort_name: string;
  /** `sort_name` folded for alphabetical order across scripts and diacritics. */
  sort_key: string;
  sex: Defaulted<string>;
  status: Defaulted<string>;
  /** Derived from events on every write; `fate_override` wins when set. */
  fate: string | null;
  fate_override: string | null;
  merged_into: number | null;
  created_at: Generated<string>;
  updated_at: Generated<string>;
}

export interface PersonRoleTable {
  person_id: number;
  role: string;
}

export interface PersonTextTable {
  person_id: number;
  lang: string;
  biography: string;
}
