import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: no application imports. SQLite only (the PostgreSQL index answers filters from
// its GIN index): the bitsets of the name index's broad facet tokens, kept with the index so that
// a server does not build them anew after every start and every change. Derived data: empty until
// `fates reindex` (or `fates reindex --bitsets`) fills them.
// - search_bitset_tokens: the tokens that have a stored bitset;
// - search_bitsets: each bitset in chunks of persons, each the persons' offsets in it or its bits
//   (a missing chunk has no bit set); without rowids, so that a chunk's row is the B-tree's entry.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped database on purpose.
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await sql`CREATE TABLE search_bitset_tokens (token TEXT PRIMARY KEY) WITHOUT ROWID`.execute(db);
  await sql`CREATE TABLE search_bitsets (
    token TEXT NOT NULL,
    chunk INTEGER NOT NULL,
    bits BLOB NOT NULL,
    PRIMARY KEY (token, chunk)
  ) WITHOUT ROWID`.execute(db);
}

export async function down(db: Db): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  for (const t of ['search_bitsets', 'search_bitset_tokens']) await sql`DROP TABLE IF EXISTS ${sql.id(t)}`.execute(db);
}
