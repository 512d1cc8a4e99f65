import { openStorageForReading } from '../db/connection.ts';
import { answerRequests } from '../db/request-thread.ts';
import { type BatchAnswer, type BatchRequest, compareBatch, LINKING_THREAD, newBatchState } from './link.ts';

/*
 * The second side of a linking run on two threads: compares the batches of rows it is handed with
 * their candidates (link.ts, compareRecords), reading on a connection of its own, while the run's
 * own thread compares the others. Requests are answered in order.
 */

answerRequests<{ kind: typeof LINKING_THREAD; target: string }, BatchRequest, BatchAnswer>(
  LINKING_THREAD,
  async (input) => {
    const storage = await openStorageForReading(input.target);
    // What a call read is kept for that call only (see BatchRequest.call).
    let call = 0;
    let state = newBatchState();
    return {
      answer: (request) => {
        if (request.call !== call) {
          call = request.call;
          state = newBatchState();
        }
        return compareBatch(storage, request, state);
      },
    };
  },
);
