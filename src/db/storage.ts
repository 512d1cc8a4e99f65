import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { Database } from './database.ts';

export type Db = Kysely<Database>;

export type EngineName = 'sqlite' | 'postgres';

/** An open archive database: the Kysely instance every layer uses, and the engine behind it. */
export interface Storage {
  db: Db;
  engine: EngineName;
  /** Where the data lives, for messages: a file path or a URL without its password. */
  location: string;
  /**
   * What `openStorage` was given, for a thread that opens the archive on a connection of its own.
   * A PostgreSQL URL may hold a password: never shown.
   */
  target?: string;
  /** The raw better-sqlite3 handle of a SQLite storage, for bulk writes (src/db/bulk.ts). */
  sqlite?: SQLite.Database;
  /** The connection pool of a PostgreSQL storage, for COPY in bulk writes (src/db/bulk.ts). */
  pgPool?: pg.Pool;
  close(): Promise<void>;
}
