import type { Storage } from '../../db/connection.ts';
import { type RequestThread, startRequestThread } from '../../db/request-thread.ts';
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

/** A search thread: asked for a search's params, it answers with its result. */
type SearchThread = RequestThread<SearchParams, SearchResult>;

const threads = new WeakMap<Storage, SearchThread>();

/**
 * Starts searching on a thread of its own for this storage (a server process does); false where
 * no thread can be started (an archive in memory, no TypeScript loader), and searches then run
 * on the caller's thread as before.
 */
export function startSearchThread(storage: Storage): boolean {
  if (threads.has(storage)) return true;
  // What the person asked for cannot be searched: the same 400 as on this thread.
  const thread = startRequestThread<SearchParams, SearchResult>(
    storage,
    new URL('./search.worker.ts', import.meta.url),
    { kind: 'fates-search' },
    'searching',
    (e) =>
      e.name === 'SearchInputError'
        ? new SearchInputError(e.message)
        : Object.assign(new Error(`searching failed: ${e.message}`), { stack: e.stack }),
  );
  if (!thread) return false;
  // The thread never keeps a process alive that has nothing else to do.
  threads.set(storage, thread.unref());
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
      return await thread.ask(params);
    } catch (error) {
      if (error instanceof SearchInputError || !thread.failed) throw error;
      console.error(`The search thread failed (${(error as Error).message}); searching on the server's own thread.`);
    }
  }
  return new SearchService(storage).search(params);
}
