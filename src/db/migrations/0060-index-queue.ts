import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: no application imports. What the search indexes still owe the archive: each row
// a range of records of one kind whose index entries are to be brought up to date, written in the
// transaction that changed the records, so that a crash can lose no pending work. Derived data.
//
// The mark that the filters' bitsets are stored (SQLite) moves from meta to their own table.
//
// The full-text index gets document ids of its own on SQLite (kind, record and position in
// the high and low bits), so that the entries of one record can be replaced without a scan: the
// existing rows are dropped and every text is queued, which the next `fates start`, `serve` or
// `reindex` writes again.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped database on purpose.
type Db = Kysely<any>;

const TEXTS: readonly [kind: string, table: string, column: string][] = [
  ['biography', 'person_texts', 'person_id'],
  ['event', 'events', 'id'],
  ['document', 'document_texts', 'source_id'],
  ['list-row', 'list_rows', 'id'],
];

export async function up(db: Db): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable('index_queue')
    .addColumn('id', 'integer', (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref', 'integer')
    .addColumn('first_id', 'integer', (c) => c.notNull())
    .addColumn('last_id', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('index_queue_kind').on('index_queue').columns(['kind', 'first_id']).execute();

  if (postgres) {
    await sql`TRUNCATE text_docs`.execute(db);
  } else {
    // That the filters' bitsets are stored is said beside them now, not in meta (archive data).
    await sql`INSERT INTO search_bitset_tokens (token)
      SELECT '!stored' FROM meta WHERE key = 'search_bitsets_stored'`.execute(db);
    await sql`DELETE FROM meta WHERE key = 'search_bitsets_stored'`.execute(db);
    // Dropped and made again rather than emptied: deleting from FTS5 reads every row back.
    await sql`DROP TABLE text_fts`.execute(db);
    await sql`CREATE VIRTUAL TABLE text_fts USING fts5(
      body, kind UNINDEXED, ref UNINDEXED, lang UNINDEXED,
      tokenize = 'unicode61 remove_diacritics 2'
    )`.execute(db);
  }
  for (const [kind, table, column] of TEXTS) {
    await sql`INSERT INTO index_queue (kind, first_id, last_id)
      SELECT ${kind}, 1, max(${sql.ref(column)}) FROM ${sql.table(table)} HAVING max(${sql.ref(column)}) IS NOT NULL`.execute(
      db,
    );
  }
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('index_queue').execute();
}
