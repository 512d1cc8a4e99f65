import type { ColumnType, Generated } from 'kysely';

export interface EventTable {
  /** `published`, or `draft` while only signed-in editors may see it (see src/statements/status.ts). */
  status: ColumnType<string, string | undefined, string>;
  id: Generated<number>;
  key: string | null;
  type: string;
  date_edtf: string | null;
  /** Earliest and latest possible day of `date_edtf`, ISO `YYYY-MM-DD`, for sorting and filtering. */
  date_min: string | null;
  date_max: string | null;
  /** The date as a source words it, kept beside the EDTF form. */
  date_text: string | null;
  place_id: number | null;
  /** The place as the source writes it, when it differs from the linked place or none is linked. */
  place_text: string | null;
  organization_id: number | null;
  /** JSON object of typed details (sentence article, term, body, number of people …). */
  details: string | null;
  rank: string;
  note: string | null;
  /** Set on a source's differing account of another event; the main event carries the participants. */
  variant_of: number | null;
  created_at: Generated<string>;
  updated_at: Generated<string>;
}

export interface EventTextTable {
  event_id: number;
  lang: string;
  description: string;
}

export interface EventParticipantTable {
  event_id: number;
  person_id: number;
  role: string;
  note: string | null;
  sort: number;
}
