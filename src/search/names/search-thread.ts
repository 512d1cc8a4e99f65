import type { Worker } from 'node:worker_threads';
import type { Storage } from '../../db/connection.ts';
import { startTsWorker } from '../../db/ts-worker.ts';
import { SearchInputError, type SearchParams, type SearchResult, SearchService } from './person-search.service.ts';

/*
 * Name searches on a thread of their own (search.worker.ts). better-sqlite3 answers on the thread
 * that asks, so a search of a common name held the server's thread for tens of milliseconds at a
 * million persons, hundreds at five million, and a write or a page asked for meanwhile waited
 * behind it. A server process (`fates serve`) searches on its thread; everything else (tests, the
 * CLI, CSV exports that stream) searches where it is.
 */

export interface SearchThreadInput {
  kind: 'fates-search';
  target: string;
}

export interface SearchRequest {
  seq: number;
  params: SearchParams;
}

export type SearchReply =
  | { seq: number; result: SearchResult }
  | { seq: number; error: { name: string; message: string; stack?: string } };

class SearchThread {
  private seq = 0;
  private readonly waiting = new Map<number, { resolve: (r: SearchResult) => void; reject: (e: Error) => void }>();
  private failure: Error | null = null;

  constructor(private readonly worker: Worker) {
    worker.on('message', (reply: SearchReply | 'ready') => {
      if (reply === 'ready') return;
      if ('result' in reply) {
        this.waiting.get(reply.seq)?.resolve(reply.result);
        this.waiting.delete(reply.seq);
        return;
      }
      // What the person asked for cannot be searched: the same 400 as on this thread.
      const error =
        reply.error.name === 'SearchInputError'
          ? new SearchInputError(reply.error.message)
          : Object.assign(new Error(`searching failed: ${reply.error.message}`), { stack: reply.error.stack });
      if (reply.seq < 0) this.fail(error);
      else {
        this.waiting.get(reply.seq)?.reject(error);
        this.waiting.delete(reply.seq);
      }
    });
    worker.on('error', (error) => this.fail(error));
    worker.on('exit', (code) => this.fail(new Error(`the search thread stopped (exit code ${code})`)));
    // The thread never keeps a process alive that has nothing else to do.
    worker.unref();
  }

  /** Whether the thread has failed: searches then run where they are asked. */
  get failed(): boolean {
    return this.failure !== null;
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const w of this.waiting.values()) w.reject(error);
    this.waiting.clear();
  }

  search(params: SearchParams): Promise<SearchResult> {
    if (this.failure) return Promise.reject(this.failure);
    const seq = ++this.seq;
    const reply = new Promise<SearchResult>((resolve, reject) => this.waiting.set(seq, { resolve, reject }));
    this.worker.postMessage({ seq, params } satisfies SearchRequest);
    return reply;
  }

  async close(): Promise<void> {
    this.fail(new Error('the search thread was closed'));
    this.worker.removeAllListeners('exit');
    await this.worker.terminate();
  }
}

const threads = new WeakMap<Storage, SearchThread>();

/**
 * Starts searching on a thread of its own for this storage (a server process does); false where
 * no thread can be started (an archive in memory, no TypeScript loader), and searches then run
 * on the caller's thread as before.
 */
export function startSearchThread(storage: Storage): boolean {
  if (threads.has(storage)) return true;
  if (!storage.target || storage.target === ':memory:') return false;
  const input: SearchThreadInput = { kind: 'fates-search', target: storage.target };
  const worker = startTsWorker(new URL('./search.worker.ts', import.meta.url), input);
  if (!worker) return false;
  threads.set(storage, new SearchThread(worker));
  return true;
}

/** Ends the storage's search thread, if it has one. */
export async function stopSearchThread(storage: Storage): Promise<void> {
  const thread = threads.get(storage);
  threads.delete(storage);
  await thread?.close();
}

/**
 * Searches persons: on the storage's search thread where it has one that works, else here. A
 * thread that failed is let go, and the search runs here.
 */
export async function searchPersons(storage: Storage, params: SearchParams): Promise<SearchResult> {
  const thread = threads.get(storage);
  if (thread && !thread.failed) {
    try {
      return await thread.search(params);
    } catch (error) {
      if (error instanceof SearchInputError || !thread.failed) throw error;
      console.error(`The search thread failed (${(error as Error).message}); searching on the server's own thread.`);
    }
  }
  return new SearchService(storage).search(params);
}
