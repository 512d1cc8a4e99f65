import damerauLevenshtein from 'talisman/metrics/damerau-levenshtein.js';
import type { Storage } from '../db/connection.ts';
import { archiveCounts } from '../persons/archive-counts.ts';
import { listPersonIndex } from '../persons/person-index.repository.ts';
import { listPersonSummaries, listStoredDocs } from './facet.repository.ts';
import { listImplications } from './key-implication.repository.ts';
import { withoutImplied } from './key-implications.ts';
import { levelRank, type MatchExplanation, type ScoringTerm, scoreNames } from './match.ts';
import { facetToken, monthSpan, token } from './search-doc.ts';
import { listKnownWords } from './search-doc.repository.ts';
import { type IndexHit, searchIndexFor, type TokenGroups } from './search-index.ts';
import { countStoredFacets, type Facets } from './stored-doc.ts';
import { analyzeQuery, KIND_STRENGTH, type KeyKind } from './text/analyze.ts';

export interface SearchFilters {
  fate?: string;
  role?: string;
  sex?: string;
  /** Event type; with `from`/`to` (YYYY or YYYY-MM), only events in that period count. */
  event?: string;
  from?: string;
  to?: string;
  place?: number;
  organization?: number;
  source?: number;
}

export interface SearchParams extends SearchFilters {
  q?: string;
  sort: 'relevance' | 'name';
  limit: number;
  offset: number;
}

export interface SearchHit {
  id: number;
  name: string;
  sortName: string;
  fate: string | null;
  matched: MatchExplanation | null;
}

export interface SearchResult {
  /** Matches counted: spellings of the name up to COUNT_CAP, sound-alikes and typos as far as read. */
  total: number;
  /** True when some matches went uncounted: there are at least `total`. */
  totalIsLowerBound: boolean;
  results: SearchHit[];
  facets: Facets;
  /** How many of the matches the facet counts cover (all of them when equal to total). */
  facetBase: number;
}

/** The search cannot run as asked; the message is for the person who asked. */
export class SearchInputError extends Error {
  override name = 'SearchInputError';
}

const LEVELS: KeyKind[] = ['exact', 'variant', 'translit', 'phonetic'];
/** The levels up to this one are spellings of the name; the next, phonetic codes, are sound-alikes. */
const SPELLINGS = LEVELS.indexOf('translit');
/** Candidates rescored per query; enough for the first pages of any realistic search. */
const CANDIDATES = 300;
/** Candidates each tier contributes at least, best documented first. */
const TIER_CANDIDATES = 100;
/**
 * Points per 100 of prior, counted up to PRIOR_CAP: at most 6 points, enough to lift a documented
 * record one match level (exact 10, transliteration 6) above bare namesakes, never two (phonetic 3).
 */
const PRIOR_WEIGHT = 2;
const PRIOR_CAP = 300;
/** Matches the facet counts and the name sort consider at most. */
const FACET_BASE = 300;
/** Counting stops here: past it, "10,000 or more" is all a reader needs, and counting costs. */
export const COUNT_CAP = 10_000;
const MAX_OFFSET = 10_000;

/**
 * Tokens for "an event of this type in this period". A year the period covers whole is one
 * any-precision year token; in a year it covers in part, precise events count by their months
 * and vague ones by the year.
 */
function periodTokens(type: string, from: string, to: string): string[] {
  const min = from.length === 4 ? `${from}-01` : from;
  const max = to.length === 4 ? `${to}-12` : to;
  if (min > max) throw new SearchInputError('The period’s start lies after its end.');
  if (monthSpan(min, max) > 1_200) throw new SearchInputError('The period may span at most a hundred years.');
  const out: string[] = [];
  for (let year = Number(min.slice(0, 4)); year <= Number(max.slice(0, 4)); year++) {
    const y = String(year).padStart(4, '0');
    const first = min.startsWith(y) ? Number(min.slice(5, 7)) : 1;
    const last = max.startsWith(y) ? Number(max.slice(5, 7)) : 12;
    if (first === 1 && last === 12) {
      out.push(facetToken.eventAnyYear(type, y));
      continue;
    }
    for (let m = first; m <= last; m++) out.push(facetToken.eventMonth(type, `${y}${String(m).padStart(2, '0')}`));
    out.push(facetToken.eventYear(type, y));
  }
  return out;
}

/** Index groups for the filters: each filter is one group that must match. */
export function filterGroups(f: SearchFilters): TokenGroups {
  const groups: TokenGroups = [];
  if (f.fate) groups.push([facetToken.fate(f.fate)]);
  if (f.role) groups.push([facetToken.role(f.role)]);
  if (f.sex) groups.push([facetToken.sex(f.sex)]);
  if (f.place !== undefined) groups.push([facetToken.place(f.place)]);
  if (f.organization !== undefined) groups.push([facetToken.organization(f.organization)]);
  if (f.source !== undefined) groups.push([facetToken.source(f.source)]);
  if ((f.from || f.to) && !f.event) throw new SearchInputError('A period (from, to) needs an event type (event).');
  if (f.event) {
    groups.push(f.from || f.to ? periodTokens(f.event, f.from ?? String(Number((f.to ?? '2000').slice(0, 4)) - 99), f.to ?? String(Number((f.from ?? '2000').slice(0, 4)) + 99)) : [facetToken.eventType(f.event)]);
  }
  return groups;
}

