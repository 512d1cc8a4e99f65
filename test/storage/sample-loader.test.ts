import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/connection.ts';
import { SampleDataError } from '../../src/sample/sample-files.ts';
import { loadSample } from '../../src/sample/sample-loader.ts';
import { dumpTables, ENGINES, FIXTURES, openTestStorage } from '../support/storage.ts';

const MIN = path.join(FIXTURES, 'sample-min');

/** A copy of the minimal fixture that a test may break. */
function copyFixture(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fates-sample-'));
  fs.cpSync(MIN, dir, { recursive: true });
  return dir;
}

for (const engine of ENGINES) {
  describe(`sample loader on ${engine}`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await openTestStorage(engine);
    });
    afterEach(async () => {
      await storage.close();
    });

    it('loads persons, names, events with variants, list rows and citations', async () => {
      const report = await loadSample(storage.db, MIN);
      expect(report).toMatchObject({ changed: true, persons: 2, sources: 3, places: 2 });
      const db = storage.db;
      const anna = await db.selectFrom('persons').selectAll().where('key', '=', 'anna').executeTakeFirstOrThrow();
      expect(anna.fate).toBe('died_in_nazi_custody');
      const names = await db
        .selectFrom('names')
        .select('full_name')
        .where('person_id', '=', anna.id)
        .orderBy('sort')
        .execute();
      expect(names).toEqual([{ full_name: 'Anna Müller' }, { full_name: 'Мюллер Анна' }]);
      const handover = await db
        .selectFrom('events')
        .selectAll()
        .where('key', '=', 'handover-1')
        .executeTakeFirstOrThrow();
      expect(handover).toMatchObject({ date_min: '1940-02-01', date_max: '1940-02-29', details: '{"people":2}' });
      const variant = await db
        .selectFrom('events')
        .selectAll()
        .where('variant_of', '=', handover.id)
        .executeTakeFirstOrThrow();
      expect(variant).toMatchObject({ type: 'handover', details: '{"people":3}', date_edtf: '1940-02' });
      const participants = await db
        .selectFrom('event_participants')
        .select('person_id')
        .where('event_id', '=', handover.id)
        .execute();
      expect(participants).toHaveLength(2);
      const rowCitation = await db
        .selectFrom('citations')
        .innerJoin('list_rows', 'list_rows.id', 'citations.list_row_id')
        .select(['list_rows.position', 'list_rows.cells'])
        .executeTakeFirstOrThrow();
      expect(rowCitation).toEqual({ position: 1, cells: '{"no":"1","name":"Мюллер Анна"}' });
      const deathVariant = await db
        .selectFrom('events')
        .select(['rank', 'note', 'date_min'])
        .where('type', '=', 'death')
        .where('variant_of', 'is not', null)
        .executeTakeFirstOrThrow();
      expect(deathVariant).toEqual({
        rank: 'deprecated',
        note: 'The year 1944 is a misprint for 1943.',
        date_min: '1944-01-01',
      });
    });

    it('changes nothing when loaded twice', async () => {
      await loadSample(storage.db, MIN);
      const before = await dumpTables(storage);
      const second = await loadSample(storage.db, MIN);
      expect(second.changed).toBe(false);
      expect(await dumpTables(storage)).toEqual(before);
    });

    it('keeps ids when a corrected file is reloaded', async () => {
      const dir = copyFixture();
      await loadSample(storage.db, dir);
      const before = await storage.db.selectFrom('persons').select(['id', 'key']).orderBy('id').execute();
      const file = path.join(dir, 'persons/otto.yaml');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('display: Otto Müller', 'display: Otto Mueller'));
      expect((await loadSample(storage.db, dir)).changed).toBe(true);
      const after = await storage.db
        .selectFrom('persons')
        .select(['id', 'key', 'display_name'])
        .orderBy('id')
        .execute();
      expect(after.map(({ id, key }) => ({ id, key }))).toEqual(before);
      expect(after.find((p) => p.key === 'otto')?.display_name).toBe('Otto Mueller');
    });

    it('names file, line and field of an invalid file and writes nothing', async () => {
      const dir = copyFixture();
      const file = path.join(dir, 'persons/anna.yaml');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('date: 1937-11-20', 'date: 1937-13-45'));
      const error = await loadSample(storage.db, dir).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SampleDataError);
      const issue = (error as SampleDataError).issues[0];
      expect(issue).toMatchObject({ field: 'events.0.date', message: 'not a valid EDTF date', line: 13 });
      expect(issue?.file).toMatch(/persons\/anna\.yaml$/);
      expect(await storage.db.selectFrom('persons').select('id').execute()).toEqual([]);
    });

    it('reports references to unknown keys', async () => {
      const dir = copyFixture();
      const file = path.join(dir, 'events.yaml');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('person: otto', 'person: nobody'));
      const error = (await loadSample(storage.db, dir).catch((e: unknown) => e)) as SampleDataError;
      expect(error.issues).toEqual([
        expect.objectContaining({ field: '0.participants.1.person', message: 'unknown person "nobody"', line: 9 }),
      ]);
    });

    it('rolls back everything when writing fails half-way', async () => {
      const dir = copyFixture();
      // Valid for the schema, but the database refuses it: a duplicate row in a composite primary key.
      const file = path.join(dir, 'persons/otto.yaml');
      fs.writeFileSync(
        file,
        fs.readFileSync(file, 'utf8').replace('roles: [victim]', 'roles: [victim]\nbiography: { en: x }'),
      );
      await loadSample(storage.db, dir);
      const before = await dumpTables(storage);
      fs.writeFileSync(
        path.join(dir, 'events.yaml'),
        fs
          .readFileSync(path.join(dir, 'events.yaml'), 'utf8')
          .replace('{ person: otto, role: subject }', '{ person: anna, role: subject }'),
      );
      await expect(loadSample(storage.db, dir)).rejects.toThrow();
      expect(await dumpTables(storage)).toEqual(before);
    });
  });
}
