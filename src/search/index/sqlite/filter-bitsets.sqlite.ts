import type BetterSqlite3 from 'better-sqlite3';
import { ARCHIVE_VERSION } from '../../../db/engine.ts';
import type { ArchiveMarkTable } from '../../../db/meta.table.ts';
import type { PersonSet } from '../../facts/fact-columns.ts';
import { PERSON_BITS } from '../search-doc.ts';
import { BUILDING, HEADER, NARROW, READY, STALE, submit, whileWorking } from './bitset-worker.sqlite.ts';
import { ftsQuote } from './fts-query.sqlite.ts';
import {
  addPersons,
  broadFrom,
  loadStoredBitset,
  STORED_BITSETS_READABLE,
  storedBitsetTokens,
} from './stored-bitsets.sqlite.ts';

/*
 * FTS5 intersects an AND by stepping every list to the next candidate of the others. A filtered
 * search for a surname ANDs its few thousand name matches with a fate and three birth years:
 * lists of 200,000 to 1.5 million documents at 5 million persons, and each step into them costs.
 * Walking the name matches alone and testing each against bitsets of the filters is several times
 * quicker (docs/search.md#costs).
 *
 * So a filter token that many documents have gets a bitset of its persons. Most are read from the
 * database, where a rebuild of the index stored them (stored-bitsets.sqlite.ts). The others are
 * built on a thread of their own with its own read-only connection, and shared with the searching
 * thread through shared memory: no search waits for one (until it is ready, FTS5 does the whole
 * AND), and a search that never yields to the event loop still sees it the moment it is done.
 *
 * A name too common to walk that way is read once into a list of its documents (listOf), tested
 * against one bitset combining the filters; the search that first needs it reads it. Each bitset
 * and list belongs to one archive version (see lockForWriting): after any write the next search
 * starts over with new ones.
 */

/**
 * Bitsets kept per connection, in bytes. At 5 million persons one takes 625 KB, and the filters
 * searches use most (fates, event years) are a few dozen.
 */
const BUDGET_BYTES = 128 * 2 ** 20;
/** Token counts remembered per connection. */
const MAX_COUNTS = 100_000;
/**
 * Candidates tested against bitsets as FTS5 hands them over, at most: past this share of all
 * documents (30,000 at 5 million persons), handing them to JavaScript costs as much as FTS5's
 * own AND.
 */
const TESTED_SHARE = 0.006;
const TESTED_MIN = 128;
/**
 * A walk over more candidates reads them from a list kept in memory: testing a common surname's
 * list against one bitset of the filters is several times quicker than FTS5's AND of its
 * spellings with a fate and three birth years (docs/search.md#costs). Lists are kept up to this
 * many documents (6 MB with their persons)...
 */
const MAX_LISTED = 500_000;
/** ...and up to this many bytes of them per connection. */
const LIST_BUDGET_BYTES = 96 * 2 ** 20;
/** Lists asked for, remembered per connection (also those too long to keep). */
const MAX_LISTS = 10_000;
/** Bitsets of facet tokens too rare for the worker's, kept per connection: a facet has a few dozen values. */
const MAX_NARROW = 64;
/**
 * Reads of name queries (their matches from a rowid on, and their capped counts) remembered per
 * connection for the archive version (see FilterBitsets.matchesAfter): an expression a search asks
 * for is asked for again whenever anyone searches that name, and a common name is searched most.
 */
const MAX_REMEMBERED = 20_000;
/** Documents remembered in all (8 bytes each), and in one query at most. */
const REMEMBERED_DOCS_BUDGET = 2_000_000;
const REMEMBERED_DOCS_MAX = 2_000;

interface Entry {
  words: Int32Array;
  done: Promise<void>;
}

/** Marks `key` as just used: a Map iterates in insertion order, so the least recently used come first. */
function touch<K, V>(map: Map<K, V>, key: K, value: V): void {
  map.delete(key);
  map.set(key, value);
}

