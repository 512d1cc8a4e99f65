import type { ColumnType, Generated } from 'kysely';

export interface AttributeTable {
  /** `published`, or `draft` while only signed-in editors may see it (see src/statements/status.ts). */
  status: ColumnType<string, string | undefined, string>;
  id: Generated<number>;
  person_id: number;
  type: string;
  value: string;
  organization_id: number | null;
  place_id: number | null;
  date_edtf: string | null;
  date_min: string | null;
  date_max: string | null;
  rank: string;
  note: string | null;
  variant_of: number | null;
  sort: number;
}

export interface RelationshipTable {
  /** `published`, or `draft` while only signed-in editors may see it (see src/statements/status.ts). */
  status: ColumnType<string, string | undefined, string>;
  id: Generated<number>;
  person_id: number;
  type: string;
  related_person_id: number | null;
  /** Name of a relative who has no record of their own. */
  related_name: string | null;
  date_edtf: string | null;
  date_min: string | null;
  date_max: string | null;
  rank: string;
  note: string | null;
  variant_of: number | null;
  sort: number;
}
