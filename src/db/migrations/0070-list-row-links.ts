import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: no application imports. A row of a list can name several persons ("Fritz Baltes
// and Franz Winter"), so its links to persons move from two columns of list_rows into a table of
// their own, each link with its status, the machine's match weight and evidence, and who decided
// it. Existing links are carried over. List rows get the page or folio they stand on and a
// publication status (a row removed by an editor keeps its history); a list gets its "as of"
// date; an imported list keeps its original file, in chunks, with its SHA-256.
//
// SQLite cannot drop a column that takes part in a foreign key, so it copies list_rows into a
// table declared without the two columns (the documented way to change a table), with foreign
// keys off so that the citations pointing at rows are left as they are, and checks them before
// committing.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped database on purpose.
type Db = Kysely<any>;

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

async function createNewTables(db: Db): Promise<void> {
  const pg = isPostgres(db);
  const id = (col: ColumnDefinitionBuilder) =>
    pg ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement();
  const now = pg ? sql`to_char(CURRENT_TIMESTAMP AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')` : sql`CURRENT_TIMESTAMP`;

  await db.schema
    .createTable('list_row_links')
    .addColumn('id', 'integer', id)
    .addColumn('row_id', 'integer', (c) => c.notNull().references('list_rows.id').onDelete('cascade'))
    .addColumn('person_id', 'integer', (c) => c.notNull().references('persons.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('weight', 'double precision')
    .addColumn('evidence', 'text')
    .addColumn('decided_by', 'integer')
    .addColumn('decided_at', 'text')
    .execute();
  await db.schema
    .createIndex('list_row_links_row')
    .on('list_row_links')
    .columns(['row_id', 'person_id'])
    .unique()
    .execute();
  await db.schema.createIndex('list_row_links_person').on('list_row_links').columns(['person_id', 'status']).execute();

  await db.schema
    .createTable('list_files')
    .addColumn('id', 'integer', id)
    .addColumn('source_id', 'integer', (c) => c.references('sources.id').onDelete('cascade'))
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('size', pg ? 'bigint' : 'integer', (c) => c.notNull())
    .addColumn('complete', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_by', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('list_files_sha256').on('list_files').column('sha256').execute();
  await db.schema.createIndex('list_files_source').on('list_files').column('source_id').execute();

  await db.schema
    .createTable('list_file_chunks')
    .addColumn('file_id', 'integer', (c) => c.notNull().references('list_files.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('data', pg ? 'bytea' : 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('list_file_chunks_pk', ['file_id', 'seq'])
    .execute();

  await db.schema.alterTable('sources').addColumn('as_of', 'text').execute();
}

const CARRY_OVER = sql`INSERT INTO list_row_links (row_id, person_id, status)
  SELECT id, person_id, COALESCE(link_status, 'confirmed') FROM list_rows WHERE person_id IS NOT NULL`;

export async function up(db: Db): Promise<void> {
  if (isPostgres(db)) {
    // PostgreSQL runs each migration in a transaction of its own.
    await createNewTables(db);
    await CARRY_OVER.execute(db);
    await db.schema.dropIndex('list_rows_person').execute();
    await db.schema.alterTable('list_rows').dropColumn('person_id').execute();
    await db.schema.alterTable('list_rows').dropColumn('link_status').execute();
    await db.schema.alterTable('list_rows').addColumn('folio', 'text').execute();
    await db.schema
      .alterTable('list_rows')
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('published'))
      .execute();
    return;
  }
  // Outside any transaction (SQLite's migrations run without one), or the pragma does nothing.
  const { rows } = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db);
  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  try {
    await sql`BEGIN IMMEDIATE`.execute(db);
    try {
      await createNewTables(db);
      await CARRY_OVER.execute(db);
      await rebuildListRows(db);
      const broken = await sql`PRAGMA foreign_key_check`.execute(db);
      if (broken.rows.length > 0) {
        throw new Error(`rebuilding list_rows broke foreign keys: ${JSON.stringify(broken.rows.slice(0, 5))}`);
      }
      await sql`COMMIT`.execute(db);
    } catch (error) {
      await sql`ROLLBACK`.execute(db);
      throw error;
    }
  } finally {
    await sql.raw(`PRAGMA foreign_keys = ${rows[0]?.foreign_keys ? 'ON' : 'OFF'}`).execute(db);
  }
}

async function rebuildListRows(db: Db): Promise<void> {
  // AUTOINCREMENT never gives an id again, not even one whose row was deleted: keep its counter.
  const sequence = await sql<{ seq: number }>`SELECT seq FROM sqlite_sequence WHERE name = 'list_rows'`.execute(db);
  await sql`CREATE TABLE "list_rows_rebuilt" (
    "id" integer PRIMARY KEY AUTOINCREMENT,
    "source_id" integer NOT NULL REFERENCES "sources" ("id") ON DELETE CASCADE,
    "position" integer NOT NULL,
    "folio" text,
    "cells" text NOT NULL,
    "note" text,
    "status" text DEFAULT 'published' NOT NULL)`.execute(db);
  await sql`INSERT INTO list_rows_rebuilt (id, source_id, position, folio, cells, note, status)
    SELECT id, source_id, position, NULL, cells, note, 'published' FROM list_rows`.execute(db);
  await sql`DROP TABLE list_rows`.execute(db);
  await sql`ALTER TABLE list_rows_rebuilt RENAME TO list_rows`.execute(db);
  const seq = sequence.rows[0]?.seq;
  if (seq !== undefined) {
    await sql`DELETE FROM sqlite_sequence WHERE name = 'list_rows'`.execute(db);
    await sql`INSERT INTO sqlite_sequence (name, seq) VALUES ('list_rows', ${seq})`.execute(db);
  }
  await db.schema.createIndex('list_rows_source').on('list_rows').columns(['source_id', 'position']).unique().execute();
}

/** Back to one person per row: each row keeps its first confirmed link (else its first link). */
export async function down(db: Db): Promise<void> {
  await db.schema
    .alterTable('list_rows')
    .addColumn('person_id', 'integer', (c) => c.references('persons.id').onDelete('set null'))
    .execute();
  await db.schema.alterTable('list_rows').addColumn('link_status', 'text').execute();
  await sql`UPDATE list_rows SET
    person_id = (SELECT l.person_id FROM list_row_links l WHERE l.row_id = list_rows.id
      ORDER BY CASE l.status WHEN 'confirmed' THEN 0 ELSE 1 END, l.id LIMIT 1),
    link_status = (SELECT l.status FROM list_row_links l WHERE l.row_id = list_rows.id
      ORDER BY CASE l.status WHEN 'confirmed' THEN 0 ELSE 1 END, l.id LIMIT 1)`.execute(db);
  await db.schema.createIndex('list_rows_person').on('list_rows').column('person_id').execute();
  await db.schema.alterTable('list_rows').dropColumn('folio').execute();
  await db.schema.alterTable('list_rows').dropColumn('status').execute();
  await db.schema.alterTable('sources').dropColumn('as_of').execute();
  await db.schema.dropTable('list_file_chunks').execute();
  await db.schema.dropTable('list_files').execute();
  await db.schema.dropTable('list_row_links').execute();
}
