import type SQLite from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { Database } from './database.ts';

export type Db = Kysely<Database>;

export type EngineName = 'sqlite' | 'postgres';

/** Work a storage carries on after the call that began it returned (see background.ts). */
export interface BackgroundWork {
  /** Whether the storage is closing: work checks this between its steps and stops. */
  readonly stopped: boolean;
  /**
   * Runs `work` in the background; `closing` is aborted when the storage closes, and the work
   * then stops where it can. `onError` hears of a failure (the work is not retried).
   */
  start(work: (closing: AbortSignal) => Promise<void>, onError: (error: unknown) => void): void;
  /** Waits until no work is running. */
  settled(): Promise<void>;
  /** Asks the work to stop and waits for it. */
  stop(): Promise<void>;
}

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
  /** Work carried on after the call that began it returned; close() stops it first (background.ts). */
  background: BackgroundWork;
  close(): Promise<void>;
}
