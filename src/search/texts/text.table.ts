import type { Generated } from 'kysely';
import type { TextKind } from './text-index.ts';

/*
 * The full-text index over the archive's prose (migration 0003): a different table on each engine,
 * as each has its own full-text search. src/db/tables.ts says which table is on which engine.
 */

/** PostgreSQL only: one row per text, with its `tsvector` under a GIN index. */
export interface TextDocTable {
  id: Generated<number>;
  kind: TextKind;
  /** The id of the person, event, document text or list row the text belongs to. */
  ref: number;
  lang: string | null;
  body: string;
  /** Written as `to_tsvector('fates_text', body)`; read only by full-text operators. */
  tsv: string;
}

/** SQLite only: an FTS5 table of the texts; `kind`, `ref` and `lang` are stored, not indexed. */
export interface TextFtsTable {
  body: string;
  kind: TextKind;
  ref: number;
  lang: string | null;
}
