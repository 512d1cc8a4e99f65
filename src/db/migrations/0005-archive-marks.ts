import type { Kysely } from 'kysely';

// Frozen in time: no application imports. A mark that every writer of the archive renews, so that
// each app process knows when counts it keeps are out of date. Derived data, not copied.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped database on purpose.
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('archive_marks')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('archive_marks').execute();
}
