import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: no application imports. PostgreSQL only: a finer histogram of the name index's
// document ids (1,000 steps rather than 100), by which a common name's first matches are read in
// windows of the index order (search-index.postgres.ts). ANALYZE builds it; a rebuild of the
// index runs ANALYZE at its end, and autovacuum keeps it fresh.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped database on purpose.
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`ALTER TABLE search_docs ALTER COLUMN doc_id SET STATISTICS 1000`.execute(db);
  await sql`ANALYZE search_docs`.execute(db);
}

export async function down(db: Db): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`ALTER TABLE search_docs ALTER COLUMN doc_id SET STATISTICS -1`.execute(db);
}
