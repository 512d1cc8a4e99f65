import levenshtein from 'talisman/metrics/damerau-levenshtein.js';
import type { WordRole } from './name-form.ts';
import {
  type FieldKeyMap,
  type KeyKind,
  type NameField,
  nameFieldKeyMaps,
  nameInput,
  type QueryTerm,
} from './name-keys.ts';
import { foldName, hasCyrillic } from './spelling/normalize.ts';
import { skeletonKeys } from './spelling/skeleton.ts';

/*
 * The name scorer: how alike a name as written is to a person's stored names, and why. Each
 * query word meets the part of a name it fits best, and adds what that agreement is worth: much
 * for a surname, less for a given name, little for a patronymic, which German records lack and
 * Soviet clerks garbled (its absence is missing evidence, not disagreement). A closer level of
 * agreement (exact, variant, transliteration, sound, near spelling) is worth more within a part,
 * and a rare word agreeing more than a common one (the caller gives each word's rarity, taken
 * from the archive's own names). This is the comparison record linkage builds on, so that search
 * and linkage never disagree about how alike two names are.
 */

/** How well one query word met a stored name, best first; `fuzzy` is a near spelling (a typo). */
export type MatchLevel = KeyKind | 'fuzzy';

const RANK: Record<MatchLevel, number> = { exact: 0, variant: 1, translit: 2, phonetic: 3, fuzzy: 4 };

/** What agreement at each level keeps of a part's weight. */
const LEVEL_FACTOR: Record<MatchLevel, number> = {
  exact: 1,
  variant: 0.9,
  translit: 0.85,
  phonetic: 0.55,
  fuzzy: 0.45,
};

/**
 * What a word's agreement with each part of a stored name is worth, by the role the query form
 * gives the word. A word the form calls a surname may still meet a given name (and the reverse),
 * for less; `other` is a stored name not split into parts.
 */
const PART_WEIGHT: Record<WordRole, Record<NameField, number>> = {
  surname: { surname: 10, given: 3, other: 7.5, patronymic: 0 },
  given: { surname: 6, given: 5, other: 5, patronymic: 0 },
  unknown: { surname: 10, given: 5, other: 7.5, patronymic: 0 },
  patronymic: { surname: 0, given: 0, other: 1.5, patronymic: 1.5 },
  initial: { surname: 0, given: 2, other: 2, patronymic: 0 },
};

/**
 * Names that a given-name group makes one (Hans = Johannes, Alexander = Sándor) keep at least this
 * share of a part's weight, and up to GROUP_CLOSENESS more as their spellings come close: the same
 * name written in another script (Александр for Alexander) is better evidence than its equivalent
 * in another language (Шандор), which a clerk writing Alexander would not have written.
 */
const GROUP_FACTOR = 0.7;
const GROUP_CLOSENESS = 0.2;
/**
 * Sound-alikes are many at scale (Каубек sounds like Koubek, Kubik and Kovács): among them the
 * closer spelling (skeletons one edit apart, not three) earns up to this much more of the part's
 * weight, kept below what a transliteration earns so that the levels keep their order.
 */
const PHONETIC_CLOSENESS = 0.25;
/** What a phonetic agreement can reach at most: the ceiling that ranking reads. */
const LEVEL_CEILING: Record<MatchLevel, number> = {
  ...LEVEL_FACTOR,
  phonetic: LEVEL_FACTOR.phonetic + PHONETIC_CLOSENESS,
};
/**
 * Franz meets Franz Winkler better than Franz-Josef Winkler: a query word meeting one given name
 * of several keeps this share of its weight.
 */
const PART_OF_GIVEN = 0.92;
/**
 * "Вайзер Франц" is Franz Weiser rather than Fischer-Franz: when every word of a query of two or
 * more lands on a stored surname and none on the name's given name, the name loses this much.
 */
const GIVEN_UNMET = 2.5;

/** A word that must meet a name and meets none of it: the name disagrees a little. */
const UNMET = 0.5;
/** A patronymic the name has and the query's does not meet. */
const PATRONYMIC_DISAGREES = 0.5;
/** An initial that no given name of the name begins with: M. is not Hugo. */
const INITIAL_DISAGREES = 2;
/**
 * "Neumann" is a closer match for Heinz Neumann than for Buber-Neumann, where it is one part: a
 * surname of several parts met by fewer query words keeps this share of their weight.
 */
const PART_OF_SURNAME = 0.75;
const DEPRECATED_NAME = 1;
/**
 * A clerk's spelling the archive keeps beside a person's own name (kind as-written) counts a
 * little less than their own name met as well: it breaks ties between namesakes, never a level.
 */
