import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: no application imports. A merge of one person into another records exactly
// which rows it moved, so that unmerging restores both records; likely duplicates found by record
// linkage wait in duplicate_pairs for an editor.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped database on purpose.
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id = (col: ColumnDefinitionBuilder) =>
    pg ? col.primaryKey().generatedByDefaultAsIdentity() : col.primaryKey().autoIncrement();
  const now = pg ? sql`to_char(CURRENT_TIMESTAMP AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')` : sql`CURRENT_TIMESTAMP`;
  await db.schema
    .createTable('merges')
    .addColumn('id', 'integer', id)
    .addColumn('source_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('target_id', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('change_set_id', 'integer', (c) => c.notNull().references('change_sets.id'))
    .addColumn('moved', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull().defaultTo(now))
    .addColumn('undone_by', 'integer', (c) => c.references('change_sets.id'))
    .execute();
  await db.schema.createIndex('merges_source').on('merges').columns(['source_id', 'id']).execute();
  await db.schema.createIndex('merges_target').on('merges').columns(['target_id', 'id']).execute();

  await db.schema
    .createTable('duplicate_pairs')
    .addColumn('person_a', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('person_b', 'integer', (c) => c.notNull().references('persons.id'))
    .addColumn('weight', 'double precision', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('computed_at', 'text', (c) => c.notNull().defaultTo(now))
    .addPrimaryKeyConstraint('duplicate_pairs_pk', ['person_a', 'person_b'])
    .execute();
  await db.schema.createIndex('duplicate_pairs_open').on('duplicate_pairs').columns(['status', 'weight']).execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('duplicate_pairs').execute();
  await db.schema.dropTable('merges').execute();
}
