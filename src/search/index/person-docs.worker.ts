import { openStorageForReading } from '../../db/connection.ts';
import { answerRequests } from '../../db/request-thread.ts';
import { DocPreparer, type PreparedDocs } from './person-docs.ts';
import type { PreparingInput } from './person-docs-thread.ts';

/*
 * The reading half of a large index write on two threads: reads batches of persons on a
 * connection of its own and makes their documents (person-docs.ts), while the writing thread
 * writes the batches before. Requests are answered in order.
 */

answerRequests<PreparingInput, number[], PreparedDocs>('fates-person-docs', async (input) => {
  const storage = await openStorageForReading(input.target);
  const preparer = await DocPreparer.open(storage.db);
  return { answer: (ids) => preparer.prepare(storage.db, ids) };
});
