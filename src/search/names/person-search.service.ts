import { archiveCounts } from '../../archive/archive-counts.ts';
import type { Storage } from '../../db/connection.ts';
import { InputError } from '../../errors.ts';
import type { Lang } from '../../i18n/i18n.ts';
import { analyzeQuery } from '../../names/name-keys.ts';
import type { MatchExplanation, ScoringTerm } from '../../names/name-match.ts';
import { listPersonIndex, listPersonSummaries } from '../../persons/person-index.repository.ts';
import { listPublishedPlaceNames } from '../../places/place.repository.ts';
import { groupNames, placeLabel } from '../../places/place-label.ts';
import { facetToken, monthSpan } from '../index/search-doc.ts';
import type { TokenGroups } from '../index/search-index.ts';
import { searchIndexFor } from '../index/search-index-for.ts';
import { listLivesFromEvents } from '../index/stored-doc.repository.ts';
import { countStoredFacets, type Facets, type StoredLife } from '../index/stored-doc.ts';
import { COUNT_CAP, FACET_BASE, findNames, StoredDocs } from './name-search.ts';

export { COUNT_CAP } from './name-search.ts';

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
  /** The language places are named in (English by default). */
  lang?: Lang;
  sort: 'relevance' | 'name';
  limit: number;
  offset: number;
}

/** What tells namesakes apart in a list of results. */
export interface LifeDates {
  /** EDTF dates of birth and of death (or execution), as the main accounts give them. */
  born: string | null;
  died: string | null;
  /** Where the person was born, named as the place was called then. */
  birthPlace: string | null;
}

export interface SearchHit {
  id: number;
  name: string;
  sortName: string;
  fate: string | null;
  life: LifeDates;
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
export class SearchInputError extends InputError {
  override name = 'SearchInputError';
}

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
    groups.push(
      f.from || f.to
        ? periodTokens(
            f.event,
            f.from ?? String(Number((f.to ?? '2000').slice(0, 4)) - 99),
            f.to ?? String(Number((f.from ?? '2000').slice(0, 4)) + 99),
          )
        : [facetToken.eventType(f.event)],
    );
  }
  return groups;
}

function hasFilters(f: SearchFilters): boolean {
  return [f.fate, f.role, f.sex, f.event, f.from, f.to, f.place, f.organization, f.source].some((v) => v !== undefined);
}

type Summary = Awaited<ReturnType<typeof listPersonSummaries>>[number];

async function summariesOf(db: Storage['db'], ids: number[]): Promise<Map<number, Summary>> {
  return new Map((await listPersonSummaries(db, ids)).map((s) => [s.id, s]));
}

const NO_LIFE: LifeDates = { born: null, died: null, birthPlace: null };

function searchHit(s: Summary, matched: MatchExplanation | null, life: LifeDates = NO_LIFE): SearchHit {
  return { id: s.id, name: s.display_name, sortName: s.sort_name, fate: s.fate, life, matched };
}

/** Life dates of the persons of a page, by id. */
/**
 * The life dates of a page of results: from the persons' search documents, which ranking has
 * mostly read already (`docs`), and from their events for a person whose document was written
 * before it kept them (or who has none).
 */
async function lifeDatesOf(
  db: Storage['db'],
  ids: number[],
  lang: Lang,
  docs: StoredDocs,
): Promise<Map<number, LifeDates>> {
  const stored = await docs.read(ids);
  const lives = new Map<number, StoredLife>();
  const missing: number[] = [];
  for (const id of ids) {
    const life = stored.get(id)?.life;
    if (life) lives.set(id, life);
    else missing.push(id);
  }
  if (missing.length > 0) for (const [id, life] of await listLivesFromEvents(db, missing)) lives.set(id, life);
  const placeIds = [...new Set([...lives.values()].flatMap((l) => l.birthPlaceId ?? []))];
  const places = groupNames(await listPublishedPlaceNames(db, placeIds));
  const out = new Map<number, LifeDates>();
  for (const [id, life] of lives) {
    const names = life.birthPlaceId === null ? undefined : places.get(life.birthPlaceId);
    out.set(id, {
      born: life.born,
      died: life.died,
      birthPlace: names ? placeLabel(names, lang, life.birthDateMin).name : life.birthPlaceText,
    });
  }
  return out;
}

export class SearchService {
  constructor(private readonly storage: Storage) {}