/** Drops the least recently used entries but `keep`, each told to `dropped`, while `over()`. */
function evictWhile<K, V>(map: Map<K, V>, keep: K, over: () => boolean, dropped: (value: V) => void): void {
  for (const [key, value] of map) {
    if (!over()) break;
    if (key === keep) continue;
    map.delete(key);
    dropped(value);
  }
}

/** Counts the documents matching an FTS5 expression, up to a limit: inside SQLite, none handed to JavaScript. */
const COUNT_SQL = 'SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ? LIMIT ?)';

/** Documents of an FTS5 expression, ascending, and the person of each. */
export interface DocumentList {
  docs: Float64Array;
  persons: Int32Array;
}

/** Matches of an FTS5 expression from some point on, all of them when `complete`. */
interface Remembered {
  docs: Float64Array;
  complete: boolean;
}

/** A list asked for: null for good when it was too long to keep, or the archive had moved on. */
interface ListEntry {
  list: DocumentList | null;
}

/** The bitsets of one connection's broad filter tokens, for one archive version. */
export class FilterBitsets {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private readonly counts = new Map<string, number>();
  // Raw statements, plucked: each row is a count or a document id (search_fts's rowid).
  private countStmt: BetterSqlite3.Statement<[string, number], number> | null = null;
  private pageStmt: BetterSqlite3.Statement<[string, number, number], number> | null = null;
  private walkStmt: BetterSqlite3.Statement<[string, number], number> | null = null;
  private readonly lists = new Map<string, ListEntry>();
  private listBytes = 0;
  /** The tokens stored with bitsets in this archive version; read with the first of them. */
  private stored: Set<string> | null = null;
  /** Bitsets of facet tokens too rare for the worker's, read here when first counted. */
  private readonly narrow = new Map<string, Int32Array>();
  /** The facet tokens each person has, a few words a person (countAmong), filled a block at a time. */
  private signatures: Int32Array | null = null;
  private signed: Uint8Array | null = null;
  private signatureTokens: readonly string[] | null = null;
  private readonly matches = new Map<string, Remembered>();
  private matchedDocs = 0;
  private readonly totals = new Map<string, number>();
  readonly broadFrom: number;
  /** Candidates a walk tests as FTS5 hands them over, at most; past it, from a list (listOf). */
  readonly testedUpTo: number;

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly file: string,
    readonly version: string | null,
    /** The highest person id indexed; it also stands for the number of documents. */
    private readonly maxPerson: number,
  ) {
    this.broadFrom = broadFrom(maxPerson);
    this.testedUpTo = Math.max(TESTED_MIN, Math.ceil(maxPerson * TESTED_SHARE));
  }

  /**
   * Up to `limit` documents matching an FTS5 expression after `after`, ascending, as read before
   * in this archive version or now; null when they cannot be read in it here (the caller then asks
   * FTS5 itself). A search reads a name's tiers in the same steps each time, so the same reads
   * come again whenever the name is searched for (what that saves: docs/search.md#costs).
   */
  matchesAfter(expression: string, after: number, limit: number): ArrayLike<number> | null {
    const key = `${after} ${expression}`;
    const known = this.matches.get(key);
    if (known && (known.complete || known.docs.length >= limit)) {
      touch(this.matches, key, known);
      return known.docs.length > limit ? known.docs.subarray(0, limit) : known.docs;
    }
    const found = this.readInThisVersion(() => this.firstDocuments(expression, after, limit));
    if (found === null || limit > REMEMBERED_DOCS_MAX) return found;
    const docs = Float64Array.from(found);
    if (known) this.matchedDocs -= known.docs.length;
    this.matches.set(key, { docs, complete: docs.length < limit });
    this.matchedDocs += docs.length;
    evictWhile(
      this.matches,
      key,
      () => this.matchedDocs > REMEMBERED_DOCS_BUDGET || this.matches.size > MAX_REMEMBERED,
      (entry) => {
        this.matchedDocs -= entry.docs.length;
      },
    );
    return docs;
  }

  /**
   * How many documents match an FTS5 expression, counted up to `cap`, as counted before in this
   * archive version or now; null when it cannot be counted in it here.
   */
  countUpTo(expression: string, cap: number): number | null {
    const key = `${cap} ${expression}`;
    const known = this.totals.get(key);
    if (known !== undefined) {
      touch(this.totals, key, known);
      return known;
    }
    const n = this.readInThisVersion(() => {
      this.countStmt ??= this.sqlite.prepare<[string, number], number>(COUNT_SQL).pluck();
      return Number(this.countStmt.get(expression, cap));
    });
    if (n === null) return null;
    this.totals.set(key, n);
    evictWhile(
      this.totals,
      key,
      () => this.totals.size > MAX_REMEMBERED,
      () => {},
    );
    return n;
  }

  /**
   * The documents matching an FTS5 expression, ascending, read now unless they were read before;
   * null when they are too many to keep.
   */
  listOf(expression: string): DocumentList | null {
    const entry = this.lists.get(expression) ?? this.requestList(expression);
    if (entry.list === null) return null;
    touch(this.lists, expression, entry);
    return entry.list;
  }

  /**
   * Reads the list now, in this archive version: a search that needs one would otherwise count
   * the name's matches by FTS5's AND, which takes as long as reading the list (longer for less
   * common names), and would do so again until a list read elsewhere arrived.
   */
  private requestList(expression: string): ListEntry {
    const entry: ListEntry = { list: null };
    this.lists.set(expression, entry);
    if (this.lists.size > MAX_LISTS) this.evictLists(expression, MAX_LISTS);
    this.inThisVersion(() => {
      const found = this.firstDocuments(expression, -1, MAX_LISTED + 1);
      // Too long to keep: FTS5 answers instead, now and later in this version.
      if (found.length > MAX_LISTED) return false;
      const docs = Float64Array.from(found);
      const persons = new Int32Array(docs.length);
      for (let i = 0; i < docs.length; i++) persons[i] = (docs[i] as number) % PERSON_BITS;
      entry.list = { docs, persons };
      this.listBytes += docs.byteLength + persons.byteLength;
      this.evictLists(expression);
      return true;
    });
    return entry;
  }

  /** Drops the least recently used lists but `keep` until they fit the budget (and `entries` at most). */
  private evictLists(keep: string, entries = Number.POSITIVE_INFINITY): void {
    evictWhile(
      this.lists,
      keep,
      () => this.listBytes > LIST_BUDGET_BYTES || this.lists.size > entries,
      (entry) => {
        if (entry.list) this.listBytes -= entry.list.docs.byteLength + entry.list.persons.byteLength;
      },
    );
  }

  /**
   * The bitsets of a filter's tokens when every one is broad and built; otherwise null (the
   * missing ones are then asked for).
   */
  of(tokens: string[]): Int32Array[] | null {
    const out: Int32Array[] = [];
    let missing = false;
    for (const token of tokens) {
      const entry = this.entries.get(token) ?? this.request(token);
      const state = Atomics.load(entry.words, 0);
      if (state === NARROW || state === STALE) {
        this.forget(token, entry);
        return null;
      }
      if (state === BUILDING) missing = true;
      else {
        touch(this.entries, token, entry);
        out.push(entry.words);
      }
    }
    return missing ? null : out;
  }

  /**
   * How many documents have a token, counted up to `cap` (then cap + 1) and remembered for the
   * archive version: name words come and go, so the memory is emptied when it fills.
   */
  documentsWith(token: string, cap: number): number {
    let n = this.counts.get(token);
    if (n === undefined) {
      this.countStmt ??= this.sqlite.prepare<[string, number], number>(COUNT_SQL).pluck();
      n = Number(this.countStmt.get(ftsQuote(token), cap + 1));
      if (this.counts.size >= MAX_COUNTS) this.counts.clear();
      this.counts.set(token, n);
    }
    return n;
  }

  /**
   * The document ids matching an FTS5 expression, ascending from after `after`, read as far as the
   * caller goes: the first `firstPage` in one call, the rest streamed by one statement. Asking
   * FTS5 again from a later rowid reads an AND of ORs from its start again, so a walk in pages
   * grew with the square of its length. Nothing else may use the connection until the caller stops.
   */
  *documentsAfter(expression: string, after: number, firstPage: number): Generator<number> {
    const first = this.firstDocuments(expression, after, firstPage);
    yield* first;
    if (first.length < firstPage) return;
    yield* this.streamDocuments(expression, first[first.length - 1] as number);
  }

  /** Up to `limit` document ids matching an FTS5 expression, ascending from after `after`. */
  private firstDocuments(expression: string, after: number, limit: number): number[] {
    this.pageStmt ??= this.sqlite
      .prepare<[string, number, number], number>(
        'SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid > ? ORDER BY rowid LIMIT ?',
      )
      .pluck();
    return this.pageStmt.all(expression, after, limit);
  }

  /** Every document id matching an FTS5 expression from after `after`, ascending, one at a time. */
  private streamDocuments(expression: string, after: number): Iterable<number> {
    this.walkStmt ??= this.sqlite
      .prepare<[string, number], number>(
        'SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid > ? ORDER BY rowid',
      )
      .pluck();
    return this.walkStmt.iterate(expression, after);
  }

  /**
   * How many of `persons` have each of the tokens (the values of the facets), or null while a
   * bitset is still being built (all missing ones are asked for). A token too rare for a bitset of
   * the worker's is read here at once (at most broadFrom documents).
   *
   * Testing 300 random persons against fifty 625 KB bitsets misses the CPU's caches at nearly every
   * test. So the tokens each person has are gathered into a signature
   * of a few words per person, a block of persons at a time as searches first reach it; a count
   * then reads one signature a person.
   */
  countAmong(tokens: readonly string[], persons: readonly number[]): number[] | null {
    const sets: Int32Array[] = [];
    let missing = false;
    for (const token of tokens) {
      const bits = this.narrowBits(token) ?? this.of([token])?.[0] ?? null;
      if (bits === null) missing = true;
      else sets.push(bits);
    }
    if (missing) return null;
    const width = (tokens.length + 31) >>> 5;
    if (this.signatures === null || this.signatureTokens !== tokens) {
      this.signatures = new Int32Array(width * (this.maxPerson + 1));
      this.signed = new Uint8Array((this.maxPerson >>> SIGNED_BLOCK_BITS) + 1);
      this.signatureTokens = tokens;
    }
    const signatures = this.signatures;
    const signed = this.signed as Uint8Array;
    const counts = new Array<number>(tokens.length).fill(0);
    for (const person of persons) {
      if (person > this.maxPerson) continue;
      const block = person >>> SIGNED_BLOCK_BITS;
      if (signed[block] === 0) {
        signBlock(signatures, width, sets, block);
        signed[block] = 1;
      }
      for (let w = 0; w < width; w++) {
        let word = signatures[person * width + w] as number;
        while (word !== 0) {
          const bit = 31 - Math.clz32(word & -word);
          counts[w * 32 + bit] = (counts[w * 32 + bit] as number) + 1;
          word &= word - 1;
        }
      }
    }
    return counts;
  }

  /**
   * The persons matching every group as one bitset: each group the union of its tokens' bitsets
   * (broad ones as stored or built, rare ones read at once), the groups intersected. 'building'
   * while a bitset asked for is still being built.
   */
  personsMatching(groups: readonly string[][]): PersonSet | 'building' {
    const unions: Int32Array[][] = [];
    let building = false;
    for (const group of groups) {
      const sets: Int32Array[] = [];
      for (const token of new Set(group)) {
        const bits = this.narrowBits(token) ?? this.of([token])?.[0] ?? null;
        if (bits === null) building = true;
        else sets.push(bits);
      }
      unions.push(sets);
    }
    if (building) return 'building';
    return { kind: 'bits', words: intersectUnions(unions, HEADER + (this.maxPerson >>> 5) + 1), offset: HEADER };
  }

  /** The bitset of a token too rare for the worker's, read at once; null for a broad one. */
  private narrowBits(token: string): Int32Array | null {
    const known = this.narrow.get(token);
    if (known) return known;
    if (this.storedTokens().has(token)) return null;
    const n = this.documentsWith(token, this.broadFrom);
    if (n >= this.broadFrom) return null;
    const bits = n === 0 ? NO_BITS : new Int32Array(HEADER + (this.maxPerson >>> 5) + 1);
    if (n > 0) addPersons(bits, HEADER, this.streamDocuments(ftsQuote(token), -1));
    if (this.narrow.size >= MAX_NARROW) this.narrow.clear();
    this.narrow.set(token, bits);
    return bits;
  }

  /** Resolves when every bitset asked for so far is built (or found not worth building). */
  async settled(): Promise<void> {
    await whileWorking(Promise.all([...this.entries.values()].map((e) => e.done)));
  }

  /** Keeps only the state of a token that gets no bitset, not its buffer. */
  private forget(token: string, entry: Entry): void {
    if (entry.words.length === 1) return;
    this.bytes -= entry.words.byteLength;
    const words = new Int32Array(1);
    words[0] = Atomics.load(entry.words, 0);
    this.entries.set(token, { words, done: entry.done });
  }

  private request(token: string): Entry {
    const buffer = new SharedArrayBuffer(4 * (HEADER + (this.maxPerson >>> 5) + 1));
    const words = new Int32Array(buffer);
    const entry: Entry = { words, done: Promise.resolve() };
    this.entries.set(token, entry);
    this.bytes += buffer.byteLength;
    evictWhile(
      this.entries,
      token,
      () => this.bytes > BUDGET_BYTES,
      (e) => {
        this.bytes -= e.words.byteLength;
      },
    );
    if (this.readStored(token, words)) Atomics.store(words, 0, READY);
    else
      entry.done = submit(
        { file: this.file, query: ftsQuote(token), version: this.version, broadFrom: this.broadFrom },
        words,
      );
    return entry;
  }

  /**
   * Runs `read` in one transaction that first checks that the database holds this archive version,
   * as the worker does; false, without running it, when it holds another or no read may start here.
   */
  private inThisVersion(read: () => boolean): boolean {
    if (!STORED_BITSETS_READABLE || this.sqlite.inTransaction) return false;
    return this.sqlite.transaction(() => versionOn(this.sqlite) === this.version && read())();
  }

  /** What `read` returns, read in one transaction in this archive version; null when it cannot be. */
  private readInThisVersion<T>(read: () => T): T | null {
    const box: { value: T | null } = { value: null };
    this.inThisVersion(() => {
      box.value = read();
      return true;
    });
    return box.value;
  }

  /** The tokens stored with a bitset in this archive version (stored-bitsets.sqlite.ts). */
  private storedTokens(): Set<string> {
    if (this.stored === null) {
      this.stored = this.readInThisVersion(() => storedBitsetTokens(this.sqlite)) ?? new Set<string>();
    }
    return this.stored;
  }

  /** Fills `words` from the token's stored bitset, if it has one in this archive version. */
  private readStored(token: string, words: Int32Array): boolean {
    return (
      this.storedTokens().has(token) &&
      this.inThisVersion(() => {
        loadStoredBitset(this.sqlite, token, words, HEADER);
        return true;
      })
    );
  }
}

