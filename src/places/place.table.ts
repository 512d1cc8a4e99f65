import type { ColumnType, Generated } from 'kysely';

export interface PlaceTable {
  /** `published`, or `draft` while only signed-in editors may see it (see src/statements/status.ts). */
  status: ColumnType<string, string | undefined, string>;
  id: Generated<number>;
  key: string | null;
  kind: string;
  parent_id: number | null;
  lat: number | null;
  lon: number | null;
  /** ISO 3166 code of the country the place lies in today. */
  country: string | null;
  geonames_id: string | null;
  wikidata_id: string | null;
  note: string | null;
  created_at: Generated<string>;
  updated_at: Generated<string>;
}

export interface PlaceNameTable {
  id: Generated<number>;
  place_id: number;
  name: string;
  lang: string;
  /** `current`, `historical`, `variant`. */
  kind: string;
  valid_edtf: string | null;
  valid_min: string | null;
  valid_max: string | null;
  sort: number;
}
