import type { Worker } from 'node:worker_threads';
import type BetterSqlite3 from 'better-sqlite3';
import { ARCHIVE_VERSION } from '../db/engine.ts';
import { startSqliteWorker } from '../db/sqlite-worker.ts';
import { ftsQuote } from './fts-query.sqlite.ts';
import { PERSON_BITS } from './search-doc.ts';

/*
 * FTS5 intersects an AND by stepping every list to the next candidate of the others. A filtered
 * search for a surname ANDs its few thousand name matches with a fate and three birth years:
 * lists of 200,000 to 1.5 million documents at 5 million persons, and each step into them costs.
 * Measured there, on the filtered index queries of the benchmark's searches: 8–12 ms each, where
 * walking the name matches alone and testing each against bitsets of the filters took 0.4–2.8.
 *
 * So a filter token that many documents have gets a bitset of its persons. Bitsets are built on
 * a thread of their own with its own read-only connection, and shared with the searching thread
 * through shared memory: no search waits for one (until it is ready, FTS5 does the whole AND), and
 * a search that never yields to the event loop still sees it the moment it is done.
 *
 * Each bitset belongs to one archive version (see lockForWriting): after any write the next
 * search starts over with new ones.
 */

/** A token is broad when at least this share of all documents has it... */
const BROAD_SHARE = 1 / 250;
/** ...and at least this many: nothing needs a bitset in a small archive, but tests reach the path. */
const BROAD_MIN = 64;
/**
 * Bitsets kept per connection, in bytes. At 5 million persons one takes 625 KB; the benchmark's
 * 200 filtered searches used 45 (fates and event years), 27 MB.
 */
const BUDGET_BYTES = 128 * 2 ** 20;
/** Token counts remembered per connection. */
const MAX_COUNTS = 100_000;

/** States of a bitset, in its first word. */
const BUILDING = 0;
const READY = 1;
/** Too few documents have the token: FTS5 does better with it. */
const NARROW = 2;
/** The archive changed while it was built, or building failed: not asked for again in this version. */
const STALE = 3;
/** Words before the bits: the state. */
const HEADER = 1;

