import { openStorage } from '../../db/connection.ts';
import { answerRequests } from '../../db/request-thread.ts';
import type { DrainThreadInput } from './drain-thread.ts';
import { type DrainReport, drainIndexQueue } from './index-drain.ts';

/*
 * A drain of the index queue on a thread of its own (drain-thread.ts), on a connection of its own:
 * what a write left to the background is written here, so that the thread serving requests is not
 * held by its transactions. It stops between two transactions once the flag it shares is set.
 */

answerRequests<DrainThreadInput, 'drain', DrainReport>('fates-drain', async (input) => {
  const storage = await openStorage(input.target);
  const stop = new Int32Array(input.stop);
  return {
    answer: () => drainIndexQueue(storage, { stop: () => Atomics.load(stop, 0) === 1 }),
  };
});
