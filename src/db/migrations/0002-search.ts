import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: no application imports. The search index is derived data (fates reindex
// rebuilds it), so each engine gets the structure it is fastest with.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped database on purpose.
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`CREATE EXTENSION IF NOT EXISTS pg_trgm`.execute(db);
    await sql`CREATE TABLE search_docs (
      person_id integer PRIMARY KEY REFERENCES persons(id) ON DELETE CASCADE,
      doc_id bigint NOT NULL,
      tokens text[] NOT NULL
    )`.execute(db);
    await sql`CREATE INDEX search_docs_tokens ON search_docs USING gin (tokens)`.execute(db);
    await sql`CREATE INDEX search_docs_doc ON search_docs (doc_id DESC)`.execute(db);
    await sql`CREATE TABLE search_vocab (token text PRIMARY KEY)`.execute(db);
    await sql`CREATE INDEX search_vocab_trgm ON search_vocab USING gin (token gin_trgm_ops)`.execute(db);
    return;
  }
  // One contentless FTS5 row per person: its rowid is the document id (prior and person id), its
  // text the space-separated tokens. detail=none keeps only which documents hold a token.
  await sql`CREATE VIRTUAL TABLE search_fts USING fts5(
    tokens, content='', contentless_delete=1, detail=none,
    tokenize="unicode61 remove_diacritics 0 tokenchars '_'"
  )`.execute(db);
  await sql`CREATE TABLE search_docs (
    person_id INTEGER PRIMARY KEY REFERENCES persons(id) ON DELETE CASCADE,
    doc_id INTEGER NOT NULL
  )`.execute(db);
  await sql`CREATE TABLE search_vocab (token TEXT PRIMARY KEY) WITHOUT ROWID`.execute(db);
  await sql`CREATE VIRTUAL TABLE search_vocab_trgm USING fts5(token, tokenize='trigram')`.execute(db);
}

export async function down(db: Db): Promise<void> {
  for (const t of ['search_vocab_trgm', 'search_vocab', 'search_docs', 'search_fts']) {
    await sql`DROP TABLE IF EXISTS ${sql.id(t)}`.execute(db);
  }
}
