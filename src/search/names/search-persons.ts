import type { Storage } from '../../db/connection.ts';
import { analyzeQuery, KIND_STRENGTH } from '../../names/name-keys.ts';
import { requiredTerms } from '../../names/name-match.ts';
import type { PersonSet } from '../facts/fact-columns.ts';
import { token } from '../index/search-doc.ts';
import type { TokenGroups } from '../index/search-index.ts';
import { searchIndexFor } from '../index/search-index-for.ts';
import { COUNT_CAP, filterGroups, type SearchFilters } from './person-search.service.ts';

/** Spellings found fewer than this: sound-alikes count too, as in the person search (name-search.ts). */
const FEW = 20;

export interface SearchPersons {
  set: PersonSet;
  /** A name search matched more persons than are taken: the best documented COUNT_CAP are. */
  capped: boolean;
}

/** A name's words as index groups, each word's keys up to a strength (0 exact … 3 sound-alike). */
function nameGroups(q: string, strength: number): TokenGroups {
  const terms = analyzeQuery(q).filter((t) => t.keys.length > 0);
  return requiredTerms(terms).map((t) =>
    t.keys.filter((k) => KIND_STRENGTH[k.kind] <= strength).map((k) => token(k.key)),
  );
}

/**
 * Every person a search of the person index counts, with all its filters: what the search's map
 * and statistics show. Without a name that is everyone the filters match, however many. With a
 * name, the persons whose names match a spelling of it (and, where those are few, a sound-alike),
 * up to COUNT_CAP of them, as the search itself counts them. Throws the search's own input errors.
 */
export async function searchPersons(storage: Storage, params: SearchFilters & { q?: string }): Promise<SearchPersons> {
  const index = searchIndexFor(storage);
  const filters = filterGroups(params);
  const spellings = nameGroups(params.q ?? '', KIND_STRENGTH.translit);
  if (spellings.length === 0) return { set: await index.persons(filters), capped: false };
  let hits = await index.match(spellings, COUNT_CAP, { filters, selective: true });
  if (hits.length < FEW) {
    const sounds = nameGroups(params.q ?? '', KIND_STRENGTH.phonetic);
    hits = await index.match(sounds, COUNT_CAP, { filters, selective: true });
  }
  return { set: { kind: 'ids', ids: Int32Array.from(hits, (h) => h.id) }, capped: hits.length >= COUNT_CAP };
}