  private get index() {
    return searchIndexFor(this.storage);
  }

  async search(p: SearchParams): Promise<SearchResult> {
    if (p.offset > MAX_OFFSET)
      throw new SearchInputError(`Results can be paged up to ${MAX_OFFSET}; narrow the search instead.`);
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
      const [total, rows, facets] = await Promise.all([
        archiveCounts.listedPersons(db),
        listPersonIndex(db, { limit: p.limit, offset: p.offset }),
        archiveCounts.facets(this.storage),
      ]);
      const lives = await lifeDatesOf(
        db,
        rows.map((r) => r.id),
        p.lang ?? 'en',
        new StoredDocs(this.storage),
      );
      return {
        total,
        totalIsLowerBound: false,
        results: rows.map((r) => ({
          id: r.id,
          name: r.display_name,
          sortName: r.sort_name,
          fate: r.fate,
          life: lives.get(r.id) ?? NO_LIFE,
          matched: null,
        })),
        facets,
        facetBase: total,
      };
    }
    const need = p.offset + p.limit;
    const hits = await this.index.match(filters, Math.max(FACET_BASE, need));
    const total = hits.length < Math.max(FACET_BASE, need) ? hits.length : await this.index.count(filters, COUNT_CAP);
    const ids = hits.slice(0, FACET_BASE).map((h) => h.id);
    // Best documented first, as the index gives them; by name, the matches the facets cover.
    let page: Summary[];
    if (p.sort === 'name') {
      page = [...(await summariesOf(db, ids)).values()]
        .sort((a, b) => a.sort_key.localeCompare(b.sort_key) || a.id - b.id)
        .slice(p.offset, p.offset + p.limit);
    } else {
      const pageIds = hits.slice(p.offset, p.offset + p.limit).map((h) => h.id);
      const summaries = await summariesOf(db, pageIds);
      page = pageIds.flatMap((id) => summaries.get(id) ?? []);
    }
    const docs = new StoredDocs(this.storage);
    const lives = await lifeDatesOf(
      db,
      page.map((s) => s.id),
      p.lang ?? 'en',
      docs,
    );
    return {
      total,
      totalIsLowerBound: total >= COUNT_CAP,
      results: page.map((s) => searchHit(s, null, lives.get(s.id))),
      facets: await this.facetsOf(ids, docs),
      facetBase: ids.length,
    };
  }

  /** Facet counts over the persons: from the index where it can tell, otherwise from their documents. */
  private async facetsOf(ids: number[], docs: StoredDocs): Promise<Facets> {
    const fromIndex = await this.index.countFacets(ids);
    if (fromIndex) return fromIndex;
    const stored = await docs.read(ids);
    return countStoredFacets(ids.flatMap((id) => stored.get(id) ?? []));
  }

  private async searchNames(p: SearchParams, terms: ScoringTerm[], filters: TokenGroups): Promise<SearchResult> {
    const db = this.storage.db;
    const need = p.offset + p.limit;
    const matches = await findNames(this.storage, terms, filters);
    let page: { id: number; explanation: MatchExplanation | null }[];
    let summaries: Map<number, Summary>;
    if (p.sort === 'name') {
      // By name: the matches the facets cover, each with why it matched.
      summaries = await summariesOf(db, matches.facetIds);
      const ordered = [...summaries.values()]
        .sort((a, b) => a.sort_key.localeCompare(b.sort_key) || a.id - b.id)
        .slice(p.offset, need);
      const explained = await matches.explain(ordered.map((s) => s.id));
      page = ordered.map((s) => ({ id: s.id, explanation: explained.get(s.id) ?? null }));
    } else {
      page = (await matches.rank(need)).slice(p.offset, need);
      summaries = await summariesOf(
        db,
        page.map((r) => r.id),
      );
    }
    const lives = await lifeDatesOf(
      db,
      page.map((r) => r.id),
      p.lang ?? 'en',
      matches.docs,
    );
    return {
      // Ranking may read sound-alikes past those counted; the total then says it is a lower bound.
      total: matches.total,
      totalIsLowerBound: matches.totalIsLowerBound,
      results: page.flatMap((r) => {
        const s = summaries.get(r.id);
        return s ? [searchHit(s, r.explanation, lives.get(r.id))] : [];
      }),
      facets: await this.facetsOf(matches.facetIds, matches.docs),
      facetBase: matches.facetIds.length,
    };
  }
}