/** A bitset with no person: what a facet value nobody has reads as (past its end, every word is 0). */
const NO_BITS = new Int32Array(0);
/** Persons whose signatures are gathered at once: 2^16, a few dozen blocks at 5 million. */
const SIGNED_BLOCK_BITS = 16;

/** Gathers the signatures of one block of persons from the tokens' bitsets. */
function signBlock(signatures: Int32Array, width: number, sets: readonly Int32Array[], block: number): void {
  const firstWord = HEADER + ((block << SIGNED_BLOCK_BITS) >>> 5);
  const lastWord = firstWord + (1 << (SIGNED_BLOCK_BITS - 5));
  for (let t = 0; t < sets.length; t++) {
    const bits = sets[t] as Int32Array;
    const end = Math.min(lastWord, bits.length);
    const at = t >>> 5;
    const mask = 1 << (t & 31);
    for (let w = firstWord; w < end; w++) {
      let word = bits[w] as number;
      while (word !== 0) {
        const person = (w - HEADER) * 32 + (31 - Math.clz32(word & -word));
        const i = person * width + at;
        if (i < signatures.length) signatures[i] = (signatures[i] as number) | mask;
        word &= word - 1;
      }
    }
  }
}

/**
 * One bitset of the persons in at least one bitset of every test: a pass over each bitset, which
 * pays when hundreds of thousands of candidates are to be tested.
 */
