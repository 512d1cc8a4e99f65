import { EVENT_TYPES } from '../../events/event.ts';
import { FATES, PERSON_ROLES, SEXES } from '../../persons/person.ts';
import { facetToken } from './search-doc.ts';
import { type Facets, sorted } from './stored-doc.ts';

/** Each facet, its values and the index token of a value. */
const FACET_TOKENS: readonly [keyof Facets, readonly string[], (value: string) => string][] = [
  ['fate', FATES, facetToken.fate],
  ['role', PERSON_ROLES, facetToken.role],
  ['sex', SEXES, facetToken.sex],
  ['event', EVENT_TYPES, facetToken.eventType],
];

/** Every facet value's index token, in one order: the order facetsFromCounts reads counts in. */
export const FACET_VALUE_TOKENS: readonly string[] = FACET_TOKENS.flatMap(([, values, tokenOf]) => values.map(tokenOf));

/** The facets, from how many persons have each of FACET_VALUE_TOKENS, in that order. */
export function facetsFromCounts(counts: readonly number[]): Facets {
  const facets: Partial<Facets> = {};
  let i = 0;
  for (const [facet, values] of FACET_TOKENS) {
    const rows: { value: string; n: number }[] = [];
    for (const value of values) {
      const n = counts[i++] as number;
      if (n > 0) rows.push({ value, n });
    }
    facets[facet] = sorted(rows);
  }
  return facets as Facets;
}

/** Facet counts from the index, one value at a time. */
export async function facetsByToken(count: (token: string) => Promise<number>): Promise<Facets> {
  const counts: number[] = [];
  for (const token of FACET_VALUE_TOKENS) counts.push(await count(token));
  return facetsFromCounts(counts);
}
