import type { Storage } from '../../db/connection.ts';
import { PostgresSearchIndex } from './postgres/search-index.postgres.ts';
import type { SearchIndex } from './search-index.ts';
import { SqliteSearchIndex } from './sqlite/search-index.sqlite.ts';

/** Chooses the index implementation for the storage engine; the one place that knows both. */
export function searchIndexFor(storage: Storage): SearchIndex {
  return storage.engine === 'postgres'
    ? new PostgresSearchIndex(storage.db)
    : new SqliteSearchIndex(storage.db, storage.sqlite);
}