function hasFilters(f: SearchFilters): boolean {
  return [f.fate, f.role, f.sex, f.event, f.from, f.to, f.place, f.organization, f.source].some((v) => v !== undefined);
}

/** Query keys up to a level, as index tokens. */
function groupsUpTo(terms: ScoringTerm[], level: number, withFuzzy: boolean): TokenGroups {
  return terms.map((t) => [
    ...t.keys.filter((k) => KIND_STRENGTH[k.kind] <= level).map((k) => token(k.key)),
    ...(withFuzzy ? t.fuzzy.map(token) : []),
  ]);
}

type Summary = Awaited<ReturnType<typeof listPersonSummaries>>[number];

async function summariesOf(db: Storage['db'], ids: number[]): Promise<Map<number, Summary>> {
  return new Map((await listPersonSummaries(db, ids)).map((s) => [s.id, s]));
}

function searchHit(s: Summary, matched: MatchExplanation | null): SearchHit {
  return { id: s.id, name: s.display_name, sortName: s.sort_name, fate: s.fate, matched };
}

export class SearchService {
  constructor(private readonly storage: Storage) {}

  private get index() {
    return searchIndexFor(this.storage);
  }

  /** Words near a query word in the vocabulary: one edit for short words, two for longer. */
  private async typoWords(word: string): Promise<string[]> {
    if (word.length < 4 || /\d/.test(word)) return [];
    const max = word.length <= 6 ? 1 : 2;
    const candidates = await this.index.similarWords(word, 200);
    return candidates.filter((c) => c !== word && damerauLevenshtein(c, word) <= max).slice(0, 20);
  }

  async search(p: SearchParams): Promise<SearchResult> {
    if (p.offset > MAX_OFFSET) throw new SearchInputError(`Results can be paged up to ${MAX_OFFSET}; narrow the search instead.`);
    const filters = filterGroups(p);
    const terms: ScoringTerm[] = analyzeQuery(p.q ?? '')
      .filter((t) => t.keys.length > 0)
      .map((t) => ({ ...t, fuzzy: [] }));
    if (terms.length === 0) return this.browse(p, filters);
    return this.searchNames(p, terms, filters);
  }

  private async browse(p: SearchParams, filters: TokenGroups): Promise<SearchResult> {
    const db = this.storage.db;
    if (!hasFilters(p)) {
      const [total, rows, facets] = await Promise.all([archiveCounts.listedPersons(db), listPersonIndex(db, { limit: p.limit, offset: p.offset }), archiveCounts.facets(this.storage)]);
      return {
        total,
        totalIsLowerBound: false,
        results: rows.map((r) => ({ id: r.id, name: r.display_name, sortName: r.sort_name, fate: r.fate, matched: null })),
        facets,
        facetBase: total,
      };
    }
    const hits = await this.index.match(filters, COUNT_CAP);
    const total = hits.length;
    const ids = hits.slice(0, FACET_BASE).map((h) => h.id);
    const docs = await listStoredDocs(db, ids);
    // Best documented first, as the index gives them; by name, the matches the facets cover.
    let page: Summary[];
    if (p.sort === 'name') {
      page = [...(await summariesOf(db, ids)).values()].sort((a, b) => a.sort_key.localeCompare(b.sort_key) || a.id - b.id).slice(p.offset, p.offset + p.limit);
    } else {
      const pageIds = hits.slice(p.offset, p.offset + p.limit).map((h) => h.id);
      const summaries = await summariesOf(db, pageIds);
      page = pageIds.flatMap((id) => summaries.get(id) ?? []);
    }
    return {
      total,
      totalIsLowerBound: total >= COUNT_CAP,
      results: page.map((s) => searchHit(s, null)),
      facets: countStoredFacets(ids.flatMap((id) => docs.get(id) ?? [])),
      facetBase: ids.length,
    };
  }