const AS_WRITTEN_NAME = 0.3;

/** Whether a word of this role must meet a name for the name to count as found. */
export function isRequired(role: WordRole): boolean {
  return role !== 'patronymic' && role !== 'initial';
}

/** The words a search must find in a name: all but patronymics and initials, or all when only those are left. */
export function requiredTerms<T extends { role: WordRole }>(terms: readonly T[]): T[] {
  const required = terms.filter((t) => isRequired(t.role));
  return required.length > 0 ? required : [...terms];
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

/** A query word with its keys, near spellings found in the vocabulary, and how rare it is. */
export interface ScoringTerm extends QueryTerm {
  fuzzy: string[];
  /** 0.6 for a word most names have up to 1 for a unique one; 1 when unknown. */
  rarity?: number;
}

/**
 * The highest score a name can reach when each query word meets it at best at its level in
 * `best`, and one word that must meet it only at `weakest` or worse (null: one such word does not
 * meet it at all). Ranking reads the index only as far as a person below this could still reach
 * the page (src/search/names/ranking.ts). A name is either split into parts, where one word at
 * most earns a surname's weight and the others at most a given name's (see scoreName), or unsplit,
 * where every word meets the whole; patronymics and initials add their own part's weight.
 */
export function scoreCeiling(
  terms: readonly ScoringTerm[],
  best: readonly MatchLevel[],
  weakest: MatchLevel | null,
): number {
  if (terms.length === 0) return 0;
  const required = requiredTerms(terms);
  const weight = (term: ScoringTerm, part: NameField, level: MatchLevel | null) =>
    level === null ? -UNMET : PART_WEIGHT[term.role][part] * LEVEL_CEILING[level] * (term.rarity ?? 1);
  // Each required word in turn is the one met only at `weakest` (or not at all).
  const weakOnes = terms.flatMap((t, i) => (required.includes(t) ? [i] : []));
  let top = Number.NEGATIVE_INFINITY;
  for (const weak of weakOnes) {
    const levelOf = (i: number): MatchLevel | null => {
      const level = best[i] ?? 'fuzzy';
      if (i !== weak) return level;
      if (weakest === null) return null;
      return RANK[weakest] > RANK[level] ? weakest : level;
    };
    const own = (term: ScoringTerm, i: number): number | null => {
      if (term.role === 'initial') return PART_WEIGHT.initial.given;
      if (term.role === 'patronymic') return weight(term, 'patronymic', levelOf(i));
      return null;
    };
    let unsplit = 0;
    for (const [i, term] of terms.entries()) unsplit += own(term, i) ?? weight(term, 'other', levelOf(i));
    top = Math.max(top, unsplit);
    for (let onSurname = -1; onSurname < terms.length; onSurname++) {
      let split = 0;
      for (const [i, term] of terms.entries())
        split += own(term, i) ?? weight(term, i === onSurname ? 'surname' : 'given', levelOf(i));
      top = Math.max(top, split);
    }
  }
  return top;
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

/** What one query word added to a name's score, and where it met the name. */
export interface WordEvidence {
  /** The query word, folded. */
  word: string;
  role: WordRole;
  /** The part of the name it met, or null. */
  part: NameField | null;
  level: MatchLevel | null;
  /** What it added: negative where the name disagrees. */
  weight: number;
}

export interface Scored {
  score: number;
  /** Query words that met the name, of those that must. */
  matchedTerms: number;
  explanation: MatchExplanation | null;
  /** Each word's contribution to the best name's score, in query order. */
  evidence: WordEvidence[];
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

/** Where one query word meets one stored name best, and what that is worth before its rarity. */
interface TermHit {
  level: MatchLevel;
  part: NameField;
  weight: number;
  /** Met through a given-name group (Willi = Wilhelm) rather than a spelling of the same name. */
  givenGroup: boolean;
}

// Runs for every query word against every name of some 300 candidates: no closures, which the
// TypeScript loader would name one by one, and no index lookups in arrays.
function termHit(term: ScoringTerm, fields: [NameField, FieldKeyMap][]): TermHit | null {
  let best: TermHit | null = null;
  const weights = PART_WEIGHT[term.role];
  for (const [field, keys] of fields) {
    const partWeight = weights[field];
    if (keys.size === 0 || partWeight === 0) continue;
    for (const q of term.keys) {
      const kind = keys.get(q.key);
      if (kind === undefined) continue;
      // A query key and a stored key with the same string match at the weaker of their kinds.
      const level = RANK[q.kind] >= RANK[kind] ? q.kind : kind;
      const givenGroup = q.key.startsWith('g:');
      const weight = partWeight * levelFactor(level, givenGroup, term, keys);
      if (best === null || weight > best.weight || (weight === best.weight && RANK[level] < RANK[best.level]))
        best = { level, part: field, weight, givenGroup };
    }
    for (const word of term.fuzzy) {
      if (keys.get(word) !== 'exact') continue;
      const weight = partWeight * LEVEL_FACTOR.fuzzy;
      if (best === null || weight > best.weight) best = { level: 'fuzzy', part: field, weight, givenGroup: false };
    }
  }
  return best;
}

/** What a match at `level` keeps of a part's weight; sound-alikes and given-name groups by spelling too. */
function levelFactor(level: MatchLevel, givenGroup: boolean, term: ScoringTerm, keys: FieldKeyMap): number {
  if (level === 'phonetic') return LEVEL_FACTOR.phonetic + PHONETIC_CLOSENESS * closeness(term, keys);
  if (givenGroup) return GROUP_FACTOR + GROUP_CLOSENESS * closeness(term, keys);
  return LEVEL_FACTOR[level];
}

/**
 * How close the query word's spelling skeleton comes to the nearest skeleton of a stored part:
 * 1 for the same, falling with each edit relative to the longer, 0 from half as many edits as letters.
 */
function closeness(term: ScoringTerm, keys: FieldKeyMap): number {
  let best = 0;
  for (const q of term.keys) {
    if (q.kind !== 'translit' || !q.key.startsWith('s:')) continue;
    for (const [key, kind] of keys) {
      if (kind !== 'translit' || !key.startsWith('s:')) continue;
      const longer = Math.max(q.key.length, key.length) - 2;
      if (longer <= 0) continue;
      // Only spellings more alike than not count: Гельман and Kalinin share a sound code, not a spelling.
      const near = Math.max(0, 1 - (2 * levenshtein(q.key, key)) / longer);
      if (near > best) best = near;
    }
  }
  return best;
}

/** First letters of a name's given names, as skeleton symbols, so that М. meets Max and M. meets Макс. */
function givenInitials(n: StoredName): Set<string> {
  const given = n.given ?? (n.surname ? '' : n.full_name);
  const out = new Set<string>();
  for (const word of given.split(/[\s-]+/)) for (const key of skeletonKeys(word)) if (key[0]) out.add(key[0]);
  return out;
}

/** What a patronymic or initial the name does not meet costs: nothing where the name lacks the part. */
function disagreement(role: WordRole, n: StoredName): number {
  if (role === 'patronymic') return n.patronymic ? -PATRONYMIC_DISAGREES : 0;
  if (role === 'initial') return n.given ? -INITIAL_DISAGREES : 0;
  return 0;
}

interface SurnameParts {
  count: number;
  /** The parts joined, folded. */
  joined: string;
  /** The parts joined as written. */
  raw: string;
}

/** How many parts a stored surname has (Buber-Neumann: 2), and its parts joined. */
function surnameParts(n: StoredName): SurnameParts {
  const words = n.surname ? foldName(n.surname).split(/\s+/).filter(Boolean) : [];
  const raw = n.surname ? n.surname.split(/[\s-]+/).join('') : '';
  return { count: words.length, joined: words.join(''), raw };
}

/**
 * Whether a query word meets a surname of several parts as a whole: itself, or an alternative the
 * form gives in brackets ("Дейч (Добо-Дейч)" for Dobo-Deutsch), spelled as the whole is.
 */
function meetsWhole(term: ScoringTerm, parts: SurnameParts): boolean {
  if (term.text === parts.joined) return true;
  const whole = new Set([parts.joined, ...skeletonKeys(parts.raw).map((k) => `s:${k}`)]);
  return term.keys.some((k) => whole.has(k.key));
}

function initialHit(term: ScoringTerm, n: StoredName): TermHit | null {
  const initials = givenInitials(n);
  const mine = skeletonKeys(term.text).map((k) => k[0]);
  if (!mine.some((k) => k !== undefined && initials.has(k))) return null;
  return { level: 'exact', part: n.given ? 'given' : 'other', weight: PART_WEIGHT.initial.given, givenGroup: false };
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

/** The same name as far as scoring reads it: its parts, language, kind and rank. */
function nameIdentity(n: StoredName): string {
  return `${n.kind}\u0001${n.rank}\u0001${n.lang ?? ''}\u0001${n.given ?? ''}\u0001${n.surname ?? ''}\u0001${n.patronymic ?? ''}\u0001${n.full_name}`;
}

/** How many names one scorer remembers the scores of; past it, it forgets them all. */
const REMEMBERED_NAMES = 20_000;

/**
 * Compares one query with persons' names. A name's score depends on nothing but the query and the
 * name, and namesakes are what a search ranks most (a hundred Charlotte Wagners): each distinct
 * name is scored once per scorer. The query's terms must not change while the scorer is in use.
 */
export class NameScorer {
  private readonly required: readonly ScoringTerm[];
  private readonly queryCyrillic: boolean;
  private readonly scores = new Map<string, Scored | null>();

  constructor(private readonly terms: readonly ScoringTerm[]) {
    this.required = requiredTerms(terms);
    this.queryCyrillic = terms.some((t) => hasCyrillic(t.text));
  }

  /**
   * Compares the query with each of a person's names; the best name wins. Words meet a name each
   * where they fit best (surname, given names, patronymic), and only words that must meet a name
   * (not patronymics or initials) make it a match.
   */
  score(names: readonly StoredName[]): Scored {
    let best: Scored | null = null;
    for (const n of names) {
      const id = nameIdentity(n);
      let scored = this.scores.get(id);
      if (scored === undefined) {
        scored = this.scoreName(n);
        if (this.scores.size >= REMEMBERED_NAMES) this.scores.clear();
        this.scores.set(id, scored);
      }
      if (scored !== null && (best === null || scored.score > best.score)) best = scored;
    }
    return best ?? { score: 0, matchedTerms: 0, explanation: null, evidence: [] };
  }

  /** The query compared with one name; null when no word that must meet it does. */
  private scoreName(n: StoredName): Scored | null {
    const { terms, required } = this;
    const keys = keysOf(n);
    const hits = terms.map((term) => (term.role === 'initial' ? initialHit(term, n) : termHit(term, keys)));
    const parts = surnameParts(n);
    const givenCount = n.given ? n.given.split(/[\s-]+/).filter(Boolean).length : 0;
    const onSurname = hits.filter((h) => h?.part === 'surname').length;
    const onGiven = hits.filter((h) => h?.part === 'given').length;
    // A surname is one part of a name, however many words meet it: the word meeting it best earns
    // its weight, and each other word on it ("Buber Neumann" on Buber-Neumann) what it would earn
    // as a given name. So no name scores above one word on the surname and the rest on given
    // names (or every word on an unsplit name), the bound scoreCeiling gives ranking. Counted at
    // a surname's weight each, every word of a query could have met a surname, and ranking kept
    // reading candidates to its cap where no name came near that bound.
    let surnameWord = -1;
    let surnameBest = Number.NEGATIVE_INFINITY;
    for (const [i, hit] of hits.entries()) {
      const earned = hit?.part === 'surname' ? hit.weight * (terms[i]?.rarity ?? 1) : Number.NEGATIVE_INFINITY;
      if (earned > surnameBest) {
        surnameBest = earned;
        surnameWord = i;
      }
    }
    let score = 0;
    let matched = 0;
    let weakest: TermHit | null = null;
    const evidence: WordEvidence[] = [];
    for (const [i, term] of terms.entries()) {
      const hit = hits[i];
      const must = required.includes(term);
      if (!hit) {
        const weight = must ? -UNMET : disagreement(term.role, n);
        score += weight;
        evidence.push({ word: term.text, role: term.role, part: null, level: null, weight });
        continue;
      }
      let weight = hit.weight * (term.rarity ?? 1);
      const roleWeights = PART_WEIGHT[term.role];
      if (hit.part === 'surname' && i !== surnameWord) weight *= roleWeights.given / roleWeights.surname;
      // One part of a double surname, met by fewer words than it has parts and not as a whole.
      if (hit.part === 'surname' && onSurname < parts.count && !meetsWhole(term, parts)) weight *= PART_OF_SURNAME;
      if (hit.part === 'given' && onGiven < givenCount) weight *= PART_OF_GIVEN;
      score += weight;
      evidence.push({ word: term.text, role: term.role, part: hit.part, level: hit.level, weight });
      if (!must) continue;
      matched++;
      if (!weakest || RANK[hit.level] > RANK[weakest.level]) weakest = hit;
    }
    if (!weakest) return null;
    if (n.rank === 'deprecated') score -= DEPRECATED_NAME;
    if (n.kind === 'as-written') score -= AS_WRITTEN_NAME;
    if (givenCount > 0 && onGiven === 0 && required.length >= 2 && matched === required.length) score -= GIVEN_UNMET;
    return {
      score,
      matchedTerms: matched,
      explanation: { name: n.full_name, how: how(n, weakest, this.queryCyrillic), level: weakest.level },
      evidence,
    };
  }
}

/** Compares the query with each of a person's names, once (see NameScorer). */
export function scoreNames(terms: readonly ScoringTerm[], names: readonly StoredName[]): Scored {
  return new NameScorer(terms).score(names);
}
