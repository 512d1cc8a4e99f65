import type { Storage } from '../../db/connection.ts';
import { RequestThread } from '../../db/request-thread.ts';
import { startTsWorker } from '../../db/ts-worker.ts';
import type { DrainReport } from './index-queue.ts';

export interface DrainThreadInput {
  kind: 'fates-drain';
  target: string;
  /** One 32-bit word: 1 asks the drain to stop between two transactions. */
  stop: SharedArrayBuffer;
}

/**
 * A thread that drains the index queue (drain.worker.ts) for the background of a process: a
 * transaction of 2,000 of Moscow's persons takes the better part of a second, which on the thread
 * serving requests held every page and edit of the process that long, over and over.
 */
export class DrainThread {
  private readonly flag = new Int32Array(new SharedArrayBuffer(4));

  private constructor(private thread: RequestThread<'drain', DrainReport> | null) {}

  /** Starts the thread; null where it cannot be (an archive in memory, no TypeScript loader). */
  static start(storage: Storage): DrainThread | null {
    if (!storage.target || storage.target === ':memory:') return null;
    const drain = new DrainThread(null);
    const input: DrainThreadInput = {
      kind: 'fates-drain',
      target: storage.target,
      stop: drain.flag.buffer as SharedArrayBuffer,
    };
    const worker = startTsWorker(new URL('./drain.worker.ts', import.meta.url), input);
    if (!worker) return null;
    drain.thread = new RequestThread(worker, 'writing the index queue');
    return drain;
  }

  /** Drains the queue on the thread until it is empty or asked to stop. */
  drain(): Promise<DrainReport> {
    return (this.thread as RequestThread<'drain', DrainReport>).ask('drain');
  }

  /** Asks a drain under way to stop after its transaction. */
  stop(): void {
    Atomics.store(this.flag, 0, 1);
  }

  async close(): Promise<void> {
    await this.thread?.close();
  }
}
