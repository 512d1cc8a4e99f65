import type { Worker } from 'node:worker_threads';
import type { Storage } from '../../db/connection.ts';
import { startTsWorker } from '../../db/ts-worker.ts';
import type { PreparedDocs } from './person-docs.ts';

export interface PreparingInput {
  kind: 'fates-person-docs';
  target: string;
}

export interface PrepareRequest {
  seq: number;
  ids: number[];
}

export type PrepareReply = { seq: number; prepared: PreparedDocs } | { seq: number; error: string; stack?: string };

/**
 * A thread that reads persons and makes their index documents (person-docs.worker.ts) while
 * this one writes: what a large index write spends on reading and analysing names then runs on
 * the second core. Like a DocPreparer, one thread serves one run of batches that are all written.
 */
export class PreparingThread {
  private seq = 0;
  private readonly waiting = new Map<number, { resolve: (p: PreparedDocs) => void; reject: (e: Error) => void }>();
  private failure: Error | null = null;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: PrepareReply | 'ready') => {
      if (reply === 'ready') return;
      if ('prepared' in reply) {
        this.waiting.get(reply.seq)?.resolve(reply.prepared);
        this.waiting.delete(reply.seq);
        return;
      }
      const error = new Error(`preparing index documents failed: ${reply.error}`);
      if (reply.stack) error.stack = reply.stack;
      this.fail(error, reply.seq);
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) =>
      this.fail(new Error(`the thread preparing index documents stopped (exit code ${code})`)),
    );
  }

  /** Starts the thread; null where it cannot be (an archive in memory, no TypeScript loader). */
  static start(storage: Storage): PreparingThread | null {
    if (!storage.target || storage.target === ':memory:') return null;
    const input: PreparingInput = { kind: 'fates-person-docs', target: storage.target };
    const worker = startTsWorker(new URL('./person-docs.worker.ts', import.meta.url), input);
    return worker ? new PreparingThread(worker) : null;
  }

  private fail(error: Error, seq?: number): void {
    if (seq !== undefined && seq >= 0) {
      this.waiting.get(seq)?.reject(error);
      this.waiting.delete(seq);
      return;
    }
    this.failure ??= error;
    for (const w of this.waiting.values()) w.reject(error);
    this.waiting.clear();
  }

  /** The documents of these persons (ascending ids), read on the thread's own connection. */
  prepare(ids: number[]): Promise<PreparedDocs> {
    if (this.failure) return Promise.reject(this.failure);
    const seq = ++this.seq;
    const reply = new Promise<PreparedDocs>((resolve, reject) => this.waiting.set(seq, { resolve, reject }));
    this.worker.postMessage({ seq, ids } satisfies PrepareRequest);
    // Marked as handled: a batch asked for ahead may fail while an earlier one is awaited.
    reply.catch(() => {});
    return reply;
  }

  /** Ends the thread; batches asked for and not yet answered are dropped. */
  async close(): Promise<void> {
    this.failure ??= new Error('the thread preparing index documents was closed');
    this.waiting.clear();
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}
