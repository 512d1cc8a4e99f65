import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openBulkWriter, readNextIds, restoreDeferredIndexes } from '../../src/db/bulk.ts';
import type { Storage } from '../../src/db/connection.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';

const PERSONS = { table: 'persons', columns: ['id', 'display_name', 'sort_name', 'sort_key'] } as const;
const ROLES = { table: 'person_roles', columns: ['person_id', 'role'] } as const;

for (const engine of ENGINES) {
  describe(`bulk writer on ${engine}`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await openTestStorage(engine);
    });
    afterEach(async () => {
      await storage.close();
    });

    it('writes queued rows parents first, in chunks, with the ids it is given', async () => {
      const { persons: first } = await readNextIds(storage.db, ['persons']);
      expect(first).toBe(1);
      const writer = await openBulkWriter(storage, [PERSONS, ROLES]);
      // Children queued before parents still arrive after them: tables are written in order.
      for (let i = 0; i < 2_500; i++) writer.queue('person_roles').row(first + i, 'victim');
      for (let i = 0; i < 2_500; i++) writer.queue('persons').row(first + i, `P ${i}`, `P, ${i}`, `p ${i}`);
      expect(await writer.flush()).toBe(5_000);
      expect(await writer.flush()).toBe(0);
      await writer.close();
      const rows = await storage.db.selectFrom('persons').select(['id', 'display_name']).orderBy('id').execute();
      expect(rows).toHaveLength(2_500);
      expect(rows[2_499]).toEqual({ id: 2_500, display_name: 'P 2499' });
      expect((await readNextIds(storage.db, ['persons'])).persons).toBe(2_501);
    });

    it('keeps every character of text and NULLs as they were queued', async () => {
      const tricky = [
        'tab\there',
        'line\nbreak\r\nand return',
        'back\\slash \\N not null',
        'Ежов, Łódź, ß, 🕯',
        '',
        'quote \' and " both',
      ];
      const writer = await openBulkWriter(storage, [
        { table: 'persons', columns: ['id', 'display_name', 'sort_name', 'sort_key', 'fate'] },
      ]);
      for (const [i, text] of tricky.entries())
        writer.queue('persons').row(i + 1, text, text, text.toLowerCase(), i % 2 ? null : 'unknown');
      await writer.flush();
      await writer.close();
      const rows = await storage.db
        .selectFrom('persons')
        .select(['id', 'display_name', 'fate'])
        .orderBy('id')
        .execute();
      expect(rows.map((r) => r.display_name)).toEqual(tricky);
      expect(rows.map((r) => r.fate)).toEqual(tricky.map((_, i) => (i % 2 ? null : 'unknown')));
    });

    it('refuses rows of the wrong width and tables it was not opened for', async () => {
      const writer = await openBulkWriter(storage, [PERSONS]);
      expect(() => writer.queue('names')).toThrow(/not opened for table names/);
      expect(() => writer.queue('persons').row(1, 'A')).toThrow(/a row of persons has 4 values, not 2/);
      expect(writer.queue('persons').rows).toBe(0);
      expect(() => writer.queue('persons').append(6, () => {})).toThrow(/do not have 4 values each/);
      await writer.close();
    });

    it('writes nothing of a flush that fails on a conflict, not even the rows before it', async () => {
      const writer = await openBulkWriter(storage, [PERSONS, ROLES], { checkForeignKeys: false });
      // The conflict comes late in a multi-row statement, after rows of it and of other tables.
      for (let i = 1; i <= 40; i++) writer.queue('persons').row(i, `P ${i}`, `P, ${i}`, `p ${i}`);
      for (let i = 1; i <= 40; i++) writer.queue('person_roles').row(i, 'victim');
      writer.queue('person_roles').row(30, 'victim');
      await expect(writer.flush()).rejects.toThrow();
      await writer.close();
      expect(await storage.db.selectFrom('persons').select('id').execute()).toEqual([]);
      expect(await storage.db.selectFrom('person_roles').select('person_id').execute()).toEqual([]);
    });
  });
}

