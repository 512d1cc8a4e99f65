import { type Kysely, sql } from 'kysely';

// Frozen in time: no application imports. Each search document keeps what ranking and facet
// counts read of its person (names, fate, sex, roles, event types), so that a search reads one
// row per candidate instead of five tables. Documents indexed before this migration have none
// until the next reindex; search reads the records for those.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped database on purpose.
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await sql`ALTER TABLE search_docs ADD COLUMN stored TEXT`.execute(db);
}

export async function down(db: Db): Promise<void> {
  await sql`ALTER TABLE search_docs DROP COLUMN stored`.execute(db);
}
