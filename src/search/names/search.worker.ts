import { openStorageForReading } from '../../db/connection.ts';
import { answerRequests } from '../../db/request-thread.ts';
import { type SearchParams, type SearchResult, SearchService } from './person-search.service.ts';
import type { SearchThreadInput } from './search-thread.ts';

/*
 * The searching half of a server process (search-thread.ts): name searches run here, on a
 * connection of their own, so that the thread serving requests stays free for writes and pages
 * while a search of a common name takes its tens of milliseconds. One search at a time, in order.
 */

answerRequests<SearchThreadInput, SearchParams, SearchResult>('fates-search', async (input) => {
  const storage = await openStorageForReading(input.target);
  const service = new SearchService(storage);
  return { answer: (params) => service.search(params) };
});
