import { parentPort, workerData } from 'node:worker_threads';
import { openStorageForReading } from '../../db/connection.ts';
import { SearchService } from './person-search.service.ts';
import type { SearchReply, SearchRequest, SearchThreadInput } from './search-thread.ts';

/*
 * The searching half of a server process (search-thread.ts): name searches run here, on a
 * connection of their own, so that the thread serving requests stays free for writes and pages
 * while a search of a common name takes its tens of milliseconds. One search at a time, in order.
 */

async function run(input: SearchThreadInput): Promise<void> {
  const port = parentPort;
  if (!port) return;
  const storage = await openStorageForReading(input.target);
  const service = new SearchService(storage);
  let queue = Promise.resolve();
  port.on('message', (request: SearchRequest | 'close') => {
    if (request === 'close') {
      void queue.then(() => storage.close()).then(() => port.close());
      return;
    }
    queue = queue.then(async () => {
      try {
        const result = await service.search(request.params);
        port.postMessage({ seq: request.seq, result } satisfies SearchReply);
      } catch (error) {
        const e = error instanceof Error ? error : new Error(String(error));
        port.postMessage({
          seq: request.seq,
          error: { name: e.name, message: e.message, stack: e.stack },
        } satisfies SearchReply);
      }
    });
  });
  port.postMessage('ready');
}

const input = workerData as SearchThreadInput | undefined;
if (input?.kind === 'fates-search') {
  run(input).catch((error: unknown) => {
    const e = error instanceof Error ? error : new Error(String(error));
    parentPort?.postMessage({
      seq: -1,
      error: { name: e.name, message: e.message, stack: e.stack },
    } satisfies SearchReply);
  });
}
