import type { ColumnType, Generated } from 'kysely';

export interface OrganizationTable {
  /** `published`, or `draft` while only signed-in editors may see it (see src/statements/status.ts). */
  status: ColumnType<string, string | undefined, string>;
  id: Generated<number>;
  key: string | null;
  kind: string;
  parent_id: number | null;
  place_id: number | null;
  wikidata_id: string | null;
  gnd_id: string | null;
  note: string | null;
  created_at: Generated<string>;
  updated_at: Generated<string>;
}

export interface OrganizationNameTable {
  id: Generated<number>;
  organization_id: number;
  name: string;
  abbreviation: string | null;
  lang: string;
  sort: number;
}
