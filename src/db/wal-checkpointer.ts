import type { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import { startSqliteWorker } from './sqlite-worker.ts';

/*
 * Checkpoints of a SQLite database in WAL mode, on a thread of their own. A bulk writer's
 * connection would otherwise checkpoint at every commit past wal_autocheckpoint pages: copy the
 * batch's pages from the WAL into the database file and wait for two fsyncs, a large share of the
 * writing thread's time. A PASSIVE checkpoint on another connection runs alongside the
 * writer (SQLite allows one writer and one checkpointer at once), mostly waiting on the disk.
 */

/** Runs in the worker (see sqlite-worker.ts). */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
let pending = false;
let stopping = false;
let running = false;
function run() {
  running = true;
  // Coalesces the commits reported while a checkpoint ran into the next one.
  while (pending) {
    pending = false;
    try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (error) { parentPort.postMessage(String(error)); }
  }
  running = false;
  if (stopping) { db.close(); parentPort.close(); }
}
parentPort.on('message', (message) => {
  pending = true;
  if (message === 'stop') stopping = true;
  if (!running) setImmediate(run);
});
`;

/** Checkpoints `sqlite`'s database whenever told that a transaction was committed. */
export class WalCheckpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;
  private failure: string | null = null;

  private constructor(file: string) {
    this.worker = startSqliteWorker(WORKER, { file });
    this.worker.on('message', (message: string) => {
      this.failure ??= message;
    });
    this.exited = new Promise((resolve) => {
      this.worker.once('exit', () => resolve());
      this.worker.once('error', (error) => {
        this.failure ??= String(error);
      });
    });
  }

  /** A checkpointer for `sqlite`, or null if its database is not a file in WAL mode. */
  static start(sqlite: BetterSqlite3.Database): WalCheckpointer | null {
    if (sqlite.memory || sqlite.pragma('journal_mode', { simple: true }) !== 'wal') return null;
    return new WalCheckpointer(sqlite.name);
  }

  /** A transaction was committed: checkpoint what the WAL holds, soon. */
  committed(): void {
    this.worker.postMessage('commit');
  }

  /**
   * Checkpoints once more and stops. A checkpoint that failed (the disk, say) is no loss of data:
   * the pages stay in the WAL, and SQLite copies them at a later checkpoint; hence only a warning.
   */
  async stop(): Promise<void> {
    this.worker.postMessage('stop');
    await this.exited;
    if (this.failure) process.emitWarning(`background WAL checkpoint failed: ${this.failure}`);
  }
}

/** WAL pages (of 4 KiB) past which commits checkpoint themselves even with a checkpointer: a few batches' worth. */
export const WAL_BACKSTOP_PAGES = 25_000;

/**
 * Runs `work` with the WAL checkpointed on a thread of its own (WalCheckpointer): `work` calls
 * `committed` after each of its commits. Commits on `sqlite` checkpoint only should the thread
 * fall behind by WAL_BACKSTOP_PAGES. Without a SQLite file in WAL mode, `work` runs as it is.
 */
export async function withBackgroundCheckpoints<T>(
  sqlite: BetterSqlite3.Database | undefined,
  work: (committed: () => void) => Promise<T>,
): Promise<T> {
  const checkpointer = sqlite ? WalCheckpointer.start(sqlite) : null;
  if (!sqlite || !checkpointer) return work(() => {});
  const before = sqlite.pragma('wal_autocheckpoint', { simple: true });
  sqlite.pragma(`wal_autocheckpoint = ${WAL_BACKSTOP_PAGES}`);
  try {
    return await work(() => checkpointer.committed());
  } finally {
    sqlite.pragma(`wal_autocheckpoint = ${before}`);
    await checkpointer.stop();
  }
}
