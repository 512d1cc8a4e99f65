import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type RawBuilder, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqlite, type Storage } from '../../src/db/connection.ts';
import { migrateTo } from '../../src/db/migrator.ts';
import { dumpTables, ENGINES, openTestStorage } from '../support/storage.ts';

for (const engine of ENGINES) {
  describe(`keys of persons and events on ${engine}`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await openTestStorage(engine);
    });
    afterEach(async () => {
      await storage.close();
    });

    it('stay unique, while any number of rows have none', async () => {
      const person = (id: number, key: string | null) =>
        sql`INSERT INTO persons (id, key, display_name, sort_name, sort_key) VALUES (${id}, ${key}, 'P', 'P', 'p')`.execute(
          storage.db,
        );
      await person(1, 'hans-bloch');
      await person(2, null);
      await person(3, null);
      await expect(person(4, 'hans-bloch')).rejects.toThrow(/unique/i);
      const event = (id: number, key: string | null) =>
        sql`INSERT INTO events (id, key, type) VALUES (${id}, ${key}, 'arrest')`.execute(storage.db);
      await event(1, 'arrest-1937');
      await event(2, null);
      await event(3, null);
      await expect(event(4, 'arrest-1937')).rejects.toThrow(/unique/i);
    });
  });
}

describe('the migration to partial key indexes on an archive with rows (SQLite)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fates-keys-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('keeps every row, id counter and foreign key, and indexes only the rows that have a key', async () => {
    const storage = openSqlite(path.join(dir, 'old.sqlite'));
    try {
      await migrateTo(storage.db, '0009-stored-bitsets');
      const db = storage.db;
      await sql`INSERT INTO persons (id, key, display_name, sort_name, sort_key, fate) VALUES
        (1, 'hans-bloch', 'Hans Bloch', 'Bloch, Hans', 'bloch hans', 'shot'),
        (2, NULL, 'Anna Weber', 'Weber, Anna', 'weber anna', NULL),
        (3, NULL, 'Gone', 'Gone', 'gone', NULL)`.execute(db);
      await sql`INSERT INTO names (person_id, kind, full_name, folded) VALUES (1, 'birth', 'Hans Bloch', 'hans bloch'), (2, 'birth', 'Anna Weber', 'anna weber')`.execute(
        db,
      );
      await sql`INSERT INTO events (id, key, type, date_min) VALUES (1, 'arrest-bloch', 'arrest', '1937-08-01'), (2, NULL, 'arrest', '1938-01-01')`.execute(
        db,
      );
      await sql`INSERT INTO events (id, type, variant_of) VALUES (3, 'arrest', 2)`.execute(db);
      await sql`INSERT INTO event_participants (event_id, person_id, role) VALUES (1, 1, 'subject'), (2, 2, 'subject')`.execute(
        db,
      );
      // The last person is deleted: its id must not be given again after the migration.
      await sql`DELETE FROM persons WHERE id = 3`.execute(db);
      const before = await dumpTables(storage);

      await migrateTo(db, '0010-sparse-keys');

      expect(await dumpTables(storage)).toEqual(before);
      // Main events: all but the variant.
      const main = await sql<{ n: number }>`SELECT count(*) AS n FROM events WHERE variant_of IS NULL`.execute(db);
      expect(Number(main.rows[0]?.n)).toBe(2);
      const sequence = await sql<{
        name: string;
        seq: number;
      }>`SELECT name, seq FROM sqlite_sequence WHERE name IN ('persons', 'events') ORDER BY name`.execute(db);
      expect(sequence.rows).toEqual([
        { name: 'events', seq: 3 },
        { name: 'persons', seq: 3 },
      ]);
      expect((await sql`PRAGMA foreign_key_check`.execute(db)).rows).toEqual([]);
      expect((await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db)).rows[0]?.foreign_keys).toBe(1);
      // The indexes of the rebuilt tables are back, and the key indexes hold keyed rows only.
      const indexes = await sql<{
        name: string;
        sql: string;
      }>`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('persons', 'events') AND sql IS NOT NULL ORDER BY name`.execute(
        db,
      );
      expect(indexes.rows.map((i) => i.name)).toEqual([
        'events_key',
        'events_org',
        'events_place',
        'events_type_date',
        'events_variant',
        'persons_counts',
        'persons_fate',
        'persons_key',
        'persons_sort',
      ]);
      for (const name of ['events_key', 'persons_key', 'events_variant', 'events_place', 'events_org']) {
        expect(indexes.rows.find((i) => i.name === name)?.sql).toMatch(/WHERE "?\w+"? IS NOT NULL/);
      }
      // The plan SQLite makes for a query, as one line.
      const planOf = async (query: RawBuilder<unknown>) =>
        (await sql<{ detail: string }>`EXPLAIN QUERY PLAN ${query}`.execute(db)).rows.map((r) => r.detail).join(' ');
      expect(await planOf(sql`SELECT id FROM persons WHERE key = ${'hans-bloch'}`)).toMatch(/persons_key/);
      expect(await planOf(sql`SELECT id FROM events WHERE variant_of = ${2}`)).toMatch(/events_variant/);
      // A place's page asks for the events at it and at the places within it.
      expect(await planOf(sql`SELECT id FROM events WHERE place_id IN (${1}, ${2})`)).toMatch(/events_place/);
      expect(await planOf(sql`SELECT id FROM events WHERE organization_id = ${1}`)).toMatch(/events_org/);
      // Cascades still run: deleting a person deletes its names and participations, an event its variants.
      await sql`DELETE FROM persons WHERE id = 2`.execute(db);
      await sql`DELETE FROM events WHERE id = 2`.execute(db);
      expect((await sql`SELECT * FROM names WHERE person_id = 2`.execute(db)).rows).toEqual([]);
      expect((await sql`SELECT * FROM event_participants WHERE person_id = 2`.execute(db)).rows).toEqual([]);
      expect((await sql`SELECT * FROM events WHERE id = 3`.execute(db)).rows).toEqual([]);
      await expect(
        sql`INSERT INTO persons (key, display_name, sort_name, sort_key) VALUES ('hans-bloch', 'X', 'X', 'x')`.execute(
          db,
        ),
      ).rejects.toThrow(/UNIQUE/);
      const next = await sql<{
        id: number;
      }>`INSERT INTO persons (display_name, sort_name, sort_key) VALUES ('New', 'New', 'new') RETURNING id`.execute(db);
      expect(next.rows[0]?.id).toBe(4);
    } finally {
      await storage.close();
    }
  });
});
