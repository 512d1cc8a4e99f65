import type { Storage } from '../../db/connection.ts';
import { type RequestThread, startRequestThread } from '../../db/request-thread.ts';
import type { PreparedDocs } from './person-docs.ts';

export interface PreparingInput {
  kind: 'fates-person-docs';
  target: string;
}

/**
 * A thread that reads persons and makes their index documents (person-docs.worker.ts) while
 * this one writes: what a large index write spends on reading and analysing names then runs on
 * the second core. Like a DocPreparer, one thread serves one run of batches that are all written.
 */
export class PreparingThread {
  private constructor(private readonly thread: RequestThread<number[], PreparedDocs>) {}

  /** Starts the thread; null where it cannot be (an archive in memory, no TypeScript loader). */
  static start(storage: Storage): PreparingThread | null {
    const thread = startRequestThread<number[], PreparedDocs>(
      storage,
      new URL('./person-docs.worker.ts', import.meta.url),
      { kind: 'fates-person-docs' },
      'preparing index documents',
    );
    return thread ? new PreparingThread(thread) : null;
  }

  /** The documents of these persons (ascending ids), read on the thread's own connection. */
  prepare(ids: number[]): Promise<PreparedDocs> {
    const reply = this.thread.ask(ids);
    // Marked as handled: a batch asked for ahead may fail while an earlier one is awaited.
    reply.catch(() => {});
    return reply;
  }

  /** Ends the thread; batches asked for and not yet answered are dropped. */
  close(): Promise<void> {
    return this.thread.close();
  }
}
