import type { ColumnType, Generated } from 'kysely';

export interface SourceTable {
  /** `published`, or `draft` while only signed-in editors may see it (see src/statements/status.ts). */
  status: ColumnType<string, string | undefined, string>;
  id: Generated<number>;
  key: string | null;
  /** `book`, `article`, `web`, `interview`, `archival`, `list`, `document`. */
  kind: string;
  title: string;
  /** Authors as "Surname, Given; Surname, Given". */
  authors: string | null;
  /** Journal, website or collection the source appears in. */
  container_title: string | null;
  publisher: string | null;
  publication_place: string | null;
  date_edtf: string | null;
  url: string | null;
  accessed: string | null;
  language: string | null;
  archive: string | null;
  fond: string | null;
  opis: string | null;
  delo: string | null;
  folios: string | null;
  /** JSON array of a list's columns: `[{ "key": "no", "label": "Nr." }, …]`. */
  columns: string | null;
  parent_id: number | null;
  note: string | null;
  created_at: Generated<string>;
  updated_at: Generated<string>;
}

export interface ListRowTable {
  id: Generated<number>;
  source_id: number;
  position: number;
  /** JSON object of cell values keyed by column, exactly as written in the list. */
  cells: string;
  person_id: number | null;
  /** `suggested`, `confirmed`, `rejected`; null while unlinked. */
  link_status: string | null;
  note: string | null;
}

export interface DocumentTextTable {
  id: Generated<number>;
  source_id: number;
  /** `transcription` or `translation`. */
  kind: string;
  lang: string;
  text: string;
  note: string | null;
}
