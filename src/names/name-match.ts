import {
  type FieldKeyMap,
  type KeyKind,
  type NameField,
  nameFieldKeyMaps,
  nameInput,
  type QueryTerm,
} from './name-keys.ts';
import { hasCyrillic } from './spelling/normalize.ts';

/** How well one query word met a stored name, best first; `fuzzy` is a near spelling (a typo). */
export type MatchLevel = KeyKind | 'fuzzy';

const POINTS: Record<MatchLevel, number> = { exact: 10, variant: 8, translit: 6, phonetic: 3, fuzzy: 2 };
const RANK: Record<MatchLevel, number> = { exact: 0, variant: 1, translit: 2, phonetic: 3, fuzzy: 4 };
/** A person whose name meets every query word ranks above one who meets only some. */
const ALL_TERMS_BONUS = 6;
/**
 * A name whose surname a word meets counts more than one met on other parts only. Once per name,
 * not per word: a name's score then has a ceiling that exact matches reach (scoreCeiling).
 */
const SURNAME_BONUS = 1;
/** "Neumann" is a closer match for Heinz Neumann than for Buber-Neumann, where it is one part. */
const WHOLE_SURNAME_BONUS = 0.5;

/**
 * The highest score a name can reach when each query word meets it at best at its level in `best`,
 * and one word only at `weakest` or worse (null: one word does not meet it at all). Ranking reads
 * the index only as far as a person below this could still reach the page (ranking.ts).
 */
export function scoreCeiling(best: readonly MatchLevel[], weakest: MatchLevel | null): number {
  let sum = 0;
  let loss = Number.POSITIVE_INFINITY;
  for (const level of best) {
    sum += POINTS[level];
    // What this word loses by meeting the name no better than `weakest`.
    const capped = weakest === null ? 0 : POINTS[RANK[weakest] > RANK[level] ? weakest : level];
    loss = Math.min(loss, POINTS[level] - capped);
  }
  if (best.length === 0) return 0;
  return sum - loss + SURNAME_BONUS + (weakest === null ? 0 : ALL_TERMS_BONUS) + WHOLE_SURNAME_BONUS;
}

export interface StoredName {
  full_name: string;
  given: string | null;
  surname: string | null;
  patronymic: string | null;
  kind: string;
  lang: string | null;
  rank: string;
}

/** A query word with its keys, plus near spellings found in the vocabulary (typo tolerance). */
export interface ScoringTerm extends QueryTerm {
  fuzzy: string[];
}

/** How a stored name met the query, as results say it. */
export const MATCH_HOWS = [
  'exact',
  'alias',
  'birth-name',
  'married-name',
  'as-written',
  'cyrillic',
  'transliteration',
  'spelling',
  'given-name-variant',
  'phonetic',
  'typo',
] as const;
export type MatchHow = (typeof MATCH_HOWS)[number];

/** Why a person was found: the name that matched best, and how. */
export interface MatchExplanation {
  name: string;
  how: MatchHow;
  level: MatchLevel;
}

export interface Scored {
  score: number;
  matchedTerms: number;
  explanation: MatchExplanation | null;
}

/** Key maps of names seen lately, by every part the analysis reads: candidates share names. */
const keysCache = new Map<string, [NameField, FieldKeyMap][]>();
const KEYS_CACHE_LIMIT = 200_000;

/** The name's keys per field (see nameFieldKeyMaps): one lookup instead of one per field. */
function keysOf(n: StoredName): [NameField, FieldKeyMap][] {
  const id = `${n.lang ?? ''}\u0001${n.given ?? ''}\u0001${n.surname ?? ''}\u0001${n.patronymic ?? ''}\u0001${n.full_name}`;
  let keys = keysCache.get(id);
  if (keys === undefined) {
    keys = nameFieldKeyMaps(nameInput(n));
    if (keysCache.size >= KEYS_CACHE_LIMIT) keysCache.clear();
    keysCache.set(id, keys);
  }
  return keys;
}

