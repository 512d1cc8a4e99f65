import { EVENT_TYPES } from '../events/event.ts';
import { FATES, PERSON_ROLES, SEXES } from '../persons/person.ts';
import { facetToken } from './search-doc.ts';
import { type Facets, sorted } from './stored-doc.ts';

/** Each facet, its values and the index token of a value. */
const FACET_TOKENS: readonly [keyof Facets, readonly string[], (value: string) => string][] = [
  ['fate', FATES, facetToken.fate],
  ['role', PERSON_ROLES, facetToken.role],
  ['sex', SEXES, facetToken.sex],
  ['event', EVENT_TYPES, facetToken.eventType],
];

/**
 * Facet counts from the index: `count` gives how many of the persons counted have a value's token,
 * or null when it cannot tell yet (then so does this, after asking for every value all the same).
 */
export async function facetsByToken(
  count: (token: string) => number | null | Promise<number | null>,
): Promise<Facets | null> {
  const facets: Partial<Facets> = {};
  let unknown = false;
  for (const [facet, values, tokenOf] of FACET_TOKENS) {
    const rows: { value: string; n: number }[] = [];
    for (const value of values) {
      const n = await count(tokenOf(value));
      if (n === null) unknown = true;
      else if (n > 0) rows.push({ value, n });
    }
    facets[facet] = sorted(rows);
  }
  return unknown ? null : (facets as Facets);
}
