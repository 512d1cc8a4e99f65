import type { Storage } from '../db/connection.ts';
import { type SearchParams, type SearchResult, SearchService } from '../search/names/person-search.service.ts';
import type { CsvValue } from './csv.ts';

/** Results read from the search per step; the search pages up to its own limit of 10,000. */
const STEP = 100;
const MAX_OFFSET = 10_000;

export const PERSON_CSV_HEADER = [
  'id',
  'url',
  'name',
  'sort_name',
  'fate',
  'born',
  'died',
  'birth_place',
  'matched_name',
  'matched_how',
] as const;

type Hit = SearchResult['results'][number];

/**
 * Every result of a person search in the order the page shows them, as far as the search can be
 * paged (10,000 results and the page after): the same filters, the same order, the same persons.
 * The first step is searched before this returns, so that a search that cannot run fails before
 * any of the answer is sent.
 */
export async function personSearchCsvRows(
  storage: Storage,
  params: Omit<SearchParams, 'limit' | 'offset'>,
  origin: string,
): Promise<AsyncGenerator<CsvValue[]>> {
  const search = new SearchService(storage);
  const first = await search.search({ ...params, limit: STEP, offset: 0 });
  return rowsFrom(first.results, (offset) => search.search({ ...params, limit: STEP, offset }), origin);
}

async function* rowsFrom(
  first: Hit[],
  next: (offset: number) => Promise<SearchResult>,
  origin: string,
): AsyncGenerator<CsvValue[]> {
  let results = first;
  for (let offset = 0; offset <= MAX_OFFSET; ) {
    for (const r of results) {
      yield [
        r.id,
        `${origin}/persons/${r.id}`,
        r.name,
        r.sortName,
        r.fate,
        r.life.born,
        r.life.died,
        r.life.birthPlace,
        r.matched?.name ?? null,
        r.matched?.how ?? null,
      ];
    }
    if (results.length < STEP) return;
    offset += STEP;
    if (offset <= MAX_OFFSET) results = (await next(offset)).results;
  }
}
