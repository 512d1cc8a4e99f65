import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: no application imports. Two changes to the name index, which is derived data:
// - each search document keeps what ranking and facet counts read of its person (names, fate,
//   sex, roles, event types), so that a search reads one row per candidate instead of five tables;
// - document ids now ascend from the best documented person instead of descending.
// Entries written before would rank backwards, so the index is emptied; `fates reindex` (or
// `fates start`, which notices the empty index) builds it again.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped database on purpose.
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await sql`ALTER TABLE search_docs ADD COLUMN stored TEXT`.execute(db);
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  // FTS5's delete-all empties a contentless index at once; DELETE would remove row by row.
  if (!postgres) await sql`INSERT INTO search_fts(search_fts) VALUES ('delete-all')`.execute(db);
  for (const table of postgres
    ? ['search_docs', 'search_vocab']
    : ['search_docs', 'search_vocab', 'search_vocab_trgm']) {
    await sql`DELETE FROM ${sql.id(table)}`.execute(db);
  }
}

export async function down(db: Db): Promise<void> {
  await sql`ALTER TABLE search_docs DROP COLUMN stored`.execute(db);
}
