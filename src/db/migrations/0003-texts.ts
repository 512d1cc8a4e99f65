import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: no application imports. The full-text index over biographies, event
// descriptions, document texts and list rows; derived data that `fates reindex` rebuilds.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped database on purpose.
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    await sql`CREATE EXTENSION IF NOT EXISTS unaccent`.execute(db);
    // A configuration that drops accents at the lexeme level, so ts_headline can still mark the
    // words in the text as written (Jesenská) while a query for "jesenska" matches.
    await sql`CREATE TEXT SEARCH CONFIGURATION fates_text (COPY = simple)`.execute(db);
    await sql`ALTER TEXT SEARCH CONFIGURATION fates_text ALTER MAPPING FOR hword, hword_part, word WITH unaccent, simple`.execute(
      db,
    );
    await sql`CREATE TABLE text_docs (
      id bigserial PRIMARY KEY,
      kind text NOT NULL,
      ref integer NOT NULL,
      lang text,
      body text NOT NULL,
      tsv tsvector NOT NULL
    )`.execute(db);
    await sql`CREATE INDEX text_docs_tsv ON text_docs USING gin (tsv)`.execute(db);
    await sql`CREATE INDEX text_docs_ref ON text_docs (kind, ref)`.execute(db);
    return;
  }
  await sql`CREATE VIRTUAL TABLE text_fts USING fts5(
    body, kind UNINDEXED, ref UNINDEXED, lang UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2'
  )`.execute(db);
}

export async function down(db: Db): Promise<void> {
  await sql`DROP TABLE IF EXISTS text_fts`.execute(db);
  await sql`DROP TABLE IF EXISTS text_docs`.execute(db);
}
