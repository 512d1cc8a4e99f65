import type { Generated } from 'kysely';

/**
 * A photo, scan or document on a record (a person, later events and sources), with what the page
 * shows beside it. A draft (proposed from a contribution, not yet accepted) is served to no one.
 */
export interface MediaTable {
  id: Generated<number>;
  /** The record it belongs to: `person` and its id. */
  record_type: string;
  record_id: number;
  /** `photo`, `scan` or `document` (MEDIA_KINDS). */
  kind: string;
  /** The original's type, detected from its content: image/jpeg, image/png, image/webp, application/pdf. */
  mime: string;
  width: number | null;
  height: number | null;
  /** Size of the original in bytes. */
  bytes: number;
  caption: string | null;
  date_edtf: string | null;
  /** Whose it is, as the page credits it ("Family collection of Anna Müller"). */
  credit: string | null;
  /** One of LICENCES in media.ts. */
  licence: string;
  /** The source record it comes from (a contribution's communication), cited beside it. */
  source_id: number | null;
  status: Generated<string>;
  sort: Generated<number>;
  created_at: Generated<string>;
  updated_at: Generated<string>;
}

/** The bytes of a medium in each size: the original (metadata stripped), a web size and a thumbnail. */
export interface MediaFileTable {
  media_id: number;
  /** `original`, `web` or `thumb`. */
  variant: string;
  mime: string;
  width: number | null;
  height: number | null;
  bytes: number;
  sha256: string;
  data: Buffer;
}
