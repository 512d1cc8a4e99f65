import type { Storage } from '../db/connection.ts';
import { facetsByToken } from '../search/index/facet-tokens.ts';
import { searchIndexFor } from '../search/index/search-index-for.ts';
import type { Facets } from '../search/index/stored-doc.ts';

/**
 * Facet counts over every indexed person, for the unfiltered index: each value is one token of
 * the search index, and counting a token's documents is far cheaper than grouping millions of
 * rows (the event types alone would join every event to its participants). The index holds
 * exactly the published, unmerged persons, the same ones the counts of a search cover.
 */
export async function countArchiveFacets(storage: Storage): Promise<Facets> {
  const index = searchIndexFor(storage);
  return facetsByToken((token) => index.countMatches([[token]]));
}
