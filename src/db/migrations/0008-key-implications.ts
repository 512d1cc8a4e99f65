import { type Kysely, sql } from 'kysely';

// Frozen in time: no application imports. For each token of the name index, the tokens every
// stored word having it also has, so that a query can leave out the ones another covers. Derived
// data, not copied. The row keyed '!complete' says the table covers every indexed word: true of
// an empty index now, and of any index after `fates reindex`; until then queries use every token.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped database on purpose.
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('search_key_implies')
    .addColumn('token', 'text', (c) => c.primaryKey())
    .addColumn('implied', 'text', (c) => c.notNull())
    .execute();
  const indexed = await sql`SELECT 1 FROM search_docs LIMIT 1`.execute(db);
  if (indexed.rows.length === 0)
    await sql`INSERT INTO search_key_implies (token, implied) VALUES ('!complete', '')`.execute(db);
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('search_key_implies').execute();
}
