import type { Storage } from '../../db/connection.ts';
import { PostgresTextIndex } from './text-index.postgres.ts';
import { SqliteTextIndex } from './text-index.sqlite.ts';
import type { TextIndex } from './text-index.ts';

/** Chooses the implementation for the storage engine (a transaction's `db` will do). */
export function textIndexFor(storage: Pick<Storage, 'engine' | 'db'>): TextIndex {
  return storage.engine === 'postgres' ? new PostgresTextIndex(storage.db) : new SqliteTextIndex(storage.db);
}
