import { MessageChannel, type MessagePort, receiveMessageOnPort, type Worker } from 'node:worker_threads';
import { ARCHIVE_VERSION } from '../db/engine.ts';
import { startSqliteWorker } from '../db/sqlite-worker.ts';
import { PERSON_BITS } from './search-doc.ts';

/*
 * The thread that builds the bitsets and lists of filter-bitsets.sqlite.ts, each job in a read
 * transaction of its own connection that first checks the archive version the job is for.
 */

/** States of a job: a bitset's first word holds it, a reply carries it. */
export const BUILDING = 0;
export const READY = 1;
/** Too few documents have the token (a list: too many documents to keep): FTS5 does better. */
export const NARROW = 2;
/** The archive changed while it was built, or building failed: not asked for again in this version. */
export const STALE = 3;
/** Words before the bits: the state. */
export const HEADER = 1;

/**
 * Runs in the worker (see sqlite-worker.ts). A bitset job's query is the token, quoted for FTS5,
 * and it fills the buffer it was given; a list job's query is an FTS5 expression, and its reply
 * carries the list, in a buffer the worker made (it alone knows the length).
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const { READY, NARROW, STALE, HEADER, PERSON_BITS, ARCHIVE_VERSION } = workerData.constants;
function list(db, job) {
  const docs = [];
  for (const doc of db.prepare('SELECT rowid FROM search_fts WHERE search_fts MATCH ? ORDER BY rowid').pluck().iterate(job.query)) {
    if (docs.length >= job.maxDocs) return { state: NARROW, buffer: null };
    docs.push(doc);
  }
  const buffer = new SharedArrayBuffer(8 * docs.length);
  new Float64Array(buffer).set(docs);
  return { state: READY, buffer };
}
function bitset(db, job, words) {
  const n = db.prepare('SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ? LIMIT ?)').pluck().get(job.query, job.broadFrom);
  if (n < job.broadFrom) return NARROW;
  for (const doc of db.prepare('SELECT rowid FROM search_fts WHERE search_fts MATCH ?').pluck().iterate(job.query)) {
    const person = doc % PERSON_BITS;
    const word = HEADER + (person >>> 5);
    if (word < words.length) words[word] |= 1 << (person & 31);
  }
  return READY;
}
parentPort.on('message', (job) => {
  const words = job.buffer ? new Int32Array(job.buffer) : null;
  let result = { state: STALE, buffer: null };
  let db;
  try {
    db = new Database(job.file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    // One read transaction: the version and the rows are of the same moment.
    db.exec('BEGIN');
    const version = db.prepare('SELECT value FROM archive_marks WHERE key = ?').pluck().get(ARCHIVE_VERSION) ?? null;
    if (version === job.version) result = words ? { state: bitset(db, job, words), buffer: null } : list(db, job);
    db.exec('COMMIT');
  } catch {
    result = { state: STALE, buffer: null };
  } finally {
    try { db?.close(); } catch {}
  }
  if (words) Atomics.store(words, 0, result.state);
  workerData.replies.postMessage({ id: job.id, state: result.state, buffer: result.buffer });
});
`;

let worker: Worker | null = null;
let jobs = 0;

export interface Reply {
  id: number;
  state: number;
  buffer: SharedArrayBuffer | null;
}

/** Jobs sent and not yet answered; `words` for a bitset job, whose state the reply also sets. */
const waiting = new Map<number, { words: Int32Array | null; resolve: (reply: Reply) => void }>();
/**
 * Where the worker replies. A search that never yields to the event loop (better-sqlite3 answers
 * at once, so an await is only a microtask) would not see replies as messages; it takes them from
 * this port itself (takeReplies).
 */
let replies: MessagePort | null = null;

function answer(reply: Reply): void {
  waiting.get(reply.id)?.resolve(reply);
  waiting.delete(reply.id);
}

/** Hands the replies that have arrived to their jobs now, without waiting for the event loop. */
export function takeReplies(): void {
  if (!replies) return;
  for (let m = receiveMessageOnPort(replies); m; m = receiveMessageOnPort(replies)) answer(m.message as Reply);
}

function builder(): Worker {
  if (!worker) {
    const channel = new MessageChannel();
    const w = startSqliteWorker(WORKER, { constants: { READY, NARROW, STALE, HEADER, PERSON_BITS, ARCHIVE_VERSION }, replies: channel.port2 }, [channel.port2]);
    const port = channel.port1;
    port.on('message', answer);
    port.unref();
    // Searches go on without the bitsets a failed worker did not finish; the next ones asked
    // for get a new worker.
    w.on('error', () => {
      if (worker === w) worker = null;
      if (replies === port) replies = null;
      port.close();
      for (const [id, job] of waiting) {
        if (job.words) Atomics.store(job.words, 0, STALE);
        job.resolve({ id, state: STALE, buffer: null });
      }
      waiting.clear();
    });
    w.unref(); // never keeps a process alive
    worker = w;
    replies = port;
  }
  return worker;
}

/**
 * Sends a job: a bitset job gives the buffer of `words` to fill (its first word then holds the
 * state), a list job none. `onReply` is called with the worker's reply (STALE should the worker
 * fail) as soon as it is taken, the returned promise resolved after it.
 */
export function submit(job: Record<string, unknown>, words: Int32Array | null, onReply: (reply: Reply) => void = () => {}): Promise<void> {
  const id = ++jobs;
  const reply = new Promise<void>((resolve) =>
    waiting.set(id, {
      words,
      resolve: (r) => {
        onReply(r);
        resolve();
      },
    }),
  );
  builder().postMessage({ ...job, id, buffer: words?.buffer ?? null });
  return reply;
}

/** Resolves with `done`, keeping the process alive for the worker's replies until then. */
export async function whileWorking(done: Promise<unknown>): Promise<void> {
  const w = builder();
  // Unreferenced, the worker and its reply port would not keep the process waiting for replies.
  w.ref();
  replies?.ref();
  try {
    await done;
  } finally {
    w.unref();
    replies?.unref();
  }
}
