import { parentPort, workerData } from 'node:worker_threads';
import { openStorageForReading } from '../../db/connection.ts';
import { DocPreparer } from './person-docs.ts';
import type { PrepareReply, PrepareRequest, PreparingInput } from './person-docs-thread.ts';

/*
 * The reading half of a large index write on two threads: reads batches of persons on a
 * connection of its own and makes their documents (person-docs.ts), while the writing thread
 * writes the batches before. Requests are answered in order.
 */

async function run(input: PreparingInput): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const storage = await openStorageForReading(input.target);
  const preparer = await DocPreparer.open(storage.db);
  let queue = Promise.resolve();
  port.on('message', (request: PrepareRequest | 'close') => {
    if (request === 'close') {
      void queue.then(() => storage.close()).then(() => port.close());
      return;
    }
    queue = queue.then(async () => {
      try {
        const prepared = await preparer.prepare(storage.db, request.ids);
        port.postMessage({ seq: request.seq, prepared } satisfies PrepareReply);
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        port.postMessage({ seq: request.seq, error: e.message, stack: e.stack } satisfies PrepareReply);
      }
    });
  });
  port.postMessage('ready');
}

const input = workerData as PreparingInput | undefined;
if (input?.kind === 'fates-person-docs') {
  run(input).catch((error: unknown) => {
    const e = error instanceof Error ? error : new Error(String(error));
    parentPort?.postMessage({ seq: -1, error: e.message, stack: e.stack } satisfies PrepareReply);
  });
}
