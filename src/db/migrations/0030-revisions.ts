import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: no application imports. Every change to the archive is recorded: a change set
// (who, when, why; one for a whole bulk write) holds the revisions of the records it touched, each
// with the record's document as it was after the change. Statements and the records around persons
// get a publication status, so that drafts stay with the editors.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped database on purpose.
type Db = Kysely<any>;

function isPostgres(db: Db): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

export async function up(db: Db): Promise<void> {
  const pg = isPostgres(db);
  const id = (col: ColumnDefinitionBuilder) =>
    pg ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement();
  const now = pg ? sql`to_char(CURRENT_TIMESTAMP AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')` : sql`CURRENT_TIMESTAMP`;

  await db.schema
    .createTable('change_sets')
    .addColumn('id', 'integer', id)
    .addColumn('user_id', 'integer')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('reverted_by', 'integer', (c) => c.references('change_sets.id'))
    .execute();
  await db.schema.createIndex('change_sets_user').on('change_sets').columns(['user_id', 'id']).execute();

  await db.schema
    .createTable('revisions')
    .addColumn('id', 'integer', id)
    .addColumn('change_set_id', 'integer', (c) => c.notNull().references('change_sets.id'))
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'integer', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('snapshot', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .execute();
  await db.schema.createIndex('revisions_record').on('revisions').columns(['record_type', 'record_id', 'id']).execute();
  await db.schema.createIndex('revisions_change_set').on('revisions').columns(['change_set_id', 'id']).execute();
  await db.schema.createIndex('revisions_recent').on('revisions').columns(['record_type', 'id']).execute();

  for (const table of ['names', 'events', 'attributes', 'relationships', 'places', 'organizations', 'sources']) {
    await db.schema
      .alterTable(table)
      .addColumn('status', 'text', (c) => c.notNull().defaultTo('published'))
      .execute();
  }
}

export async function down(db: Db): Promise<void> {
  for (const table of ['names', 'events', 'attributes', 'relationships', 'places', 'organizations', 'sources']) {
    await db.schema.alterTable(table).dropColumn('status').execute();
  }
  await db.schema.dropTable('revisions').execute();
  await db.schema.dropTable('change_sets').execute();
}
