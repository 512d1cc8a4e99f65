import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: no application imports. A reviewer's edit is kept as a proposal (the record's
// whole document as they would have saved it, and the revision they started from) until an editor
// accepts it (saved as a revision) or declines it.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped database on purpose.
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const now = pg ? sql`to_char(CURRENT_TIMESTAMP AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')` : sql`CURRENT_TIMESTAMP`;
  await db.schema
    .createTable('proposals')
    .addColumn('id', 'integer', (c) =>
      pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn('record_type', 'text', (c) => c.notNull())
    .addColumn('record_id', 'integer')
    .addColumn('base_revision', 'integer')
    .addColumn('document', 'text', (c) => c.notNull())
    .addColumn('reason', 'text')
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id'))
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('pending'))
    .addColumn('decided_by', 'integer', (c) => c.references('users.id'))
    .addColumn('decided_at', 'text')
    .addColumn('decision_note', 'text')
    .addColumn('revision_id', 'integer', (c) => c.references('revisions.id'))
    .execute();
  await db.schema.createIndex('proposals_status').on('proposals').columns(['status', 'id']).execute();
  await db.schema.createIndex('proposals_record').on('proposals').columns(['record_type', 'record_id']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('proposals').execute();
}
