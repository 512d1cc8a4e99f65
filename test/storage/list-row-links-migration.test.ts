import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/connection.ts';
import { migrateTo } from '../../src/db/migrator.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';

const columnsOf = async (storage: Storage, table: string) => {
  const tables = await storage.db.introspection.getTables();
  return (tables.find((t) => t.name === table)?.columns ?? []).map((c) => c.name).sort();
};

for (const engine of ENGINES) {
  describe(`the migration to list_row_links on ${engine}`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await openTestStorage(engine);
    });
    afterEach(async () => {
      await storage.close();
    });

    it('carries each row’s link over and keeps rows, their ids and the citations pointing at them', async () => {
      const db = storage.db;
      await migrateTo(db, '0030-revisions');
      await sql`INSERT INTO persons (id, display_name, sort_name, sort_key) VALUES
        (1, 'Fritz Baltes', 'Baltes, Fritz', 'baltes fritz'), (2, 'Anna Müller', 'Müller, Anna', 'muller anna')`.execute(
        db,
      );
      await sql`INSERT INTO sources (id, kind, title, columns) VALUES (1, 'list', 'Liste B', '[{"key":"name","label":"Name"}]')`.execute(
        db,
      );
      await sql`INSERT INTO list_rows (id, source_id, position, cells, person_id, link_status, note) VALUES
        (1, 1, 1, '{"name":"Baltes, Fritz"}', 1, 'confirmed', NULL),
        (2, 1, 2, '{"name":"Müller, Anna"}', 2, NULL, 'maiden name'),
        (3, 1, 3, '{"name":"Unbekannt"}', NULL, NULL, NULL),
        (5, 1, 4, '{"name":"Müller, A."}', 2, 'rejected', NULL)`.execute(db);
      await sql`INSERT INTO citations (statement_type, statement_id, source_id, list_row_id) VALUES ('person', 1, 1, 5)`.execute(
        db,
      );

      await migrateTo(db, '0070-list-row-links');

      expect(await columnsOf(storage, 'list_rows')).toEqual(
        ['cells', 'folio', 'id', 'note', 'position', 'source_id', 'status'].sort(),
      );
      const links = await db
        .selectFrom('list_row_links')
        .select(['row_id', 'person_id', 'status', 'weight'])
        .orderBy('row_id')
        .execute();
      expect(links).toEqual([
        { row_id: 1, person_id: 1, status: 'confirmed', weight: null },
        { row_id: 2, person_id: 2, status: 'confirmed', weight: null },
        { row_id: 5, person_id: 2, status: 'rejected', weight: null },
      ]);
      const rows = await db
        .selectFrom('list_rows')
        .select(['id', 'position', 'note', 'status'])
        .orderBy('id')
        .execute();
      expect(rows).toEqual([
        { id: 1, position: 1, note: null, status: 'published' },
        { id: 2, position: 2, note: 'maiden name', status: 'published' },
        { id: 3, position: 3, note: null, status: 'published' },
        { id: 5, position: 4, note: null, status: 'published' },
      ]);
      expect(await db.selectFrom('citations').select('list_row_id').execute()).toEqual([{ list_row_id: 5 }]);
      // SQLite's rebuilt table keeps its id counter (PostgreSQL's sequence was never moved by the ids given here).
      if (engine === 'sqlite') {
        const added = await db
          .insertInto('list_rows')
          .values({ source_id: 1, position: 5, cells: '{}', folio: 'Bl. 3' })
          .returning('id')
          .executeTakeFirstOrThrow();
        expect(added.id).toBe(6);
      }
      // A row may name several persons, each once.
      await db.insertInto('list_row_links').values({ row_id: 1, person_id: 2, status: 'suggested' }).execute();
      await expect(
        db.insertInto('list_row_links').values({ row_id: 1, person_id: 2, status: 'confirmed' }).execute(),
      ).rejects.toThrow();
      // Deleting a list deletes its rows and their links.
      await db.deleteFrom('citations').execute();
      await db.deleteFrom('sources').where('id', '=', 1).execute();
      expect(await db.selectFrom('list_row_links').selectAll().execute()).toEqual([]);
    });

    it('goes back to one person per row, preferring a confirmed link', async () => {
      const db = storage.db;
      await sql`INSERT INTO persons (id, display_name, sort_name, sort_key) VALUES
        (1, 'Fritz Baltes', 'Baltes, Fritz', 'baltes fritz'), (2, 'Franz Winter', 'Winter, Franz', 'winter franz')`.execute(
        db,
      );
      await sql`INSERT INTO sources (id, kind, title) VALUES (1, 'list', 'Headings')`.execute(db);
      await sql`INSERT INTO list_rows (id, source_id, position, cells) VALUES (1, 1, 1, '{}')`.execute(db);
      await sql`INSERT INTO list_row_links (row_id, person_id, status) VALUES (1, 2, 'suggested'), (1, 1, 'confirmed')`.execute(
        db,
      );
      await migrateTo(db, '0030-revisions');
      const row = await sql<{
        person_id: number;
        link_status: string;
      }>`SELECT person_id, link_status FROM list_rows`.execute(db);
      expect(row.rows).toEqual([{ person_id: 1, link_status: 'confirmed' }]);
    });
  });
}
