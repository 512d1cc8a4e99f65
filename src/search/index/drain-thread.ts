import type { Storage } from '../../db/connection.ts';
import { type RequestThread, startRequestThread } from '../../db/request-thread.ts';
import type { DrainReport } from './index-queue.ts';

export interface DrainThreadInput {
  kind: 'fates-drain';
  target: string;
  /** One 32-bit word: 1 asks the drain to stop between two transactions. */
  stop: SharedArrayBuffer;
}

/**
 * A thread that drains the index queue (drain.worker.ts) for the background of a process: on the
 * thread serving requests, a drain of Moscow's 457,000 persons kept it from answering anything
 * until it ended (index-drain.ts, `pause`).
 */
export class DrainThread {
  private constructor(
    private readonly thread: RequestThread<'drain', DrainReport>,
    private readonly flag: Int32Array,
  ) {}

  /** Starts the thread; null where it cannot be (an archive in memory, no TypeScript loader). */
  static start(storage: Storage): DrainThread | null {
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const thread = startRequestThread<'drain', DrainReport>(
      storage,
      new URL('./drain.worker.ts', import.meta.url),
      { kind: 'fates-drain', stop: flag.buffer },
      'writing the index queue',
    );
    return thread ? new DrainThread(thread, flag) : null;
  }

  /** Drains the queue on the thread until it is empty or asked to stop. */
  drain(): Promise<DrainReport> {
    return this.thread.ask('drain');
  }

  /** Asks a drain under way to stop after its transaction. */
  stop(): void {
    Atomics.store(this.flag, 0, 1);
  }

  async close(): Promise<void> {
    await this.thread.close();
  }
}
