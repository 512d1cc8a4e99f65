import { createRequire } from 'node:module';
import { type Transferable, Worker } from 'node:worker_threads';

/**
 * A thread with a SQLite connection of its own. `code` is CommonJS in plain JavaScript, so the
 * thread needs no TypeScript loader; it finds better-sqlite3 as `workerData.driver`, beside
 * `data`.
 */
export function startSqliteWorker(
  code: string,
  data: Record<string, unknown>,
  transferList: Transferable[] = [],
): Worker {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  return new Worker(code, { eval: true, workerData: { ...data, driver }, transferList });
}