/** 0 for exact up to 4 for a typo: what decides between equal scores. */
export function levelRank(level: MatchLevel): number {
  return RANK[level];
}

/** The best level at which one query word meets one stored name, and whether on the surname. */
interface TermHit {
  level: MatchLevel;
  surname: boolean;
  /** Met through a given-name group (Willi = Wilhelm) rather than a spelling of the same name. */
  givenGroup: boolean;
}

/** Whether a hit at `level` (on the surname or not) beats `best`: a closer level, or the surname at the same one. */
function beats(level: MatchLevel, surname: boolean, best: TermHit | null): boolean {
  return best === null || RANK[level] < RANK[best.level] || (level === best.level && surname && !best.surname);
}

// Runs for every query word against every name of some 300 candidates: no closures, which the
// TypeScript loader would name one by one, and no index lookups in arrays.
function termLevel(term: ScoringTerm, fields: [NameField, FieldKeyMap][]): TermHit | null {
  let best: TermHit | null = null;
  for (const [field, keys] of fields) {
    if (keys.size === 0) continue;
    const surname = field === 'surname';
    for (const q of term.keys) {
      const kind = keys.get(q.key);
      if (kind === undefined) continue;
      // A query key and a stored key with the same string match at the weaker of their kinds.
      const level = RANK[q.kind] >= RANK[kind] ? q.kind : kind;
      if (beats(level, surname, best)) best = { level, surname, givenGroup: q.key.startsWith('g:') };
    }
    for (const word of term.fuzzy) {
      if (keys.get(word) === 'exact' && beats('fuzzy', surname, best))
        best = { level: 'fuzzy', surname, givenGroup: false };
    }
  }
  return best;
}

function how(n: StoredName, hit: TermHit, queryCyrillic: boolean): MatchHow {
  const level = hit.level;
  if (level === 'fuzzy') return 'typo';
  if (level === 'phonetic') return 'phonetic';
  if (hit.givenGroup) return 'given-name-variant';
  if (hasCyrillic(n.full_name)) return level === 'exact' ? 'cyrillic' : 'transliteration';
  // A skeleton match between two Latin spellings (Fabish, Fabisch) is a spelling variant; from a
  // Cyrillic query (Нейман) to a Latin name it is a transliteration.
  if (level === 'translit') return queryCyrillic ? 'transliteration' : 'spelling';
  const byKind: Record<string, MatchHow> = {
    alias: 'alias',
    pseudonym: 'alias',
    birth: 'birth-name',
    married: 'married-name',
    'as-written': 'as-written',
    transliteration: 'transliteration',
  };
  return byKind[n.kind] ?? 'exact';
}

/**
 * Scores a person's names against the query: each name separately (both words must meet the same
 * name to count together), the best name wins. Exact beats variant beats transliteration beats
 * phonetic beats a typo; a surname match beats a given-name match at the same level.
 */
export function scoreNames(terms: ScoringTerm[], names: StoredName[]): Scored {
  const queryCyrillic = terms.some((t) => hasCyrillic(t.text));
  let best: Scored = { score: 0, matchedTerms: 0, explanation: null };
  for (const n of names) {
    const keys = keysOf(n);
    let score = 0;
    let matched = 0;
    let onSurname = false;
    let weakest: TermHit | null = null;
    for (const term of terms) {
      const hit = termLevel(term, keys);
      if (!hit) continue;
      matched++;
      score += POINTS[hit.level];
      onSurname ||= hit.surname;
      if (!weakest || RANK[hit.level] > RANK[weakest.level]) weakest = hit;
    }
    if (!weakest) continue;
    if (onSurname) score += SURNAME_BONUS;
    if (matched === terms.length) score += ALL_TERMS_BONUS;
    if (n.surname && !/[\s-]/.test(n.surname.trim())) score += WHOLE_SURNAME_BONUS;
    if (n.rank === 'deprecated') score -= 1;
    if (score > best.score)
      best = {
        score,
        matchedTerms: matched,
        explanation: { name: n.full_name, how: how(n, weakest, queryCyrillic), level: weakest.level },
      };
  }
  return best;
}
