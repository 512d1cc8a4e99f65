import damerauLevenshtein from 'talisman/metrics/damerau-levenshtein.js';
import type { Storage } from '../../db/connection.ts';
import { type KeyKind, KIND_STRENGTH } from '../../names/name-keys.ts';
import {
  levelRank,
  type MatchExplanation,
  type MatchLevel,
  NameScorer,
  requiredTerms,
  type ScoringTerm,
  scoreCeiling,
} from '../../names/name-match.ts';
import { editsOf } from '../../names/spelling/edits.ts';
import { listImplications } from '../index/key-implication.repository.ts';
import { withoutImplied } from '../index/key-implications.ts';
import { listKnownWords } from '../index/search-doc.repository.ts';
import { token } from '../index/search-doc.ts';
import type { IndexHit, SearchIndex, TokenGroups } from '../index/search-index.ts';
import { searchIndexFor } from '../index/search-index-for.ts';
import { listStoredDocs } from '../index/stored-doc.repository.ts';
import type { StoredDoc } from '../index/stored-doc.ts';
import { priorBonus, type Ranked, rankTiers, type Tier } from './ranking.ts';

/*
 * What a name search reads of the index: counts of the name's spellings, the best documented of
 * its matches, and the tiers ranking reads on demand (ranking.ts).
 *
 * Counted: every person whose name matches a spelling of the query (exact, variant,
 * transliteration), up to COUNT_CAP. When those are fewer than FEW, the sound-alikes (phonetic
 * codes, shared by far more persons than a spelling: a two-digit Cologne code by 130,000 of 5
 * million) among the best documented FACET_BASE are counted too, and when even those give fewer
 * than FEW persons, the near spellings of words no stored name has. What goes uncounted makes the
 * total a lower bound; ranking still reads sound-alikes wherever they could reach a page. None of
 * this depends on the page asked for, so every page of a search shows the same total.
 *
 * Reading the best documented sound-alikes was a large share of a search while they were counted
 * for every search with fewer than FACET_BASE spellings (docs/search.md#costs).
 */

const LEVELS: KeyKind[] = ['exact', 'variant', 'translit', 'phonetic'];
const EXACT = 0;
const VARIANT = 1;
/** The levels up to this one are spellings of the name; the next, phonetic codes, are sound-alikes. */
const SPELLINGS = LEVELS.indexOf('translit');
const SOUNDS = LEVELS.indexOf('phonetic');
/** Matches the facet counts and the name sort consider at most: the best documented. */
export const FACET_BASE = 300;
/** Counting stops here: past it, "10,000 or more" is all a reader needs, and counting costs. */
export const COUNT_CAP = 10_000;
/**
 * Matches ranked at most, and of each tier of spellings (or twice the page, for deep pages): what
 * the threshold does not rule out past these is ranked as the index orders it (ranking.ts).
 */
const RANKED_MAX = 300;
const TIER_RANKED_MAX = 100;
/**
 * Sound-alikes are counted when spellings give fewer persons than this, and near spellings are
 * looked up when sound-alikes too give fewer.
 */
const FEW = 20;
/** Near spellings of one query word looked for at most. */
const MAX_TYPO_WORDS = 20;
/** Spellings this few are all ranked, without asking the index for the exact and variant ones apart. */
const SCORED_WHOLE = 64;
/**
 * How common a query word is, for weighing it against the others: persons whose names have a
 * spelling of it, counted up to this many; past it every word is as common as any.
 */
const RARITY_CAP = 2_000;
/** Tiers of some of the words (see relaxedTiers) read at most. */
const MAX_RELAXED_TIERS = 16;

/** 1 for a word no other name has, down to 0.6 for one RARITY_CAP names or more have. */
export function rarityOf(count: number): number {
  return 1 - (0.4 * Math.log1p(Math.min(count, RARITY_CAP))) / Math.log1p(RARITY_CAP);
}

/** The subsets of `items` of each size from `largest` down to 1, larger first. */
function* subsets<T>(items: readonly T[], largest: number): Generator<T[]> {
  for (let size = largest; size >= 1; size--) {
    const pick = (start: number, chosen: T[]): T[][] =>
      chosen.length === size
        ? [chosen]
        : items.slice(start).flatMap((item, i) => pick(start + i + 1, [...chosen, item]));
    yield* pick(0, []);
  }
}

/** Query keys up to a level, as index tokens; with near spellings (typos) when asked. */
function groupsUpTo(terms: ScoringTerm[], level: number, withFuzzy: boolean): TokenGroups {
  return terms.map((t) => [
    ...t.keys.filter((k) => KIND_STRENGTH[k.kind] <= level).map((k) => token(k.key)),
    ...(withFuzzy ? t.fuzzy.map(token) : []),
  ]);
}

