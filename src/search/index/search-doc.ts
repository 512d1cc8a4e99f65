import { forEachFieldKeys, nameInput } from '../../names/name-keys.ts';

/**
 * What the search index knows of one person: every key of every stored name, plus facet tokens
 * (fate, role, sex, event types with their months and years, places with the places around
 * them, organizations, sources). Filters and name matching then run in one index lookup.
 */
export interface SearchDocInput {
  id: number;
  fate: string | null;
  sex: string;
  roles: string[];
  names: {
    given: string | null;
    surname: string | null;
    patronymic: string | null;
    full_name: string;
    lang: string | null;
    kind: string;
    rank: string;
  }[];
  events: {
    type: string;
    date_min: string | null;
    date_max: string | null;
    place_id: number | null;
    organization_id: number | null;
    /** For the life dates a list of results shows (lifeOf). */
    role: string;
    date_edtf: string | null;
    place_text: string | null;
    variant_of: number | null;
  }[];
  sourceIds: number[];
  hasBiography: boolean;
}

/** Keys are letters, digits and `:`; index tokens use `_` instead, which every tokenizer keeps. */
export function token(key: string): string {
  return key.replace(/[:\-\s]/g, '_');
}

const tokenCache = new Map<string, string>();

/** token(), remembered: indexing asks for the same few hundred thousand keys millions of times. */
export function cachedToken(key: string): string {
  let t = tokenCache.get(key);
  if (t === undefined) {
    t = token(key);
    if (tokenCache.size >= 500_000) tokenCache.clear();
    tokenCache.set(key, t);
  }
  return t;
}

export const facetToken = {
  fate: (v: string) => `f_${v}`,
  role: (v: string) => `r_${v}`,
  sex: (v: string) => `x_${v}`,
  eventType: (v: string) => `e_${cachedToken(v)}`,
  /** A vaguely dated event (see MONTH_SPAN_LIMIT) that may fall in this year. */
  eventYear: (type: string, year: string) => `ey_${cachedToken(type)}_${year}`,
  /** Any dated event, precise or vague, that may fall in this year: whole years of a period ask for it alone. */
  eventAnyYear: (type: string, year: string) => `eya_${cachedToken(type)}_${year}`,
  eventMonth: (type: string, month: string) => `em_${cachedToken(type)}_${month}`,
  place: (id: number) => `p_${id}`,
  organization: (id: number) => `o_${id}`,
  source: (id: number) => `s_${id}`,
};

/**
 * The stretches of the index's sorted vocabulary that hold facet tokens, as [from, to) pairs:
 * each facet prefix up to the character after `_`, and sources by their digits (name keys have
 * prefixes too, `s_` among them, but spell letters). Name words themselves never hold `_`.
 */
export const FACET_TOKEN_RANGES: readonly (readonly [string, string])[] = [
  ...['f_', 'r_', 'x_', 'e_', 'ey_', 'eya_', 'em_', 'p_', 'o_'].map((p) => [p, `${p.slice(0, -1)}\``] as const),
  ['s_0', 's_:'],
];

/**
 * Dated events are indexed in one of two ways. Events known to the month or better (spanning at
 * most this many months) get a token per month; vaguer ones get a token per year they may fall
 * in. A period query asks for its months among the first and its years among the second, so an
 * event dated only "1940" counts as possibly in 1940-03…1940-05, and a precise one exactly.
 * Every dated event also gets an any-precision token per year, so that the whole years of a
 * period cost one token each instead of twelve: an OR of dozens of tokens is what makes a
 * filtered search slow.
 */
export const MONTH_SPAN_LIMIT = 3;
const YEAR_SPAN_LIMIT = 30;

