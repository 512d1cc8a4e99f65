import type { Storage } from '../../db/connection.ts';
import { PostgresSearchIndex } from './postgres/search-index.postgres.ts';
import type { SearchIndex } from './search-index.ts';
import { SqliteSearchIndex } from './sqlite/search-index.sqlite.ts';

/**
 * Chooses the index implementation for the storage engine; the one place that knows both. A
 * transaction's `db` will do; SQLite's raw handle, where given, makes large writes faster.
 */
export function searchIndexFor(storage: Pick<Storage, 'engine' | 'db' | 'sqlite'>): SearchIndex {
  return storage.engine === 'postgres'
    ? new PostgresSearchIndex(storage.db)
    : new SqliteSearchIndex(storage.db, storage.sqlite);
}
