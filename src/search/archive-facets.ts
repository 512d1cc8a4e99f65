import type { Storage } from '../db/connection.ts';
import { EVENT_TYPES } from '../events/event.ts';
import { FATES, PERSON_ROLES, SEXES } from '../persons/person.ts';
import { type FacetCount, sorted } from './stored-doc.ts';
import { facetToken } from './search-doc.ts';
import { searchIndexFor } from './search-index.ts';

/**
 * Facet counts over every indexed person, for the unfiltered index: each value is one token of
 * the search index, and counting a token's documents is far cheaper than grouping millions of
 * rows (the event types alone would join every event to its participants). The index holds
 * exactly the published, unmerged persons, the same ones the counts of a search cover.
 */
export async function countArchiveFacets(storage: Storage): Promise<{ fate: FacetCount[]; role: FacetCount[]; sex: FacetCount[]; event: FacetCount[] }> {
  const index = searchIndexFor(storage);
  const count = async (values: readonly string[], tokenOf: (v: string) => string) => {
    const rows: { value: string; n: number }[] = [];
    for (const value of values) rows.push({ value, n: await index.countMatches([[tokenOf(value)]]) });
    return sorted(rows.filter((r) => r.n > 0));
  };
  return {
    fate: await count(FATES, facetToken.fate),
    role: await count(PERSON_ROLES, facetToken.role),
    sex: await count(SEXES, facetToken.sex),
    event: await count(EVENT_TYPES, facetToken.eventType),
  };
}
