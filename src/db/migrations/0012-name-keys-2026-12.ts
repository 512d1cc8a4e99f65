import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: no application imports. The keys names are indexed under changed (December
// 2026): given-name groups scoped by language, how Soviet clerks heard German and Hungarian names,
// masculine forms of feminine surnames, patronymics apart from unsplit names. An index built with
// the old keys would miss or mismatch names, so it is emptied with everything derived from it;
// `fates start` (or `fates reindex`) builds it again.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped database on purpose.
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const tables = postgres
    ? ['search_docs', 'search_vocab', 'search_key_implies']
    : [
        'search_docs',
        'search_vocab',
        'search_vocab_trgm',
        'search_key_implies',
        'search_bitsets',
        'search_bitset_tokens',
      ];
  // FTS5's delete-all empties a contentless index at once; DELETE would remove row by row.
  if (!postgres) await sql`INSERT INTO search_fts(search_fts) VALUES ('delete-all')`.execute(db);
  for (const table of tables) await sql`DELETE FROM ${sql.id(table)}`.execute(db);
  await sql`DELETE FROM meta WHERE key = 'search_bitsets_stored'`.execute(db);
  // The implications of an empty index are complete: none. Indexing adds them word by word.
  await sql`INSERT INTO search_key_implies (token, implied) VALUES ('!complete', '')`.execute(db);
}

export async function down(): Promise<void> {
  // Nothing to restore: the index is rebuilt from the archive.
}