/** The index as one search asks it: every query narrowed by the key implications, with the filters. */
class IndexQueries {
  private readonly index: SearchIndex;
  private readonly implied = new Map<string, Set<string>>();
  private readonly looked = new Set<string>();
  private implications = true;

  constructor(
    private readonly storage: Storage,
    private readonly filters: TokenGroups,
  ) {
    this.index = searchIndexFor(storage);
  }

  /** The groups without the tokens another token of the group covers: the same documents from fewer lists. */
  async narrowed(groups: TokenGroups): Promise<TokenGroups> {
    const fresh = [...new Set(groups.flat())].filter((t) => !this.looked.has(t));
    if (this.implications && fresh.length > 0) {
      const found = await listImplications(this.storage.db, fresh);
      for (const t of fresh) this.looked.add(t);
      if (found === null) this.implications = false;
      else for (const [t, set] of found) this.implied.set(t, set);
    }
    return this.implications ? withoutImplied(groups, this.implied) : groups;
  }

  /**
   * The closest level at which each query word can meet any stored name: that of its strongest
   * key some stored name has (any key, where the implications do not say which the index holds).
   */
  async bestLevels(terms: ScoringTerm[]): Promise<MatchLevel[]> {
    await this.narrowed(groupsUpTo(terms, SOUNDS, true)); // reads the implications of every key
    const held = (key: string) => !this.implications || this.implied.has(token(key));
    return terms.map((t) => {
      let best: MatchLevel = 'fuzzy';
      for (const k of t.keys) if (levelRank(k.kind) < levelRank(best) && held(k.key)) best = k.kind;
      return best;
    });
  }

  count(groups: TokenGroups, cap: number): Promise<number> {
    return this.index.count(groups, cap, { selective: true, filters: this.filters });
  }

  /** `expected`: about how many match, where a count says so (the count of a wider query will do). */
  match(groups: TokenGroups, limit: number, after = -1, expected?: number): Promise<IndexHit[]> {
    return this.index.match(groups, limit, {
      selective: true,
      filters: this.filters,
      after: after >= 0 ? after : undefined,
      expected,
    });
  }

  /** How many persons match, up to `cap`, and the best documented `head` of them. */
  async countWithHead(groups: TokenGroups, cap: number, head: number): Promise<{ count: number; head: IndexHit[] }> {
    const { hits, count } = await this.index.matchCounted(groups, head, cap, {
      selective: true,
      filters: this.filters,
    });
    return { count, head: hits };
  }

  /**
   * Words near a query word in the vocabulary: those one edit away, looked up directly; when there
   * are none and the word is longer than six letters, those two edits away among the words sharing
   * most trigrams with it (a ranking of the whole vocabulary, the costly step).
   */
  async typoWords(word: string): Promise<string[]> {
    if (word.length < 4 || /\d/.test(word)) return [];
    const near = await listKnownWords(this.storage.db, [...editsOf(word)]);
    if (near.size > 0 || word.length <= 6) return [...near].sort().slice(0, MAX_TYPO_WORDS);
    const candidates = await this.index.similarWords(word, 200);
    return candidates.filter((c) => c !== word && damerauLevenshtein(c, word) <= 2).slice(0, MAX_TYPO_WORDS);
  }
}

/** Stored documents read once per search, for scoring and for the facets alike. */
export class StoredDocs {
  private readonly docs = new Map<number, StoredDoc | null>();

  constructor(private readonly storage: Storage) {}

  async read(ids: readonly number[]): Promise<Map<number, StoredDoc | null>> {
    const missing = ids.filter((id) => !this.docs.has(id));
    if (missing.length > 0) {
      const found = await listStoredDocs(this.storage.db, missing);
      for (const id of missing) this.docs.set(id, found.get(id) ?? null);
    }
    return this.docs;
  }
}

/** A name search's matches: what they count, the best documented, and their ranking. */
export interface NameMatches {
  total: number;
  totalIsLowerBound: boolean;
  /** The best documented matches, at most FACET_BASE: what the facets count and the name sort orders. */
  facetIds: number[];
  docs: StoredDocs;
  /** The best `need` matches, best first. */
  rank(need: number): Promise<Ranked[]>;
  /** Why each of the given persons matched: the explanations of a page in another order. */
  explain(ids: number[]): Promise<Map<number, MatchExplanation | null>>;
}

/** Up to `limit` distinct persons of the lists, best documented first. */
function bestDocumented(lists: readonly IndexHit[][], limit: number): IndexHit[] {
  const seen = new Set<number>();
  return lists
    .flat()
    .sort((a, b) => a.doc - b.doc)
    .filter((h) => !seen.has(h.id) && seen.add(h.id))
    .slice(0, limit);
}

