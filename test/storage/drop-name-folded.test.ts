import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/connection.ts';
import { migrateTo } from '../../src/db/migrator.ts';
import { dumpTables, ENGINES, openTestStorage } from '../support/storage.ts';

const columnsOfNames = async (storage: Storage) => {
  const tables = await storage.db.introspection.getTables();
  return (tables.find((t) => t.name === 'names')?.columns ?? []).map((c) => c.name);
};

for (const engine of ENGINES) {
  describe(`the migration that drops names.folded on ${engine}`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await openTestStorage(engine);
    });
    afterEach(async () => {
      await storage.close();
    });

    it('drops the column and keeps every name and the rows around them', async () => {
      const db = storage.db;
      await migrateTo(db, '0010-sparse-keys');
      expect(await columnsOfNames(storage)).toContain('folded');
      await sql`INSERT INTO persons (id, key, display_name, sort_name, sort_key) VALUES
        (1, 'anna', 'Anna Müller', 'Müller, Anna', 'muller anna'), (2, NULL, 'Ernst Fabisch', 'Fabisch, Ernst', 'fabisch ernst')`.execute(
        db,
      );
      await sql`INSERT INTO names (person_id, kind, given, surname, full_name, lang, folded, rank, note, sort) VALUES
        (1, 'birth', 'Anna', 'Müller', 'Anna Müller', 'de', 'anna muller', 'preferred', NULL, 0),
        (1, 'as-written', NULL, NULL, 'Мюллер Анна', 'ru', 'мюллер анна', 'normal', 'list', 1),
        (2, 'birth', 'Ernst', 'Fabisch', 'Ernst Fabisch', NULL, 'ernst fabisch', 'normal', NULL, 0)`.execute(db);
      const before = await dumpTables(storage);

      await migrateTo(db, '0011-drop-name-folded');

      expect(await columnsOfNames(storage)).not.toContain('folded');
      const after = await dumpTables(storage);
      const withoutFolded = (before.names as Record<string, unknown>[]).map(({ folded: _, ...name }) => name);
      expect(after.names).toEqual(withoutFolded);
      expect(after.names).toHaveLength(3);
      // Tables of later migrations are new and empty; those that were there keep their rows.
      const kept = Object.fromEntries(Object.keys(before).map((table) => [table, after[table]]));
      expect({ ...kept, names: [] }).toEqual({ ...before, names: [] });
      // A name is written without the column, and its id follows those of the names kept.
      const added = await db
        .insertInto('names')
        .values({ person_id: 2, kind: 'alias', full_name: 'Ernst F.', rank: 'normal', sort: 1 })
        .returning('id')
        .executeTakeFirstOrThrow();
      expect(added.id).toBe(4);
    });
  });
}
