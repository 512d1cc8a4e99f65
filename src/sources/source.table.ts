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
  /** JSON array of a list's columns: `[{ "key": "no", "label": "Nr.", "role": "no" }, …]`. */
  columns: string | null;
  /** EDTF date a list gives as the state of its knowledge ("Stand: 1.7.1940"). */
  as_of: string | null;
  parent_id: number | null;
  note: string | null;
  created_at: Generated<string>;
  updated_at: Generated<string>;
}

export interface ListRowTable {
  id: Generated<number>;
  source_id: number;
  position: number;
  /** The page or folio the row stands on, where known. */
  folio: string | null;
  /** JSON object of cell values keyed by column, exactly as written in the list. */
  cells: string;
  note: string | null;
  /** `published`, `draft` or `removed` (see src/statements/status.ts). */
  status: ColumnType<string, string | undefined, string>;
}

/** A row's link to a person it names: one row may name several. */
export interface ListRowLinkTable {
  id: Generated<number>;
  row_id: number;
  person_id: number;
  /** `suggested`, `review`, `unsure`, `confirmed` or `rejected` (see list-row.ts). */
  status: string;
  /** The machine's match weight (log2 Fellegi–Sunter), when it proposed the link. */
  weight: number | null;
  /** JSON array of the comparisons behind the weight: `[{ comparison, level, weight, detail }]`. */
  evidence: string | null;
  /** The user who decided the link; null for the machine or a load. */
  decided_by: number | null;
  decided_at: string | null;
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
