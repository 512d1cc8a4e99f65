import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { listTables } from '../../src/db/catalog.ts';
import type { Db } from '../../src/db/connection.ts';
import { tablesOn } from '../../src/db/tables.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';

/** Kysely's own bookkeeping, in every migrated database and in no type. */
const MIGRATION_TABLES = ['kysely_migration', 'kysely_migration_lock'];

/** The tables SQLite's FTS5 keeps behind each of its virtual tables (`search_fts_data` …). */
async function shadowTables(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`SELECT name FROM pragma_table_list WHERE type = 'shadow'`.execute(db);
  return rows.map((r) => r.name);
}

// The compile-time check in tables.ts ties the `Database` type to tablesOn(); this ties tablesOn()
// to what the migrations create, so the type and the migrations cannot drift apart unseen.
for (const engine of ENGINES) {
  describe(`the schema on ${engine}`, () => {
    it('has exactly the tables of the Database type that the engine has', async () => {
      const storage = await openTestStorage(engine);
      try {
        const hidden = new Set([...MIGRATION_TABLES, ...(engine === 'sqlite' ? await shadowTables(storage.db) : [])]);
        const found = (await listTables(storage.db)).filter((t) => !hidden.has(t));
        expect(found.sort()).toEqual(tablesOn(engine).sort());
      } finally {
        await storage.close();
      }
    });
  });
}

/**
 * Never run: `tsc` (in npm test) fails when a query below compiles, that is when these tables'
 * columns are no longer checked against their types.
 */
export function misspelledColumns(db: Db) {
  return [
    // @ts-expect-error: search_docs has no column `tokns`
    db.selectFrom('search_docs').select('tokns'),
    // @ts-expect-error: search_vocab has no column `word`
    db.insertInto('search_vocab').values({ word: 'x' }),
    // @ts-expect-error: search_bitsets has no column `chunks`
    db.deleteFrom('search_bitsets').where('chunks', '=', 1),
    // @ts-expect-error: archive_marks has no column `val`
    db.selectFrom('archive_marks').select('val'),
    // @ts-expect-error: text_fts has no column `text`
    db.insertInto('text_fts').values({ text: 'x', kind: 'event', ref: 1, lang: null }),
    // @ts-expect-error: the contentless search_fts gives no text back to update
    db.updateTable('search_fts').set({ tokens: 'x' }),
  ];
}
