import type { Kysely } from 'kysely';

// Frozen in time: no application imports. A page that names the first twelve participants of an
// event walks this index and stops, instead of sorting every participant of a handover with
// nearly two thousand.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped database on purpose.
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createIndex('event_participants_order')
    .on('event_participants')
    .columns(['event_id', 'sort', 'person_id'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('event_participants_order').execute();
}