describe('bulk writer on sqlite, deferring indexes', () => {
  let storage: Storage;
  beforeEach(async () => {
    storage = await openTestStorage('sqlite');
  });
  afterEach(async () => {
    await storage.close();
  });

  const indexes = () =>
    (
      storage.sqlite?.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'persons'").all() ??
      []
    )
      .map((r) => (r as { name: string }).name)
      .sort();

  it('drops the named indexes while writing and builds them again on close, with its page cache and memory map restored', async () => {
    const before = indexes();
    const cacheSize = storage.sqlite?.pragma('cache_size', { simple: true });
    const mmapSize = storage.sqlite?.pragma('mmap_size', { simple: true });
    expect(before).toContain('persons_sort');
    const writer = await openBulkWriter(storage, [PERSONS], { deferIndexes: ['persons_sort'] });
    expect(indexes()).not.toContain('persons_sort');
    expect(indexes()).toContain('persons_fate');
    writer.queue('persons').row(1, 'A', 'A', 'a');
    await writer.flush();
    await writer.close();
    expect(indexes()).toEqual(before);
    expect(await storage.db.selectFrom('meta').selectAll().execute()).toEqual([]);
    // The build runs with a small cache and a large map (see buildIndexes); the connection keeps its own.
    expect(storage.sqlite?.pragma('cache_size', { simple: true })).toBe(cacheSize);
    expect(storage.sqlite?.pragma('mmap_size', { simple: true })).toBe(mmapSize);
  });

  it('may leave foreign keys unchecked for the run and restores the setting', async () => {
    const writer = await openBulkWriter(storage, [ROLES], { checkForeignKeys: false });
    expect(storage.sqlite?.pragma('foreign_keys', { simple: true })).toBe(0);
    writer.queue('person_roles').row(999, 'victim');
    await writer.flush();
    await writer.close();
    expect(storage.sqlite?.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(storage.sqlite?.pragma('foreign_key_check')).toHaveLength(1);
  });

  it('may checkpoint on a thread of its own, and leaves the WAL checkpointed and the setting restored', async () => {
    const sqlite = storage.sqlite;
    if (!sqlite) throw new Error('no sqlite handle');
    const autocheckpoint = sqlite.pragma('wal_autocheckpoint', { simple: true });
    const writer = await openBulkWriter(storage, [PERSONS], { checkpointInBackground: true });
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBeGreaterThan(autocheckpoint as number);
    for (let batch = 0; batch < 3; batch++) {
      for (let i = 1; i <= 2_000; i++) {
        const id = batch * 2_000 + i;
        writer.queue('persons').row(id, `P ${id}`, `P, ${id}`, `p ${id}`);
      }
      await writer.flush();
    }
    await writer.close();
    expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(autocheckpoint);
    // The rows are in the database file itself, without its WAL: the checkpointer copied them
    // (too few pages for a commit to have checkpointed).
    const copy = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'fates-wal-')), 'copy.sqlite');
    fs.copyFileSync(sqlite.name, copy);
    const file = new Database(copy, { readonly: true });
    try {
      expect(file.prepare('SELECT COUNT(*) AS n FROM persons').get()).toEqual({ n: 6_000 });
    } finally {
      file.close();
      fs.rmSync(path.dirname(copy), { recursive: true, force: true });
    }
  });

  it('builds them again at the next open when a run died before closing', async () => {
    const before = indexes();
    await openBulkWriter(storage, [PERSONS], { deferIndexes: true });
    expect(indexes().length).toBeLessThan(before.length);
    const sqlite = storage.sqlite;
    if (!sqlite) throw new Error('no sqlite handle');
    expect(restoreDeferredIndexes(sqlite)).toBeGreaterThan(0);
    expect(indexes()).toEqual(before);
    expect(restoreDeferredIndexes(sqlite)).toBe(0);
  });
});
