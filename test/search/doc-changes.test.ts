import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/connection.ts';
import {
  docChangesSince,
  LISTED_PERSONS,
  lastDocChange,
  logDocChanges,
} from '../../src/search/index/sqlite/doc-changes.sqlite.ts';
import { openTestStorage } from '../support/storage.ts';

// The log of the name index's writes that server processes patch their caches from
// (filter-bitsets.sqlite.ts). SQLite only, as those caches are.
describe('the log of changed documents (SQLite)', () => {
  let storage: Storage;
  let sqlite: NonNullable<Storage['sqlite']>;
  beforeAll(async () => {
    storage = await openTestStorage('sqlite');
    sqlite = storage.sqlite as NonNullable<Storage['sqlite']>;
  });
  afterAll(async () => {
    await storage?.close();
  });

  /** The newest row's number; the test database is migrated, so it keeps the log. */
  const last = () => lastDocChange(sqlite) as number;

  it('lists each person changed since a point once, and says when it cannot', async () => {
    const start = last();
    await logDocChanges(storage.db, [7, 3]);
    await logDocChanges(storage.db, [3, 11]);
    expect(docChangesSince(sqlite, start, LISTED_PERSONS)?.sort((a, b) => a - b)).toEqual([3, 7, 11]);
    // More than the reader takes: it starts over.
    expect(docChangesSince(sqlite, start, 2)).toBeNull();
    const middle = last();
    expect(docChangesSince(sqlite, middle, LISTED_PERSONS)).toEqual([]);
    // A write of more persons than are listed logs that too many changed.
    await logDocChanges(
      storage.db,
      Array.from({ length: LISTED_PERSONS + 1 }, (_, i) => i + 1),
    );
    expect(docChangesSince(sqlite, middle, LISTED_PERSONS)).toBeNull();
    const after = last();
    await logDocChanges(storage.db, [5]);
    expect(docChangesSince(sqlite, after, LISTED_PERSONS)).toEqual([5]);
    // Rows since a point dropped (only the newest are kept): a reader from before it starts over.
    await storage.db.deleteFrom('search_doc_changes').where('seq', '<=', after).execute();
    expect(docChangesSince(sqlite, middle, LISTED_PERSONS)).toBeNull();
    expect(docChangesSince(sqlite, after, LISTED_PERSONS)).toEqual([5]);
    // Numbers are never given twice, even once every row is gone.
    await storage.db.deleteFrom('search_doc_changes').execute();
    expect(docChangesSince(sqlite, after, LISTED_PERSONS)).toBeNull();
    await logDocChanges(storage.db, [9]);
    expect(last()).toBeGreaterThan(after + 1);
    expect(docChangesSince(sqlite, after, LISTED_PERSONS)).toBeNull();
  });
});
