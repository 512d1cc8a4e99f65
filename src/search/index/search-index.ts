import type { PersonSet } from '../facts/fact-columns.ts';
import type { Facets } from './stored-doc.ts';

/** One person's entry in the index. */
export interface SearchDocument {
  personId: number;
  docId: number;
  /** The document's tokens, separated by spaces. */
  tokens: string;
  /** What search reads of the person besides the index (see stored-doc.ts), packed. */
  stored: string;
}

/** A person found in the index, with the prior its document id carries (see search-doc.ts). */
export interface IndexHit {
  id: number;
  prior: number;
  /** The document id: the order of the index, best documented first. */
  doc: number;
}

/**
 * A query for the index: every group must match, a group matches when the document holds any of
 * its tokens. Name keys and facet tokens are both groups.
 */
export type TokenGroups = string[][];

export interface MatchOptions {
  /** The groups include a name, which few persons match. */
  selective?: boolean;
  /** More groups every match must have: a search's filters, which may match most persons. */
  filters?: TokenGroups;
  /** Only documents after this one in index order: reads on where an earlier query stopped. */
  after?: number;
  /**
   * About how many documents match in all, where the caller knows (a count, or the count of a
   * wider query): PostgreSQL then reads a common name's first matches in windows of the index order.
   */
  expected?: number;
}

/**
 * The inverted index behind name search, one implementation per engine: SQLite keeps it in FTS5,
 * PostgreSQL in a GIN-indexed text array. Both return persons best documented first.
 */
export interface SearchIndex {
  /** Replaces the documents of the given persons; `fresh` when none of them is indexed yet. */
  write(docs: SearchDocument[], options?: { fresh?: boolean }): Promise<void>;
  remove(personIds: number[]): Promise<void>;
  clear(): Promise<void>;
  /** Before indexing everyone into an empty index: drop what is cheaper to build once at the end. */
  beginRebuild(): Promise<void>;
  /** After it: build that again and give the query planner fresh statistics. */
  endRebuild(): Promise<void>;
  /**
   * Stores what the engine keeps beside the index to answer filters that many persons match
   * (SQLite: their bitsets), read from the index as it is, replacing what was stored before. A
   * rebuild does it at its end. Returns how many filters it stored, or null where the engine
   * stores nothing.
   */
  storeFilters(onProgress?: (p: { done: number; total: number }) => void): Promise<number | null>;
  /** Whether storeFilters ran since the index was last emptied; true where it has nothing to do. */
  filtersStored(): Promise<boolean>;
  /** Remembers folded name words for typo-tolerant lookup. */
  addVocabulary(words: string[]): Promise<void>;
  /**
   * Persons matching every group with their prior, best documented first; also how they are
   * counted, up to a cap.
   */
  match(groups: TokenGroups, limit: number, options?: MatchOptions): Promise<IndexHit[]>;
  /**
   * How many persons match every group (and every filter), counted up to `cap`: the count of
   * `match` without handing each match over.
   */
  count(groups: TokenGroups, cap: number, options?: Pick<MatchOptions, 'filters' | 'selective'>): Promise<number>;
  /** The best documented `head` matches, as `match` gives them, and how many there are up to `cap`. */
  matchCounted(
    groups: TokenGroups,
    head: number,
    cap: number,
    options?: Pick<MatchOptions, 'filters' | 'selective'>,
  ): Promise<{ hits: IndexHit[]; count: number }>;
  /**
   * Facet counts over the given persons without reading their stored documents, where the engine
   * keeps what that needs at hand; null otherwise (the caller then counts from the documents).
   */
  countFacets(personIds: readonly number[]): Promise<Facets | null>;
  /** How many persons match every group: no cap, for counts over the whole archive. */
  countMatches(groups: TokenGroups): Promise<number>;
  /**
   * Every person matching every group, however many: the persons whose facts a search's map and
   * statistics count. No groups: everyone indexed.
   */
  persons(groups: TokenGroups): Promise<PersonSet>;
  /**
   * Words of the vocabulary sharing trigrams with `word` and at most two letters longer or shorter,
   * most similar first: the candidates for a near spelling two edits away.
   */
  similarWords(word: string, limit: number): Promise<string[]>;
}
