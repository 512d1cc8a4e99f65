import type { Kysely } from 'kysely';

// Frozen in time: no application imports. Drafts and removed events are few; a partial index of
// them lets the archive's counts leave them out without reading every published event.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped database on purpose.
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createIndex('events_unpublished')
    .on('events')
    .column('status')
    .where((eb) => eb('status', '<>', 'published'))
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('events_unpublished').execute();
}
