import { openStorageForReading } from '../db/connection.ts';
import { answerRequests } from '../db/request-thread.ts';
import { type BatchRequest, type ComparedCandidate, compareBatch, LINKING_THREAD, newBatchState } from './link.ts';

/*
 * The second side of a linking run on two threads: compares the batches of rows it is handed with
 * their candidates (link.ts, compareRecords), reading on a connection of its own, while the run's
 * own thread compares the others. Requests are answered in order.
 */

answerRequests<{ kind: typeof LINKING_THREAD; target: string }, BatchRequest, [number, ComparedCandidate[]][]>(
  LINKING_THREAD,
  async (input) => {
    const storage = await openStorageForReading(input.target);
    const state = newBatchState();
    return { answer: (request) => compareBatch(storage, request, state) };
  },
);
