import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: no application imports. SQLite only (only the SQLite index keeps caches in each
// server process): the persons whose name-index documents each write changed, so that a process
// can carry its caches over a change of a few persons instead of starting over
// (filter-bitsets.sqlite.ts). A row with person_id -1 says too many changed to list (a rebuild,
// an import): a process then starts over. Only the newest rows are kept. AUTOINCREMENT, so that
// a number is never given twice even after the rows are emptied.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped database on purpose.
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await sql`CREATE TABLE search_doc_changes (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    person_id INTEGER NOT NULL
  )`.execute(db);
  // Whatever was written before this table existed is unknown: a process starts over once.
  await sql`INSERT INTO search_doc_changes (person_id) VALUES (-1)`.execute(db);
}

export async function down(db: Db): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) return;
  await sql`DROP TABLE IF EXISTS search_doc_changes`.execute(db);
}
