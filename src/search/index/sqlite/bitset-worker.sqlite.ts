import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import { ARCHIVE_VERSION } from '../../../db/engine.ts';
import { startSqliteWorker } from '../../../db/sqlite-worker.ts';
import { PERSON_BITS } from '../search-doc.ts';

/*
 * The thread that builds the bitsets of filter-bitsets.sqlite.ts, each job in a read transaction
 * of its own connection that first checks the archive version the job is for.
 */

/** States of a job: a bitset's first word holds it, a reply carries it. */
export const BUILDING = 0;
export const READY = 1;
/** Too few documents have the token: FTS5 does better. */
export const NARROW = 2;
/** The archive changed while it was built, or building failed: not asked for again in this version. */
export const STALE = 3;
/** Words before the bits: the state. */
export const HEADER = 1;

/**
 * Runs in the worker (see sqlite-worker.ts). A job's query is the token, quoted for FTS5, and it
 * fills the buffer it was given.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const { READY, NARROW, STALE, HEADER, PERSON_BITS, ARCHIVE_VERSION } = workerData.constants;
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
  const words = new Int32Array(job.buffer);
  let state = STALE;
  let db;
  try {
    db = new Database(job.file, { readonly: true, fileMustExist: true });
    db.pragma('busy_timeout = 5000');
    // One read transaction: the version and the rows are of the same moment.
    db.exec('BEGIN');
    const version = db.prepare('SELECT value FROM archive_marks WHERE key = ?').pluck().get(ARCHIVE_VERSION) ?? null;
    if (version === job.version) state = bitset(db, job, words);
    db.exec('COMMIT');
  } catch {
    state = STALE;
  } finally {
    try { db?.close(); } catch {}
  }
  Atomics.store(words, 0, state);
  workerData.replies.postMessage({ id: job.id });
});
`;

let worker: Worker | null = null;
/** Where the worker replies (transferred to it at start). */
let replies: MessagePort | null = null;
let jobs = 0;

/** Jobs sent and not yet answered, with the bitset each fills (whose first word the reply also sets). */
const waiting = new Map<number, { words: Int32Array; resolve: () => void; done: Promise<void> }>();

function builder(): Worker {
  if (!worker) {
    const channel = new MessageChannel();
    const w = startSqliteWorker(
      WORKER,
      { constants: { READY, NARROW, STALE, HEADER, PERSON_BITS, ARCHIVE_VERSION }, replies: channel.port2 },
      [channel.port2],
    );
    const port = channel.port1;
    port.on('message', (reply: { id: number }) => {
      waiting.get(reply.id)?.resolve();
      waiting.delete(reply.id);
    });
    port.unref();
    // Searches go on without the bitsets a failed worker did not finish; the next ones asked
    // for get a new worker.
    w.on('error', () => {
      if (worker === w) worker = null;
      if (replies === port) replies = null;
      port.close();
      for (const job of waiting.values()) {
        Atomics.store(job.words, 0, STALE);
        job.resolve();
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
 * Sends a job that fills the bitset `words` (its first word then holds the state: searches read
 * it there, at once). The returned promise resolves when the worker has answered.
 */
export function submit(job: Record<string, unknown>, words: Int32Array): Promise<void> {
  const id = ++jobs;
  let resolve = () => {};
  const reply = new Promise<void>((r) => {
    resolve = r;
  });
  waiting.set(id, { words, resolve, done: reply });
  builder().postMessage({ ...job, id, buffer: words.buffer });
  return reply;
}

/**
 * Resolves when every job sent so far has been answered: after it, the worker holds no archive
 * file open (tests wait for it before removing an archive's folder).
 */
export async function bitsetJobsAnswered(): Promise<void> {
  while (waiting.size > 0) await Promise.all([...waiting.values()].map((job) => job.done));
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
