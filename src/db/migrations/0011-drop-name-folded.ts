import type { Kysely } from 'kysely';

// Frozen in time: no application imports. `names.folded` held each name case- and
// diacritic-folded for the first, simple name search; the search index (0002) replaced it, and
// since then every insert computed and wrote the column, millions of times in a large import,
// and nothing read it. Both engines drop a plain column in place (SQLite since 3.35): no index,
// constraint or trigger names it.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped database on purpose.
type Db = Kysely<any>;

export async function up(db: Db): Promise<void> {
  await db.schema.alterTable('names').dropColumn('folded').execute();
}

/** The column comes back empty: folding a name needs application code, which a migration must not import. */
export async function down(db: Db): Promise<void> {
  await db.schema
    .alterTable('names')
    .addColumn('folded', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
}
