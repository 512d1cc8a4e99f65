import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { withBackground } from './background.ts';
import type { Database } from './database.ts';
import { StorageOpenError } from './errors.ts';
import { isPostgresUrl, openPostgres, type PostgresOptions } from './postgres.ts';
import type { Storage } from './storage.ts';

export { isStorageUnavailable, StorageOpenError, StorageUnavailableError } from './errors.ts';

export type { Db, EngineName, Storage } from './storage.ts';

/**
 * Memory SQLite may use per connection. Its own page cache (64 MiB) keeps the upper levels of the
 * big indexes; the memory map lets reads of the first 512 MiB of the file skip a copy. Mapped
 * pages count in a process's RSS, so the map is bounded rather than the whole file.
 */
const SQLITE_CACHE_KIB = 65_536;
const SQLITE_MMAP_BYTES = 512 * 2 ** 20;

/** Prepared statements kept per connection; queries with long IN lists vary, so the cache is bounded. */
const STATEMENT_CACHE = 500;

/**
 * The handle as Kysely sees it, except that prepared statements are kept and reused. Kysely
 * prepares every query anew, and preparing costs SQLite as much as running a small query. A
 * statement is reused only once the previous use finished: Kysely runs one query at a time on
 * this connection and reads each result completely (nothing here streams from SQLite).
 */
function cachingStatements(sqlite: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string): SQLite.Statement {
      let stmt = cache.get(sql);
      if (stmt && !stmt.busy) {
        cache.delete(sql); // move to the end: least recently used go first
        cache.set(sql, stmt);
        return stmt;
      }
      stmt = sqlite.prepare(sql);
      cache.set(sql, stmt);
      if (cache.size > STATEMENT_CACHE) cache.delete(cache.keys().next().value as string);
      return stmt;
    },
  };
}

/**
 * Opens the embedded SQLite database, creating the file and its folder when missing.
 * WAL lets readers go on while one writer writes; foreign keys are off by default in SQLite.
 */
export function openSqlite(file: string): Storage {
  const location = file === ':memory:' ? file : path.resolve(file);
  let sqlite: SQLite.Database;
  try {
    if (location !== ':memory:') fs.mkdirSync(path.dirname(location), { recursive: true });
    sqlite = new SQLite(location);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    // Waits this long for another process's write: a bulk load's transaction may take seconds.
    sqlite.pragma('busy_timeout = 30000');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
    sqlite.pragma(`mmap_size = ${SQLITE_MMAP_BYTES}`);
    // Probe a write now, so a read-only file or folder fails at start and not on the first edit.
    sqlite.exec('CREATE TABLE IF NOT EXISTS _write_probe (x INTEGER); DROP TABLE _write_probe;');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new StorageOpenError(`Cannot open the database file ${location}: ${reason}`);
  }
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }) });
  return withBackground({ db, engine: 'sqlite', location, target: location, sqlite, close: () => db.destroy() });
}

/**
 * Opens the archive again for reading only, on a thread of its own (storage.target): SQLite
 * without the write probe and pragmas of a writer, PostgreSQL with a pool of two.
 */
export async function openStorageForReading(target: string): Promise<Storage> {
  if (isPostgresUrl(target)) return openPostgres(target, { poolSize: 2 });
  const sqlite = new SQLite(target, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
  sqlite.pragma(`mmap_size = ${SQLITE_MMAP_BYTES}`);
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: cachingStatements(sqlite) }) });
  return withBackground({ db, engine: 'sqlite', location: target, target, sqlite, close: () => db.destroy() });
}

/**
 * Opens the storage named by a `postgres://` URL or, for anything else, a SQLite file path.
 * Whatever stops it from working is a StorageOpenError with a message fit for a terminal.
 */
export async function openStorage(target: string, options: PostgresOptions = {}): Promise<Storage> {
  return isPostgresUrl(target) ? openPostgres(target, options) : openSqlite(target);
}

/**
 * Runs `work` on a connection of its own, for a long write (a list import) that yields between its
 * statements. SQLite: a second connection to the file, so that the server's readers go on, on the
 * first, between the writer's statements (WAL shows them the state before the write commits);
 * an in-memory database has only the one. PostgreSQL: the storage itself, whose pool gives each
 * transaction a connection.
 */
export async function withOwnConnection<T>(storage: Storage, work: (own: Storage) => Promise<T>): Promise<T> {
  if (storage.engine !== 'sqlite' || storage.location === ':memory:') return work(storage);
  const own = openSqlite(storage.location);
  try {
    return await work(own);
  } finally {
    await own.close();
  }
}
