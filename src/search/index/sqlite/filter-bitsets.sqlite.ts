import type BetterSqlite3 from 'better-sqlite3';
import { ARCHIVE_VERSION } from '../../../db/engine.ts';
import type { ArchiveMarkTable } from '../../../db/meta.table.ts';
import type { PersonSet } from '../../facts/fact-columns.ts';
import { PERSON_BITS } from '../search-doc.ts';
import { BUILDING, HEADER, NARROW, READY, STALE, submit, whileWorking } from './bitset-worker.sqlite.ts';
import { docChangesSince, LISTED_PERSONS, lastDocChange } from './doc-changes.sqlite.ts';
import { ftsQuote } from './fts-query.sqlite.ts';
import {
  addPersons,
  broadFrom,
  CHUNK_PERSONS,
  decodeChunk,
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
 * against one bitset combining the filters; the search that first needs it reads it.
 *
 * All of it is read in one archive version (see lockForWriting) and used only in it. When the
 * version moves on, the log of the index's writes (doc-changes.sqlite.ts) tells which persons'
 * documents changed: after an edit of a few persons, the bitsets are patched for them at once,
 * and each remembered list or name read is patched when it is next used (see carryOver), so that
 * an editor saving every few seconds does not make every search start over. After a larger write
 * the next search starts over with new ones.
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
/**
 * Changed persons kept in memory for the lists and reads patched when next used (carryOver); one
 * older than all of them is read again instead.
 */
const LOGGED_PERSONS = 20_000;
/**
 * Room for persons added after the caches began (bitsets, signatures): an edit that creates a
 * person is carried over like any other until this many have been added (8 KiB a bitset).
 */
const ADDED_PERSONS = 65_536;
/** Documents tested against an expression one by one at most; more are tested in one pass over its matches. */
const PROBED_ONE_BY_ONE = 32;

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

/**
 * Matches of an FTS5 expression from some point on, all of them when `complete`, as of change
 * `seq` of the index's log (see carryOver).
 */
interface Remembered {
  docs: Float64Array;
  complete: boolean;
  seq: number;
}

/**
 * A list asked for, as of change `seq`: null when it was too long to keep (`tooLong`, for good),
 * or the archive had moved on while it was read (asked for again after the next carryOver).
 */
interface ListEntry {
  list: DocumentList | null;
  tooLong: boolean;
  seq: number;
}

/** The persons one carried-over change touched, and the document each has since it (null: none). */
interface Change {
  seq: number;
  persons: number[];
  docs: (number | null)[];
}

/** Where a connection's caches were read: the archive version and the last change of the index's log. */
interface Marks {
  version: string | null;
  /** Null when the database keeps no log of changes: nothing is carried over. */
  seq: number | null;
  /** The highest person id indexed; it also stands for the number of documents. */
  maxPerson: number;
}

/** The bitsets of one connection's broad filter tokens, for the archive version it last read. */
export class FilterBitsets {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private readonly counts = new Map<string, number>();
  // Raw statements, plucked: each row is a count or a document id (search_fts's rowid).
  private countStmt: BetterSqlite3.Statement<[string, number], number> | null = null;
  private pageStmt: BetterSqlite3.Statement<[string, number, number], number> | null = null;
  private walkStmt: BetterSqlite3.Statement<[string, number], number> | null = null;
  private probeStmt: BetterSqlite3.Statement<[string, bigint], number> | null = null;
  private probeAllStmt: BetterSqlite3.Statement<[string, string], number> | null = null;
  private chunkStmt: BetterSqlite3.Statement<[string, number], Buffer> | null = null;
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
  /** The changes carried over since the caches began, newest last, for entries patched when next used. */
  private readonly changes: Change[] = [];
  private loggedPersons = 0;
  /** The change of the index's log the oldest kept change follows: entries read before it are read again. */
  private loggedFrom: number;
  private current: string | null;
  /** The last change of the index's log that version holds (doc-changes.sqlite.ts). */
  private seq: number;
  /** Whether the database keeps that log; without it nothing is carried over. */
  private readonly logged: boolean;
  /** The highest person id the bitsets and signatures have room for. */
  private readonly capacity: number;
  readonly broadFrom: number;
  /** Candidates a walk tests as FTS5 hands them over, at most; past it, from a list (listOf). */
  readonly testedUpTo: number;

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly file: string,
    marks: Marks,
  ) {
    this.current = marks.version;
    this.seq = marks.seq ?? 0;
    this.logged = marks.seq !== null;
    this.loggedFrom = this.seq;
    this.capacity = marks.maxPerson + ADDED_PERSONS;
    this.broadFrom = broadFrom(marks.maxPerson);
    this.testedUpTo = Math.max(TESTED_MIN, Math.ceil(marks.maxPerson * TESTED_SHARE));
  }

  /** The archive version everything here was read in, or carried over to. */
  get version(): string | null {
    return this.current;
  }

  /**
   * Up to `limit` documents matching an FTS5 expression after `after`, ascending, as read before
   * in this archive version or now; null when they cannot be read in it here (the caller then asks
   * FTS5 itself). A search reads a name's tiers in the same steps each time, so the same reads
   * come again whenever the name is searched for (what that saves: docs/search.md#costs).
   */
  matchesAfter(expression: string, after: number, limit: number): ArrayLike<number> | null {
    const key = `${after} ${expression}`;
    let known = this.matches.get(key);
    if (known && known.seq !== this.seq) known = this.updatedMatches(key, known, expression, after);
    if (known && (known.complete || known.docs.length >= limit)) {
      touch(this.matches, key, known);
      return known.docs.length > limit ? known.docs.subarray(0, limit) : known.docs;
    }
    const found = this.readInThisVersion(() => this.firstDocuments(expression, after, limit));
    if (found === null || limit > REMEMBERED_DOCS_MAX) return found;
    const docs = Float64Array.from(found);
    if (known) this.matchedDocs -= known.docs.length;
    this.matches.set(key, { docs, complete: docs.length < limit, seq: this.seq });
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
    let entry = this.lists.get(expression);
    if (entry && entry.seq !== this.seq) entry = this.updatedList(expression, entry);
    entry ??= this.requestList(expression);
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
    const entry: ListEntry = { list: null, tooLong: false, seq: this.seq };
    this.lists.set(expression, entry);
    if (this.lists.size > MAX_LISTS) this.evictLists(expression, MAX_LISTS);
    this.inThisVersion(() => {
      const found = this.firstDocuments(expression, -1, MAX_LISTED + 1);
      // Too long to keep: FTS5 answers instead, now and later.
      entry.tooLong = found.length > MAX_LISTED;
      if (!entry.tooLong) this.keepList(expression, entry, Float64Array.from(found));
      return true;
    });
    return entry;
  }

  private keepList(expression: string, entry: ListEntry, docs: Float64Array): void {
    const persons = new Int32Array(docs.length);
    for (let i = 0; i < docs.length; i++) persons[i] = (docs[i] as number) % PERSON_BITS;
    entry.list = { docs, persons };
    this.listBytes += docs.byteLength + persons.byteLength;
    this.evictLists(expression);
  }

  /** A list patched for the changes carried over since it was read; undefined when it is to be read again. */
  private updatedList(expression: string, entry: ListEntry): ListEntry | undefined {
    const old = entry.list;
    if (old === null) {
      if (!entry.tooLong) this.lists.delete(expression);
      entry.seq = this.seq;
      return entry.tooLong ? entry : undefined;
    }
    this.lists.delete(expression);
    this.listBytes -= old.docs.byteLength + old.persons.byteLength;
    const docs = this.readInThisVersion(() =>
      this.patched(old.docs, entry.seq, expression, -1, Number.POSITIVE_INFINITY),
    );
    if (docs === null) return undefined;
    const fresh: ListEntry = { list: null, tooLong: false, seq: this.seq };
    this.lists.set(expression, fresh);
    if (docs === old.docs) {
      fresh.list = old;
      this.listBytes += old.docs.byteLength + old.persons.byteLength;
    } else this.keepList(expression, fresh, docs);
    return fresh;
  }

  /** A remembered read patched for the changes carried over since it was read; undefined when it cannot be. */
  private updatedMatches(key: string, known: Remembered, expression: string, after: number): Remembered | undefined {
    this.matches.delete(key);
    this.matchedDocs -= known.docs.length;
    // What was read is every match up to its last one, or every one at all when complete.
    const upTo = known.complete ? Number.POSITIVE_INFINITY : (known.docs.at(-1) ?? after);
    const docs = this.readInThisVersion(() => this.patched(known.docs, known.seq, expression, after, upTo));
    if (docs === null) return undefined;
    const entry: Remembered = { docs, complete: known.complete, seq: this.seq };
    this.matches.set(key, entry);
    this.matchedDocs += docs.length;
    return entry;
  }

  /**
   * The matches of an expression read as of change `since`, brought up to this version: the
   * changed persons' documents taken out, and those they have now put in where they match (those
   * after `after` and up to `upTo`, the end of what was read). Null when the changes since are
   * no longer all kept. To be called in a read of this version.
   */
  private patched(
    docs: Float64Array,
    since: number,
    expression: string,
    after: number,
    upTo: number,
  ): Float64Array | null {
    const changed = this.changedSince(since);
    if (changed === null) return null;
    if (changed.size === 0) return docs;
    const kept = docs.filter((d) => !changed.has(d % PERSON_BITS));
    const now: number[] = [];
    for (const d of changed.values()) if (d !== null && d > after && d <= upTo) now.push(d);
    const added = this.matching(expression, now);
    if (added.length === 0) return kept.length === docs.length ? docs : kept;
    const out = new Float64Array(kept.length + added.length);
    out.set(kept);
    out.set(added, kept.length);
    return out.sort();
  }

  /** The persons changed after change `since`, with the document each has now; null when not all are kept. */
  private changedSince(since: number): Map<number, number | null> | null {
    if (since < this.loggedFrom) return null;
    const out = new Map<number, number | null>();
    for (const change of this.changes) {
      if (change.seq <= since) continue;
      for (let i = 0; i < change.persons.length; i++) out.set(change.persons[i] as number, change.docs[i] ?? null);
    }
    return out;
  }

  /** Which of `docs` match an FTS5 expression in the version read now. */
  private matching(expression: string, docs: readonly number[]): number[] {
    if (docs.length === 0) return [];
    if (docs.length <= PROBED_ONE_BY_ONE) {
      this.probeStmt ??= this.sqlite
        .prepare<[string, bigint], number>('SELECT 1 FROM search_fts WHERE search_fts MATCH ? AND rowid = ?')
        .pluck();
      const probe = this.probeStmt;
      // As integers: FTS5 finds a rowid compared with a floating-point number by reading every entry.
      return docs.filter((d) => probe.get(expression, BigInt(d)) !== undefined);
    }
    // One pass over the expression's matches.
    this.probeAllStmt ??= this.sqlite
      .prepare<[string, string], number>(
        'SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid IN (SELECT value FROM json_each(?))',
      )
      .pluck();
    return this.probeAllStmt.all(expression, JSON.stringify(docs));
  }

  /**
   * Carries everything kept here over to the archive version the database holds now, when the
   * index's log (doc-changes.sqlite.ts) lists the persons whose documents changed since: at most
   * LISTED_PERSONS, none past the highest person the bitsets hold. The bitsets and the facet
   * signatures are patched for them now; remembered lists and name reads when next used
   * (patched); the counts of name matches are read again. False when everything must start over.
   */
  carryOver(): boolean {
    if (!STORED_BITSETS_READABLE || this.sqlite.inTransaction) return false;
    return this.sqlite.transaction(() => {
      const marks = readMarks(this.sqlite);
      if (!this.logged || marks.seq === null || marks.maxPerson > this.capacity) return false;
      const persons = docChangesSince(this.sqlite, this.seq, LISTED_PERSONS);
      if (persons === null) return false;
      const docs = currentDocs(this.sqlite, persons);
      this.patchBitsets(persons, docs);
      this.keepChange({ seq: marks.seq, persons, docs });
      this.current = marks.version;
      this.seq = marks.seq;
      return true;
    })();
  }

  /** Patches the bitsets, token counts and facet signatures for the changed persons (see carryOver). */
  private patchBitsets(persons: readonly number[], docs: readonly (number | null)[]): void {
    // Read again, as storing the bitsets anew (storeFilterBitsets) changes the archive's version
    // without changing a document.
    const stored = storedBitsetTokens(this.sqlite);
    this.stored = stored;
    if (persons.length === 0) return;
    this.totals.clear();
    const now = docs.filter((d): d is number => d !== null);
    const chunks = [...new Set(persons.map((p) => Math.floor(p / CHUNK_PERSONS)))];
    for (const [token, entry] of this.entries) {
      const state = Atomics.load(entry.words, 0);
      if (state === NARROW) continue;
      if (state !== READY) {
        // Being built for the version before, or failed: asked for again when next wanted.
        this.entries.delete(token);
        if (entry.words.length > 1) this.bytes -= entry.words.byteLength;
      } else if (stored.has(token)) this.reloadChunks(token, entry.words, chunks);
      else this.patchBits(entry.words, ftsQuote(token), persons, now);
    }
    for (const [token, bits] of this.narrow) {
      if (bits !== NO_BITS) this.patchBits(bits, ftsQuote(token), persons, now);
      else if (this.matching(ftsQuote(token), now).length > 0) this.narrow.delete(token);
    }
    // A person has one document: no count moves by more than the persons changed, so only one
    // that could be 0, before or after, is read again.
    for (const [token, n] of this.counts) if (n <= persons.length) this.counts.delete(token);
    const { signatures, signed } = this;
    if (signatures && signed) {
      const width = signatures.length / (this.capacity + 1);
      for (const p of persons) {
        const block = p >>> SIGNED_BLOCK_BITS;
        if (signed[block] !== 1) continue;
        // Gathered again from the patched bitsets when next counted.
        signed[block] = 0;
        signatures.fill(0, (block << SIGNED_BLOCK_BITS) * width, ((block + 1) << SIGNED_BLOCK_BITS) * width);
      }
    }
  }

  /** Sets the chunks of a stored token's bitset again from their rows, which every write keeps true. */
  private reloadChunks(token: string, words: Int32Array, chunks: readonly number[]): void {
    this.chunkStmt ??= this.sqlite
      .prepare<[string, number], Buffer>('SELECT bits FROM search_bitsets WHERE token = ? AND chunk = ?')
      .pluck();
    for (const chunk of chunks) {
      const at = HEADER + chunk * (CHUNK_PERSONS / 32);
      if (at >= words.length) continue;
      words.fill(0, at, at + CHUNK_PERSONS / 32);
      const row = this.chunkStmt.get(token, chunk);
      if (row) decodeChunk(row, words, at);
    }
  }

  /** Clears the persons' bits, then sets those of the documents `now` that have the token. */
  private patchBits(words: Int32Array, query: string, persons: readonly number[], now: readonly number[]): void {
    for (const p of persons) {
      const w = HEADER + (p >>> 5);
      if (w < words.length) words[w] = (words[w] as number) & ~(1 << (p & 31));
    }
    addPersons(words, HEADER, this.matching(query, now));
  }

  /** Keeps a carried-over change for the entries patched later, dropping the oldest past LOGGED_PERSONS. */
  private keepChange(change: Change): void {
    if (change.persons.length === 0) return;
    this.changes.push(change);
    this.loggedPersons += change.persons.length;
    while (this.loggedPersons > LOGGED_PERSONS) {
      const oldest = this.changes.shift() as Change;
      this.loggedPersons -= oldest.persons.length;
      this.loggedFrom = oldest.seq;
    }
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
      this.signatures = new Int32Array(width * (this.capacity + 1));
      this.signed = new Uint8Array((this.capacity >>> SIGNED_BLOCK_BITS) + 1);
      this.signatureTokens = tokens;
    }
    const signatures = this.signatures;
    const signed = this.signed as Uint8Array;
    const counts = new Array<number>(tokens.length).fill(0);
    for (const person of persons) {
      if (person > this.capacity) continue;
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
    return { kind: 'bits', words: intersectUnions(unions, HEADER + (this.capacity >>> 5) + 1), offset: HEADER };
  }

  /** The bitset of a token too rare for the worker's, read at once; null for a broad one. */
  private narrowBits(token: string): Int32Array | null {
    const known = this.narrow.get(token);
    if (known) return known;
    if (this.storedTokens().has(token)) return null;
    const n = this.documentsWith(token, this.broadFrom);
    if (n >= this.broadFrom) return null;
    const bits = n === 0 ? NO_BITS : new Int32Array(HEADER + (this.capacity >>> 5) + 1);
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
    const buffer = new SharedArrayBuffer(4 * (HEADER + (this.capacity >>> 5) + 1));
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

/** Where the caches of a connection start: read in one transaction. */
function readMarks(sqlite: BetterSqlite3.Database): Marks {
  return sqlite.transaction(() => ({
    version: versionOn(sqlite),
    seq: lastDocChange(sqlite),
    // Counting the documents would read the whole table; the highest id is one lookup.
    maxPerson: Number(sqlite.prepare<[], number | null>('SELECT max(person_id) FROM search_docs').pluck().get() ?? 0),
  }))();
}

/** The document each person has now, or null. */
function currentDocs(sqlite: BetterSqlite3.Database, persons: readonly number[]): (number | null)[] {
  if (persons.length === 0) return [];
  const rows = sqlite
    .prepare<[string], [number, number]>(
      'SELECT person_id, doc_id FROM search_docs WHERE person_id IN (SELECT value FROM json_each(?))',
    )
    .raw()
    .all(JSON.stringify(persons));
  const docs = new Map(rows);
  return persons.map((p) => docs.get(p) ?? null);
}

/**
 * The connection's bitsets for the archive version it reads now (carried over from the version
 * before when they can be), or null when its database is not a file another connection can open.
 */
export function filterBitsetsFor(sqlite: BetterSqlite3.Database, version: string | null): FilterBitsets | null {
  if (sqlite.memory || !sqlite.name) return null;
  const cached = caches.get(sqlite);
  if (cached && (cached.version === version || cached.carryOver())) return cached;
  const fresh = new FilterBitsets(sqlite, sqlite.name, readMarks(sqlite));
  caches.set(sqlite, fresh);
  return fresh;
}