/** Runs in the worker (see sqlite-worker.ts). A job's query is the token, quoted for FTS5. */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const { READY, NARROW, STALE, HEADER, PERSON_BITS, ARCHIVE_VERSION } = workerData.constants;
parentPort.on('message', (job) => {
  const words = new Int32Array(job.buffer);
  let state = STALE;
  let db;
  try {
    db = new Database(job.file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    // One read transaction: the version and the rows are of the same moment.
    db.exec('BEGIN');
    const version = db.prepare('SELECT value FROM archive_marks WHERE key = ?').pluck().get(ARCHIVE_VERSION) ?? null;
    if (version === job.version) {
      const query = job.query;
      const n = db.prepare('SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ? LIMIT ?)').pluck().get(query, job.broadFrom);
      if (n < job.broadFrom) state = NARROW;
      else {
        for (const doc of db.prepare('SELECT rowid FROM search_fts WHERE search_fts MATCH ?').pluck().iterate(query)) {
          const person = doc % PERSON_BITS;
          const word = HEADER + (person >>> 5);
          if (word < words.length) words[word] |= 1 << (person & 31);
        }
        state = READY;
      }
    }
    db.exec('COMMIT');
  } catch {
    state = STALE;
  } finally {
    try { db?.close(); } catch {}
  }
  Atomics.store(words, 0, state);
  parentPort.postMessage(job.id);
});
`;

let worker: Worker | null = null;
let jobs = 0;
/** Jobs sent and not yet answered. */
const waiting = new Map<number, { words: Int32Array; resolve: () => void }>();

function builder(): Worker {
  if (!worker) {
    const w = startSqliteWorker(WORKER, { constants: { READY, NARROW, STALE, HEADER, PERSON_BITS, ARCHIVE_VERSION } });
    w.on('message', (id: number) => {
      waiting.get(id)?.resolve();
      waiting.delete(id);
    });
    // Searches go on without the bitsets a failed worker did not finish; the next ones asked
    // for get a new worker.
    w.on('error', () => {
      if (worker === w) worker = null;
      for (const job of waiting.values()) {
        Atomics.store(job.words, 0, STALE);
        job.resolve();
      }
      waiting.clear();
    });
    w.unref(); // never keeps a process alive
    worker = w;
  }
  return worker;
}

interface Entry {
  words: Int32Array;
  done: Promise<void>;
}

/** The bitsets of one connection's broad filter tokens, for one archive version. */
export class FilterBitsets {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private readonly counts = new Map<string, number>();
  private countStmt: BetterSqlite3.Statement | null = null;
  private walkStmt: BetterSqlite3.Statement | null = null;
  readonly broadFrom: number;

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    private readonly file: string,
    readonly version: string | null,
    /** The highest person id indexed; it also stands for the number of documents. */
    private readonly maxPerson: number,
  ) {
    this.broadFrom = Math.max(BROAD_MIN, Math.ceil(maxPerson * BROAD_SHARE));
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
        this.entries.delete(token); // used: move to the end
        this.entries.set(token, entry);
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
      this.countStmt ??= this.sqlite.prepare('SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ? LIMIT ?)').pluck();
      n = Number(this.countStmt.get(ftsQuote(token), cap + 1));
      if (this.counts.size >= MAX_COUNTS) this.counts.clear();
      this.counts.set(token, n);
    }
    return n;
  }

  /** Up to `limit` document ids matching an FTS5 expression, ascending from after `after`. */
  documentsAfter(expression: string, after: number, limit: number): number[] {
    this.walkStmt ??= this.sqlite.prepare('SELECT rowid FROM search_fts WHERE search_fts MATCH ? AND rowid > ? ORDER BY rowid LIMIT ?').pluck();
    return this.walkStmt.all(expression, after, limit) as number[];
  }

  /** Resolves when every bitset asked for so far is built (or found not worth building). */
  async settled(): Promise<void> {
    const w = builder();
    w.ref(); // an unreferenced worker's replies would not keep the process waiting for them
    try {
      await Promise.all([...this.entries.values()].map((e) => e.done));
    } finally {
      w.unref();
    }
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
    const id = ++jobs;
    const done = new Promise<void>((resolve) => waiting.set(id, { words, resolve }));
    const entry = { words, done };
    this.entries.set(token, entry);
    this.bytes += buffer.byteLength;
    for (const [old, e] of this.entries) {
      if (this.bytes <= BUDGET_BYTES || old === token) break;
      this.entries.delete(old);
      this.bytes -= e.words.byteLength;
    }
    builder().postMessage({ id, file: this.file, query: ftsQuote(token), version: this.version, broadFrom: this.broadFrom, buffer });
    return entry;
  }
}

/** Whether the person is in any of the bitsets. */
export function inAny(sets: Int32Array[], person: number): boolean {
  const word = HEADER + (person >>> 5);
  const bit = 1 << (person & 31);
  for (const s of sets) if (((s[word] ?? 0) & bit) !== 0) return true;
  return false;
}

const caches = new WeakMap<BetterSqlite3.Database, FilterBitsets>();

/**
 * The connection's bitsets for the archive version it reads now, or null when its database is
 * not a file another connection can open.
 */
export function filterBitsetsFor(sqlite: BetterSqlite3.Database, version: string | null): FilterBitsets | null {
  if (sqlite.memory || !sqlite.name) return null;
  const cached = caches.get(sqlite);
  if (cached && cached.version === version) return cached;
  // Counting the documents would read the whole table; the highest id is one lookup.
  const max = Number(sqlite.prepare('SELECT max(person_id) FROM search_docs').pluck().get() ?? 0);
  const fresh = new FilterBitsets(sqlite, sqlite.name, version, max);
  caches.set(sqlite, fresh);
  return fresh;
}