export function combined(tests: Int32Array[][]): Int32Array {
  const length = Math.min(...tests.flat().map((s) => s.length));
  const out = new Int32Array(length);
  for (let t = 0; t < tests.length; t++) {
    const sets = tests[t] as Int32Array[];
    for (let w = HEADER; w < length; w++) {
      let any = 0;
      for (let k = 0; k < sets.length; k++) any |= (sets[k] as Int32Array)[w] as number;
      out[w] = t === 0 ? any : (out[w] as number) & any;
    }
  }
  return out;
}

/**
 * The persons in at least one bitset of every group, in `length` words; a bitset shorter than
 * that (built before persons were added, or empty) reads as zeros past its end.
 */
function intersectUnions(groups: readonly Int32Array[][], length: number): Int32Array {
  const out = new Int32Array(length);
  for (let g = 0; g < groups.length; g++) {
    const sets = groups[g] as Int32Array[];
    for (let w = HEADER; w < length; w++) {
      let any = 0;
      for (let k = 0; k < sets.length; k++) any |= ((sets[k] as Int32Array)[w] as number | undefined) ?? 0;
      out[w] = g === 0 ? any : (out[w] as number) & any;
    }
  }
  return out;
}

/** Whether the person is in the bitset (not when past its end, where a word reads as undefined: 0). */
export function has(bits: Int32Array, person: number): boolean {
  return ((bits[HEADER + (person >>> 5)] as number) & (1 << (person & 31))) !== 0;
}