function* months(min: string, max: string): Generator<string> {
  let y = Number(min.slice(0, 4));
  let m = Number(min.slice(5, 7));
  const endY = Number(max.slice(0, 4));
  const endM = Number(max.slice(5, 7));
  while (y < endY || (y === endY && m <= endM)) {
    yield `${String(y).padStart(4, '0')}${String(m).padStart(2, '0')}`;
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
}

export function monthSpan(min: string, max: string): number {
  return (
    (Number(max.slice(0, 4)) - Number(min.slice(0, 4))) * 12 + Number(max.slice(5, 7)) - Number(min.slice(5, 7)) + 1
  );
}

/** The index tokens of a field's keys, kept with the analyzer's cached list of them (see forEachFieldKeys). */
const fieldTokens = new WeakMap<object, readonly string[]>();

function tokensOfField(keys: readonly { key: string }[]): readonly string[] {
  let tokens = fieldTokens.get(keys);
  if (!tokens) {
    tokens = [...new Set(keys.map((k) => cachedToken(k.key)))];
    fieldTokens.set(keys, tokens);
  }
  return tokens;
}

/** The tokens of a person's search document, deduplicated. */
export function searchTokens(doc: SearchDocInput, placeAncestors: (id: number) => number[]): string[] {
  const out = new Set<string>();
  const addField = (keys: readonly { key: string }[]) => {
    for (const t of tokensOfField(keys)) out.add(t);
  };
  for (const n of doc.names) forEachFieldKeys(nameInput(n), addField);
  if (doc.fate) out.add(facetToken.fate(doc.fate));
  out.add(facetToken.sex(doc.sex));
  for (const r of doc.roles) out.add(facetToken.role(r));
  for (const e of doc.events) {
    out.add(facetToken.eventType(e.type));
    if (e.date_min && e.date_max) {
      const y0 = Number(e.date_min.slice(0, 4));
      const y1 = Number(e.date_max.slice(0, 4));
      if (y1 - y0 < YEAR_SPAN_LIMIT) {
        for (let y = y0; y <= y1; y++) out.add(facetToken.eventAnyYear(e.type, String(y).padStart(4, '0')));
      }
      if (monthSpan(e.date_min, e.date_max) <= MONTH_SPAN_LIMIT) {
        for (const m of months(e.date_min, e.date_max)) out.add(facetToken.eventMonth(e.type, m));
      } else if (y1 - y0 < YEAR_SPAN_LIMIT) {
        for (let y = y0; y <= y1; y++) out.add(facetToken.eventYear(e.type, String(y).padStart(4, '0')));
      }
    }
    if (e.place_id !== null) for (const p of placeAncestors(e.place_id)) out.add(facetToken.place(p));
    if (e.organization_id !== null) out.add(facetToken.organization(e.organization_id));
  }
  for (const s of doc.sourceIds) out.add(facetToken.source(s));
  return [...out];
}

/**
 * A static rank: how well documented a record is. It orders equally good name matches, so that
 * among a thousand namesakes the person with a biography, many sources and a full life story
 * comes before a bare list entry. 0–1000 (MAX_PRIOR).
 */
export function searchPrior(doc: SearchDocInput): number {
  const score =
    (doc.hasBiography ? 200 : 0) +
    15 * Math.min(doc.sourceIds.length, 30) +
    4 * Math.min(doc.events.length, 40) +
    2 * Math.min(doc.names.length, 20);
  return Math.min(MAX_PRIOR, score);
}

const MAX_PRIOR = 1000;

/**
 * Index document ids carry how far the prior falls short of the best in their high bits, so that
 * an index scan in ascending id order yields the best documented persons first without sorting.
 * Ascending, not descending with the prior itself: FTS5 reads a long doclist backwards page by
 * page, decoding each page whole, which makes filtered searches slower.
 */
export const PERSON_BITS = 2 ** 40;

export function docId(personId: number, prior: number): number {
  return (MAX_PRIOR - prior) * PERSON_BITS + personId;
}

/** The position of the first document id above `after` in an ascending list (its length when none is). */
export function firstAfter(docs: ArrayLike<number>, after: number): number {
  let lo = 0;
  let hi = docs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((docs[mid] as number) <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The person and prior a document id encodes, with the id itself. */
export function hitOf(doc: number): { id: number; prior: number; doc: number } {
  return { id: doc % PERSON_BITS, prior: MAX_PRIOR - Math.floor(doc / PERSON_BITS), doc };
}