  private async searchNames(p: SearchParams, terms: ScoringTerm[], filters: TokenGroups): Promise<SearchResult> {
    const need = p.offset + p.limit;
    const found: number[] = [];
    const prior = new Map<number, number>();
    const take = (hits: IndexHit[]) => {
      for (const h of hits) {
        if (found.length >= CANDIDATES) return;
        if (!prior.has(h.id)) found.push(h.id);
        prior.set(h.id, h.prior);
      }
    };
    // Every match read, for the total and the facets; a query that stopped at its limit makes the
    // total a lower bound.
    const matches = new Map<number, number>();
    let complete = true;
    const asked = new Set<string>();
    // What the query's tokens imply, looked up as they first occur (null: the table is not usable).
    const implied = new Map<string, Set<string>>();
    const looked = new Set<string>();
    let implications = true;
    const withoutRedundant = async (groups: TokenGroups): Promise<TokenGroups> => {
      const fresh = groups.flat().filter((t) => !looked.has(t));
      if (implications && fresh.length > 0) {
        const found = await listImplications(this.storage.db, fresh);
        for (const t of fresh) looked.add(t);
        if (found === null) implications = false;
        else for (const [t, set] of found) implied.set(t, set);
      }
      return implications ? withoutImplied(groups, implied) : groups;
    };
    const query = async (groups: TokenGroups, limit: number, counted: boolean): Promise<IndexHit[]> => {
      const signature = JSON.stringify(groups);
      if (asked.has(signature)) return []; // no keys of this kind: the same query as before
      asked.add(signature);
      // The same documents with fewer lists to merge (key-implications.ts).
      const hits = await this.index.match(await withoutRedundant(groups), limit, { selective: true, filters });
      if (counted) {
        for (const h of hits) matches.set(h.id, h.prior);
        if (hits.length >= limit) complete = false;
      }
      return hits;
    };
    const perTier = Math.max(need * 2, TIER_CANDIDATES);
    const loosest = LEVELS.length - 1;
    // Spellings first (exact, variant, transliteration): one query both counts them, up to
    // COUNT_CAP, and gives the best documented. When they are few, all of them are candidates.
    const spelled = await query(groupsUpTo(terms, SPELLINGS, false), COUNT_CAP, true);
    const many = spelled.length > CANDIDATES;
    if (many) {
      // Too many to rescore them all. The strictest keys give their best documented persons first,
      // so that an exact match is a candidate among a thousand better documented transliterations.
      for (let level = 0; level < SPELLINGS; level++) take(await query(groupsUpTo(terms, level, false), perTier + found.length, false));
    }
    // Sound-alikes: a phonetic code is shared by far more persons than a spelling (a two-digit
    // Cologne code by 130,000 of 5 million), and counting them all is what made searches slow,
    // above all filtered ones. Only their best documented are read, and counted as far as read.
    const sounds = await query(groupsUpTo(terms, loosest, false), many ? perTier + found.length : CANDIDATES, true);
    if (many) take(sounds);
    take(spelled);
    take(sounds);
    if (found.length < need) {
      // A word some stored name has is no typo; its other spellings are the sound-alikes above.
      // Looking near spellings up costs a trigram ranking of the vocabulary, so only the words
      // no name has are looked up (most queries that reach this point are spelled right).
      const known = await listKnownWords(this.storage.db, terms.map((t) => t.text));
      for (const t of terms) t.fuzzy = known.has(t.text) ? [] : await this.typoWords(t.text);
      if (terms.some((t) => t.fuzzy.length > 0)) take(await query(groupsUpTo(terms, loosest, true), CANDIDATES, true));
    }
    // Nobody matches every word: fall back to persons matching any of them, ranked lower.
    if (found.length === 0 && terms.length > 1) take(await query([groupsUpTo(terms, loosest, true).flat()], COUNT_CAP, true));

    const total = matches.size;
    // The best documented matches, as one index scan would have given them.
    const facetIds = [...matches]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, FACET_BASE)
      .map(([id]) => id);
    const db = this.storage.db;
    // One read gives both the names to score and the values to count.
    const docs = await listStoredDocs(db, [...new Set([...found, ...facetIds])]);
    const ranked = found
      .map((id, order) => {
        const scored = scoreNames(terms, docs.get(id)?.names ?? []);
        // How well documented a record is may lift it by one match level, never by two.
        return { id, order, ...scored, score: scored.score > 0 ? scored.score + (PRIOR_WEIGHT * Math.min(prior.get(id) ?? 0, PRIOR_CAP)) / 100 : 0 };
      })
      .filter((r) => r.score > 0);
    // On equal scores the closer match goes first, then the better documented person.
    const strength = (r: { explanation: MatchExplanation | null }) => (r.explanation ? levelRank(r.explanation.level) : 9);
    ranked.sort((a, b) => b.score - a.score || strength(a) - strength(b) || a.order - b.order);
    // Display names are read for the page alone, or for every match when they decide the order.
    let ordered = ranked;
    let summaries: Map<number, Summary>;
    if (p.sort === 'name') {
      summaries = await summariesOf(db, ranked.map((r) => r.id));
      const key = (id: number) => summaries.get(id)?.sort_key ?? '';
      ordered = ranked.filter((r) => summaries.has(r.id)).sort((a, b) => key(a.id).localeCompare(key(b.id)) || a.id - b.id);
    } else {
      summaries = await summariesOf(db, ranked.slice(p.offset, need).map((r) => r.id));
    }
    return {
      total: Math.max(total, ranked.length),
      totalIsLowerBound: !complete,
      results: ordered.slice(p.offset, need).flatMap((r) => {
        const s = summaries.get(r.id);
        return s ? [searchHit(s, r.explanation)] : [];
      }),
      facets: countStoredFacets(facetIds.flatMap((id) => docs.get(id) ?? [])),
      facetBase: facetIds.length,
    };
  }
}
