import type { ColumnType, Generated } from 'kysely';

/*
 * The name index's tables (migrations 0002, 0006, 0008, 0009, 0092). It is derived data, and each engine
 * has the structure it is fastest with, so some tables exist on one engine only: src/db/tables.ts
 * says which (ENGINE_ONLY_TABLES), and a test checks it against the migrated databases. Kysely has
 * one `Database` type for both engines, so a column only one engine has is optional here.
 */

/** One row per indexed person. */
export interface SearchDocTable {
  person_id: number;
  /** The person's id and prior (how well documented) in one number, best first (docId in search-doc.ts). */
  doc_id: number;
  /**
   * PostgreSQL only (`text[]` under a GIN index): the person's tokens. SQLite keeps them in
   * `search_fts` under the document id instead.
   */
  tokens?: string[];
  /** What ranking and facets read of the person (stored-doc.ts); null in an index written before 0006. */
  stored: string | null;
}

/** Every folded name word of three letters or more: the vocabulary near spellings are looked up in. */
export interface SearchVocabTable {
  token: string;
}

/**
 * SQLite only: the contentless FTS5 index of the tokens, one row per document. Its rowid is the
 * document id; being contentless, it gives back no text (`tokens` reads as null). The hidden
 * column of the table's own name takes MATCH expressions and FTS5's commands, which stay raw SQL.
 */
export interface SearchFtsTable {
  rowid: ColumnType<number, number, never>;
  tokens: ColumnType<null, string, never>;
}

/** SQLite only: the vocabulary again, under FTS5's trigram tokenizer (PostgreSQL's is an index on search_vocab). */
export interface SearchVocabTrgmTable {
  token: string;
}

/**
 * For each token, the tokens every stored word having it also has, space-separated. Rows keyed
 * `!complete` and `!filling` are marks (key-implication.repository.ts), not tokens.
 */
export interface SearchKeyImpliesTable {
  token: string;
  implied: string;
}

/** SQLite only: the tokens that have a stored bitset (stored-bitsets.sqlite.ts). */
export interface SearchBitsetTokenTable {
  token: string;
}

/** SQLite only: a person whose documents a write changed (-1: too many to list), in order of writing. */
export interface SearchDocChangeTable {
  seq: Generated<number>;
  person_id: number;
}

/** SQLite only: a stored bitset in chunks of persons, each its persons' offsets or its bits. */
export interface SearchBitsetTable {
  token: string;
  chunk: number;
  bits: Buffer;
}
