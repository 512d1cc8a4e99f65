import type { Kysely } from 'kysely';

// Frozen in time: no application imports. Whole-archive counts (persons listed, by fate, by sex)
// read this index alone instead of every person row.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped database on purpose.
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createIndex('persons_counts')
    .on('persons')
    .columns(['status', 'merged_into', 'fate', 'sex'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('persons_counts').execute();
}