/** Reads what a name search counts and prepares its ranking (see the top of this file). */
export async function findNames(storage: Storage, terms: ScoringTerm[], filters: TokenGroups): Promise<NameMatches> {
  const queries = new IndexQueries(storage, filters);
  const docs = new StoredDocs(storage);
  // Patronymics and initials weigh in the score but no one need have them (German records lack
  // patronymics): the index is asked for the other words.
  const required = requiredTerms(terms);
  const at = async (level: number, fuzzy = false) => queries.narrowed(groupsUpTo(required, level, fuzzy));
  /** How many names have a spelling of each word, up to RARITY_CAP (multi-word queries only). */
  const spelledBy = new Map<ScoringTerm, number>();
  if (terms.length > 1) {
    // Unfiltered: how common a word is in the archive's names, not among a filter's persons.
    const plain = new IndexQueries(storage, []);
    for (const t of terms) {
      const groups = await plain.narrowed(groupsUpTo([t], SPELLINGS, false));
      spelledBy.set(t, groups[0]?.length ? await plain.count(groups, RARITY_CAP) : 0);
      t.rarity = rarityOf(spelledBy.get(t) ?? 0);
    }
  }

  const spelledGroups = await at(SPELLINGS);
  const spelled = await queries.countWithHead(spelledGroups, COUNT_CAP, FACET_BASE);
  let lowerBound = spelled.count >= COUNT_CAP;
  const heads: IndexHit[][] = [spelled.head];
  // The sound-alikes are counted only where the spellings are few (see the top of this file).
  const sounds = spelled.count < FEW ? await queries.match(await at(SOUNDS), FACET_BASE) : null;
  if (sounds) heads.push(sounds);
  if (!sounds || sounds.length >= FACET_BASE) lowerBound = true;
  const counted = () => (sounds === null ? spelled.count : bestDocumented(heads, COUNT_CAP).length);

  // A word some stored name has is no typo; its other spellings are the sound-alikes above. Near
  // spellings are looked up only for the words no name has, and only for a search that found
  // almost nothing otherwise.
  let fuzzy: IndexHit[] | null = null;
  if (counted() < FEW) {
    const known = await listKnownWords(
      storage.db,
      terms.map((t) => t.text),
    );
    for (const t of required) t.fuzzy = known.has(t.text) ? [] : await queries.typoWords(t.text);
    if (required.some((t) => t.fuzzy.length > 0)) {
      fuzzy = await queries.match(await at(SOUNDS, true), FACET_BASE);
      if (fuzzy.length >= FACET_BASE) lowerBound = true;
      heads.push(fuzzy);
    }
  }
  // Nobody matches every word: persons matching any of them, ranked lower.
  const anyGroups: TokenGroups = [groupsUpTo(required, SOUNDS, true).flat()];
  let anyWord: { count: number; head: IndexHit[] } | null = null;
  // Few persons meet every word: the right one may lack a word the form gives (a second given
  // name, a variant the archive does not know), so those meeting some of the words are ranked too.
  const relaxed = required.length > 1 && counted() < FEW;
  if (counted() === 0 && required.length > 1) {
    anyWord = await queries.countWithHead(anyGroups, COUNT_CAP, FACET_BASE);
    if (anyWord.count >= COUNT_CAP) lowerBound = true;
    heads.push(anyWord.head);
  }

  // Made when first used: by then each word's near spellings and rarity are known.
  let scorer: NameScorer | null = null;
  const scorerOf = () => {
    scorer ??= new NameScorer(terms);
    return scorer;
  };
  const score = async (hits: IndexHit[]): Promise<Ranked[]> => {
    const stored = await docs.read(hits.map((h) => h.id));
    const names = scorerOf();
    return hits.map((h) => {
      const scored = names.score(stored.get(h.id)?.names ?? []);
      // How well documented a record is may lift it by one match level, never by two.
      const value = scored.explanation ? scored.score + priorBonus(h.prior) : 0;
      return {
        id: h.id,
        doc: h.doc,
        score: value,
        level: scored.explanation?.level ?? null,
        explanation: scored.explanation,
      };
    });
  };

  /**
   * A tier of the matches at `level` (a level's query keys, or near spellings too), read on from
   * `head`. Its query is narrowed when first read; one asking for what the tier below it asked
   * finds no one new and is not run.
   */
  let best: MatchLevel[] = [];
  const tier = (
    level: Tier['level'] | null,
    groups: () => Promise<TokenGroups>,
    below: (() => Promise<TokenGroups>) | null,
    head: IndexHit[],
    complete: boolean,
    cap: number,
    expected?: number,
  ): Tier => ({
    level: level ?? 'fuzzy',
    ceiling: scoreCeiling(terms, best, level),
    head,
    complete,
    cap,
    more: async (after, limit) => {
      const mine = await groups();
      return below && sameGroups(mine, await below()) ? [] : queries.match(mine, limit, after, expected);
    },
  });
  const exact = () => at(EXACT);
  const variant = () => at(VARIANT);
  const spelling = async () => spelledGroups;
  const sound = () => at(SOUNDS);

  const rank = async (need: number): Promise<Ranked[]> => {
    best = await queries.bestLevels(terms);
    const tiers: Tier[] = [];
    const perTier = Math.max(TIER_RANKED_MAX, 2 * need);
    const fewSpellings = spelled.count <= SCORED_WHOLE;
    if (!fewSpellings) {
      // The exact and the variant spellings apart: among thousands of namesakes the closest
      // matches are found there, not among the best documented transliterations.
      // Each is part of the spellings counted: their count bounds how many the tiers hold.
      tiers.push(
        tier('exact', exact, null, [], false, perTier, spelled.count),
        tier('variant', variant, exact, [], false, perTier, spelled.count),
      );
    }
    tiers.push(
      tier(
        fewSpellings ? 'exact' : 'translit',
        spelling,
        null,
        spelled.head,
        spelled.count < FACET_BASE,
        perTier,
        spelled.count,
      ),
    );
    tiers.push(
      tier('phonetic', sound, spelling, sounds ?? [], sounds !== null && sounds.length < FACET_BASE, RANKED_MAX),
    );
    if (fuzzy) tiers.push(tier('fuzzy', () => at(SOUNDS, true), null, fuzzy, fuzzy.length < FACET_BASE, RANKED_MAX));
    // Persons meeting only some of the words: one of them does not meet the name at all.
    if (relaxed) tiers.push(...relaxedTiers());
    else if (anyWord)
      tiers.push(tier(null, async () => anyGroups, null, anyWord.head, anyWord.count < FACET_BASE, RANKED_MAX));
    return rankTiers(tiers, need, score, Math.max(RANKED_MAX, 3 * need));
  };

  /**
   * Tiers of persons meeting some of the words: all but one, then fewer, the subsets of rarer words
   * first, at most MAX_RELAXED_TIERS of them. Ranking reads each only while its ceiling (one word
   * unmet) could still reach the page.
   */
  function relaxedTiers(): Tier[] {
    // Subsets of the words some name spells (a word none does finds no one there), rarer first;
    // then subsets of all the words by their sound-alikes (Штольцер for Stalzer, whose given name
    // differs).
    const byRarity = (words: ScoringTerm[]) => [...words].sort((a, b) => (b.rarity ?? 1) - (a.rarity ?? 1));
    const spelled = byRarity(required.filter((t) => (spelledBy.get(t) ?? 1) > 0));
    const bySpelling = [...subsets(spelled, Math.min(spelled.length, required.length - 1))];
    const bySound = [...subsets(byRarity(required), required.length - 1)];
    const half = MAX_RELAXED_TIERS / 2;
    // About how many persons a subset matches: no more than its rarest word's spellings, no fewer
    // where that word is read by its sound-alikes too. A word counted up to RARITY_CAP may have many
    // times as many: it is taken for COUNT_CAP, so that PostgreSQL reads its later pages in windows
    // of the index order rather than fetching and sorting every match (Мария: 250 ms a page of 80).
    const spelledAtLeast = (w: ScoringTerm) => {
      const n = spelledBy.get(w) ?? 0;
      return n >= RARITY_CAP ? COUNT_CAP : n;
    };
    const expected = (words: ScoringTerm[]) => Math.min(...words.map(spelledAtLeast));
    const read = (level: number) => (words: ScoringTerm[]) =>
      tier(
        null,
        () => queries.narrowed(groupsUpTo(words, level, false)),
        null,
        [],
        false,
        TIER_RANKED_MAX,
        expected(words),
      );
    return [...bySpelling.slice(0, half).map(read(SPELLINGS)), ...bySound.slice(0, half).map(read(SOUNDS))];
  }

  return {
    total: anyWord ? anyWord.count : counted(),
    totalIsLowerBound: lowerBound,
    facetIds: bestDocumented(heads, FACET_BASE).map((h) => h.id),
    docs,
    rank,
    explain: async (ids) => {
      const stored = await docs.read(ids);
      const names = scorerOf();
      return new Map(ids.map((id) => [id, names.score(stored.get(id)?.names ?? []).explanation]));
    },
  };
}

/** Whether two narrowed queries ask for the same documents. */
function sameGroups(a: TokenGroups, b: TokenGroups): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