/**
 * Whether the person is in at least one bitset of every test. Runs for each of up to hundreds of
 * thousands of candidates: plain loops, no closures.
 */
export function inEvery(tests: Int32Array[][], person: number): boolean {
  const word = HEADER + (person >>> 5);
  const bit = 1 << (person & 31);
  for (let t = 0; t < tests.length; t++) {
    const sets = tests[t] as Int32Array[];
    let k = 0;
    // A word past the end (a person indexed after the bitset was built) reads as undefined: 0.
    while (k < sets.length && (((sets[k] as Int32Array)[word] as number) & bit) === 0) k++;
    if (k === sets.length) return false;
  }
  return true;
}

const caches = new WeakMap<BetterSqlite3.Database, FilterBitsets>();
const versionReaders = new WeakMap<
  BetterSqlite3.Database,
  BetterSqlite3.Statement<[string], ArchiveMarkTable['value']>
>();

/**
 * The archive version the handle reads now, read on the handle itself: a search asks for it
 * before each read of its bitsets and memory, a few times a search, where a query through Kysely
 * costs several times the lookup. Call it only where no other transaction may be open on the handle.
 */
export function versionOn(sqlite: BetterSqlite3.Database): string | null {
  let read = versionReaders.get(sqlite);
  if (!read) {
    read = sqlite.prepare<[string], ArchiveMarkTable['value']>('SELECT value FROM archive_marks WHERE key = ?').pluck();
    versionReaders.set(sqlite, read);
  }
  return read.get(ARCHIVE_VERSION) ?? null;
}

/**
 * The connection's bitsets for the archive version it reads now, or null when its database is
 * not a file another connection can open.
 */
export function filterBitsetsFor(sqlite: BetterSqlite3.Database, version: string | null): FilterBitsets | null {
  if (sqlite.memory || !sqlite.name) return null;
  const cached = caches.get(sqlite);
  if (cached && cached.version === version) return cached;
  // Counting the documents would read the whole table; the highest id is one lookup.
  const max = Number(sqlite.prepare<[], number | null>('SELECT max(person_id) FROM search_docs').pluck().get() ?? 0);
  const fresh = new FilterBitsets(sqlite, sqlite.name, version, max);
  caches.set(sqlite, fresh);
  return fresh;
}
