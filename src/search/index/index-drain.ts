import type { Db, Storage } from '../../db/connection.ts';
import { lockForWriting } from '../../db/engine.ts';
import { withBackgroundCheckpoints } from '../../db/wal-checkpointer.ts';
import { TEXT_KINDS, type TextKind } from '../texts/text-index.ts';
import { reindexTexts } from '../texts/text-indexer.ts';
import { listPersonsOfEventsIn, listPersonsOfSourceIn, listPlacesWithin } from './affected.repository.ts';
import { DrainThread } from './drain-thread.ts';
import {
  countPending,
  deleteEntries,
  findEntry,
  findOldestEntry,
  lastEntryId,
  listEntriesStartingIn,
  setEntryFirst,
} from './index-queue.repository.ts';
import { type DrainReport, NAME_KINDS, type QueueEntry, type QueueKind, runsOf } from './index-queue.ts';
import { DocPreparer, type PreparedDocs } from './person-docs.ts';
import { PreparingThread } from './person-docs-thread.ts';
import { lastIndexedPerson } from './search-doc.repository.ts';
import { searchIndexFor } from './search-index-for.ts';
import {
  BATCH,
  finishRebuild,
  idsFrom,
  type ReindexProgress,
  startRebuild,
  writePreparedDocs,
} from './search-indexer.ts';

/*
 * Draining the index queue (index-queue.ts): the oldest entry first, a batch at a time, each
 * batch in a transaction under the index's write lock that also moves its entries on, so that a
 * crash loses nothing and repeats at most one batch. Several processes may drain at once; each
 * batch reads the queue again under the lock.
 */

/** Above any record id (ids are 32-bit integers on PostgreSQL). */
const MAX_ID = 2_147_483_647;
/** Pending persons from which a name-index drain reads on a second thread (see person-docs-thread.ts). */
const THREADS_FROM = 20_000;
/** Batches written in one transaction by a threaded drain: fewer, larger FTS5 segments and commits. */
const GROUP = 5;
/** Persons a queued place, source or organization is looked for among at a time. */
const FAN_OUT_WINDOW = 20_000;
/**
 * Persons from which a drain finishes the index as a rebuild does (merged segments, stored
 * bitsets), as it does when it doubled the index.
 */
const FINISH_FROM = 100_000;
/** Records whose texts one transaction writes again. */
const TEXT_WINDOW = 10_000;

export interface DrainProgress {
  /** The name index, the full-text index, or the filters stored at the end of a rebuild. */
  stage: 'names' | 'texts' | 'filters';
  done: number;
  total: number;
}

export interface DrainOptions {
  onProgress?: (p: DrainProgress) => void;
  /** Read and analyse on a second thread where much is pending (default: yes). */
  threads?: boolean;
  /** Pending persons from which a second thread reads (default THREADS_FROM): lower in tests. */
  threadsFrom?: number;
  /**
   * Asked between transactions with what the drain has written so far: true stops it there, with
   * the rest left in the queue (a write's own drain that has done its share, a closing storage).
   */
  stop?: (report: DrainReport) => boolean;
  /** Lets the event loop run between transactions (a drain in the background of a server). */
  pause?: boolean;
}

export type { DrainReport };

interface Drain {
  storage: Storage;
  options: DrainOptions;
  report: DrainReport;
  /** Implications read or written in this drain (mergeImplications). */
  known: Map<string, ReadonlySet<string>>;
  totals: Record<'names' | 'texts', number>;
  /** A rebuild was drained: its end finishes the index itself. */
  rebuilt: boolean;
  begun: Set<'names' | 'texts'>;
  done: Record<'names' | 'texts', number>;
}

/** Says a stage has begun (done 0), once, before its first batch: a rate is then timed from there. */
function begin(d: Drain, stage: 'names' | 'texts'): void {
  if (d.begun.has(stage)) return;
  d.begun.add(stage);
  d.options.onProgress?.({ stage, done: d.done[stage], total: d.totals[stage] });
}

function progress(d: Drain, stage: 'names' | 'texts', records: number): void {
  d.done[stage] += records;
  d.totals[stage] = Math.max(d.totals[stage], d.done[stage]);
  d.options.onProgress?.({ stage, done: d.done[stage], total: d.totals[stage] });
}

/**
 * Writes everything the queue holds, until it is empty; returns what it wrote. `fates start`,
 * `serve` and every bulk write call it; a write that queued its changes (reindexAffected) is
 * searchable once it returns.
 */
export async function drainIndexQueue(storage: Storage, options: DrainOptions = {}): Promise<DrainReport> {
  const pending = await countPending(storage.db);
  const sum = (kinds: readonly QueueKind[]) => kinds.reduce((n, k) => n + (pending.get(k) ?? 0), 0);
  const d: Drain = {
    storage,
    options,
    report: { persons: 0, texts: 0, stopped: false },
    known: new Map(),
    totals: { names: sum(NAME_KINDS), texts: sum(TEXT_KINDS) },
    done: { names: 0, texts: 0 },
    rebuilt: false,
    begun: new Set(),
  };
  // An upper bound of the persons indexed before: counting them read every row of the index.
  const indexedBefore = await lastIndexedPerson(storage.db);
  for (let entry = await findOldestEntry(storage.db); entry; entry = await findOldestEntry(storage.db)) {
    if (await between(d)) return d.report;
    begin(d, (NAME_KINDS as readonly string[]).includes(entry.kind) ? 'names' : 'texts');
    switch (entry.kind) {
      case 'rebuild':
        await drainRebuild(d, entry);
        break;
      case 'persons':
        await drainPersons(d, entry);
        break;
      case 'place':
      case 'source':
      case 'organization':
        await drainFanOut(d, entry);
        break;
      default:
        await drainTexts(d, entry);
    }
  }
  // A bulk write's persons were added as the index's own writes add them; once they are many,
  // the index is finished as after a rebuild (a rebuild's own end does so itself).
  const bulk = d.report.persons >= FINISH_FROM || d.report.persons > indexedBefore;
  if (bulk && !d.rebuilt) {
    const index = searchIndexFor(storage);
    await index.endRebuild();
    await index.storeFilters((p) => options.onProgress?.({ stage: 'filters', ...p }));
  }
  return d.report;
}

/**
 * Between two transactions: lets the event loop serve what waits (when asked to) and says whether
 * the caller asks the drain to stop, marking it as stopped with work left. Without the pause a
 * drain on the thread serving requests answered none until it ended: each step resolves at once,
 * so timers and sockets never had their turn.
 */
async function between(d: Drain): Promise<boolean> {
  if (d.options.pause) await new Promise<void>((resolve) => setImmediate(resolve));
  if (!d.options.stop?.(d.report)) return false;
  d.report.stopped = true;
  return true;
}

/** Runs `write` in a transaction under the index's write lock. */
function locked<T>(storage: Storage, write: (trx: Db) => Promise<T>): Promise<T> {
  return storage.db.transaction().execute(async (trx) => {
    await lockForWriting(trx, 'search-index');
    return write(trx);
  });
}

/**
 * A rebuild's persons, into an index that holds none of them yet. Batches are read ahead on a
 * second thread where many are left; each transaction first checks that the entry still starts
 * where the batch does (another process may be draining it too).
 */
async function drainRebuild(d: Drain, entry: QueueEntry): Promise<void> {
  const { storage } = d;
  d.rebuilt = true;
  if (entry.first > entry.last) {
    await finishRebuild(storage, (p: ReindexProgress) => d.options.onProgress?.({ stage: 'filters', ...p }));
    await locked(storage, (trx) => deleteEntries(trx, [entry.id]));
    return;
  }
  function* ranges() {
    for (let from = entry.first; from <= entry.last; from += BATCH)
      yield idsFrom(from, Math.min(entry.last, from + BATCH - 1));
  }
  await writeBatches(d, { count: entry.last - entry.first + 1, batches: ranges() }, true, async (trx, batch) => {
    const now = await findEntry(trx, entry.id);
    if (!now || now.first !== batch[0]) return false;
    await setEntryFirst(trx, entry.id, (batch.at(-1) as number) + 1);
    return true;
  });
}

/**
 * Queued persons: the oldest entry's persons and those of every entry starting among them, a
 * batch at a time. Only entries written before the batch was read are taken as done.
 */
async function drainPersons(d: Drain, entry: QueueEntry): Promise<void> {
  const upTo = await lastEntryId(d.storage.db);
  // Windows planned from the entries as they are now: each holds the pending ids of up to BATCH persons.
  const runs: [number, number][] = [];
  for (const e of await listEntriesStartingIn(d.storage.db, 'persons', entry.first, MAX_ID, upTo))
    runs.push([e.first, e.last]);
  const windows: number[][] = [];
  let window: number[] = [];
  for (const [first, last] of mergeRuns(runs)) {
    for (let id = first; id <= last; id++) {
      window.push(id);
      if (window.length === BATCH) {
        windows.push(window);
        window = [];
      }
    }
    if (windows.length * BATCH >= 50 * BATCH) break; // plan a bounded stretch; the loop comes back
  }
  if (window.length > 0) windows.push(window);
  const count = windows.reduce((n, w) => n + w.length, 0);
  await writeBatches(d, { count, batches: windows.values() }, false, async (trx, batch) => {
    const from = batch[0] as number;
    const to = batch.at(-1) as number;
    const done: number[] = [];
    for (const e of await listEntriesStartingIn(trx, 'persons', from, to, upTo)) {
      if (e.last <= to) done.push(e.id);
      else await setEntryFirst(trx, e.id, to + 1);
    }
    await deleteEntries(trx, done);
    return true;
  });
}

/** Overlapping or adjacent runs joined, in order. */
function mergeRuns(runs: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  for (const [a, b] of [...runs].sort((x, y) => x[0] - y[0])) {
    const last = out.at(-1);
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/**
 * Writes the documents of these batches of persons, in order, `GROUP` batches to a transaction
 * when read on a second thread, one otherwise (read in the transaction itself). `settle` moves the
 * queue on in the same transaction, or answers false when the queue moved meanwhile: then the
 * batches are dropped and the caller's loop reads the queue again.
 */
async function writeBatches(
  d: Drain,
  work: { count: number; batches: Iterator<number[]> },
  fresh: boolean,
  settle: (trx: Db, batch: number[]) => Promise<boolean>,
): Promise<void> {
  const { storage } = d;
  const batches = { [Symbol.iterator]: () => work.batches };
  const threaded = d.options.threads !== false && work.count >= (d.options.threadsFrom ?? THREADS_FROM);
  const thread = threaded ? PreparingThread.start(storage) : null;
  if (!thread) {
    const preparer = await DocPreparer.open(storage.db);
    for (const candidates of batches) {
      if (await between(d)) return;
      const written = await locked(storage, async (trx) => {
        if (!(await settle(trx, candidates))) return false;
        const prepared = await preparer.prepare(trx, candidates);
        await writePreparedDocs(trx, prepared, { candidates, fresh, known: d.known, sqlite: storage.sqlite });
        d.report.persons += prepared.docs.length;
        return true;
      });
      if (!written) return;
      progress(d, 'names', candidates.length);
    }
    return;
  }
  try {
    // Checkpoints on a thread of their own: at every commit they took the writing thread a
    // large share of its time (as in bulk.ts).
    await withBackgroundCheckpoints(storage.sqlite, (committed) =>
      writeAhead(d, work.batches, thread, settle, fresh, committed),
    );
  } finally {
    await thread.close();
  }
}

/** writeBatches with the documents read on `thread`, `GROUP` batches a transaction. */
async function writeAhead(
  d: Drain,
  batches: Iterator<number[]>,
  thread: PreparingThread,
  settle: (trx: Db, batch: number[]) => Promise<boolean>,
  fresh: boolean,
  committed: () => void,
): Promise<void> {
  const { storage } = d;
  // Batches asked for ahead, each with its documents to come.
  const ahead: [number[], Promise<PreparedDocs>][] = [];
  let exhausted = false;
  const ask = () => {
    while (!exhausted && ahead.length < GROUP + 2) {
      const next = batches.next();
      if (next.done) exhausted = true;
      else ahead.push([next.value, thread.prepare(next.value)]);
    }
  };
  ask();
  while (ahead.length > 0) {
    // Documents read ahead and not written are read again by whoever drains next.
    if (await between(d)) {
      await Promise.allSettled(ahead.map(([, prepared]) => prepared));
      return;
    }
    const group: [number[], PreparedDocs][] = [];
    while (group.length < GROUP && ahead.length > 0) {
      const [candidates, prepared] = ahead.shift() as [number[], Promise<PreparedDocs>];
      group.push([candidates, await prepared]);
      ask();
    }
    const written = await locked(storage, async (trx) => {
      for (const [candidates] of group) if (!(await settle(trx, candidates))) return false;
      // The group written as one batch: FTS5 then keeps all its documents in memory and writes
      // them as one segment, where a statement between batches made it write one per batch.
      const { candidates, prepared } = joinBatches(group);
      await writePreparedDocs(trx, prepared, { candidates, fresh, known: d.known, sqlite: storage.sqlite });
      d.report.persons += prepared.docs.length;
      return true;
    });
    if (!written) return;
    committed();
    progress(
      d,
      'names',
      group.reduce((n, [c]) => n + c.length, 0),
    );
  }
}

/** Consecutive batches (ascending person ids) as one. */
function joinBatches(group: readonly [number[], PreparedDocs][]): { candidates: number[]; prepared: PreparedDocs } {
  if (group.length === 1) {
    const [candidates, prepared] = group[0] as [number[], PreparedDocs];
    return { candidates, prepared };
  }
  const implications = new Map<string, Set<string>>();
  for (const [, p] of group) {
    for (const [token, implied] of p.implications) {
      const known = implications.get(token);
      // What every word with the token has, over both batches' words: the intersection.
      if (!known) implications.set(token, new Set(implied));
      else for (const u of known) if (!implied.includes(u)) known.delete(u);
    }
  }
  return {
    candidates: group.flatMap(([c]) => c),
    prepared: {
      indexable: group.flatMap(([, p]) => p.indexable),
      docs: group.flatMap(([, p]) => p.docs).sort((a, b) => a.docId - b.docId),
      vocabulary: group.flatMap(([, p]) => p.vocabulary),
      implications: [...implications].map(([token, set]) => [token, [...set]]),
    },
  };
}

/**
 * A queued place, source or organization: its persons among the next FAN_OUT_WINDOW person ids,
 * BATCH of them at most in one transaction (Moscow's persons are half of some windows, and the
 * writers' lock is held while they are written).
 */
async function drainFanOut(d: Drain, entry: QueueEntry): Promise<void> {
  const { storage } = d;
  const preparer = await DocPreparer.open(storage.db);
  await locked(storage, async (trx) => {
    const now = await findEntry(trx, entry.id);
    if (!now || now.ref === null) return;
    let to = Math.min(now.last, now.first + FAN_OUT_WINDOW - 1);
    const ref = now.ref;
    const persons =
      now.kind === 'place'
        ? await listPersonsOfEventsIn(trx, 'place_id', await listPlacesWithin(trx, [ref]), now.first, to)
        : now.kind === 'source'
          ? await listPersonsOfSourceIn(trx, ref, now.first, to)
          : await listPersonsOfEventsIn(trx, 'organization_id', [ref], now.first, to);
    const sorted = [...new Set(persons)].sort((a, b) => a - b);
    // The window ends with the last person written when it holds more than a batch.
    if (sorted.length > BATCH) to = sorted[BATCH - 1] as number;
    const batch = sorted.slice(0, BATCH);
    const prepared = await preparer.prepare(trx, batch);
    await writePreparedDocs(trx, prepared, { candidates: batch, known: d.known, sqlite: storage.sqlite });
    d.report.persons += prepared.docs.length;
    if (to >= now.last) await deleteEntries(trx, [now.id]);
    else await setEntryFirst(trx, now.id, to + 1);
    progress(d, 'names', to - now.first + 1);
  });
}

/**
 * Queued texts of one kind: the oldest entry's records and those of every entry of the kind
 * starting among the next TEXT_WINDOW, written again by SQL in the transaction.
 */
async function drainTexts(d: Drain, entry: QueueEntry): Promise<void> {
  const kind = entry.kind as TextKind;
  await locked(d.storage, async (trx) => {
    const to = entry.first + TEXT_WINDOW - 1;
    const entries = await listEntriesStartingIn(trx, kind, entry.first, to, MAX_ID);
    const runs = mergeRuns(entries.map((e) => [e.first, Math.min(e.last, to)]));
    for (const [first, last] of runs) d.report.texts += await reindexTexts(trx, kind, first, last);
    const done: number[] = [];
    for (const e of entries) {
      if (e.last <= to) done.push(e.id);
      else await setEntryFirst(trx, e.id, to + 1);
    }
    await deleteEntries(trx, done);
    progress(
      d,
      'texts',
      runs.reduce((n, [a, b]) => n + b - a + 1, 0),
    );
  });
}

/**
 * Records a write's own drain writes (drainAfterWrite) before it leaves the rest to the
 * background, and how long it goes on (both checked between transactions, so a write drains one
 * transaction at least: about a second for 2,000 of Moscow's persons at a million). Lowered in tests.
 */
export const WRITE_DRAIN = { records: 2_000, ms: 1_000 };

/**
 * What a write that queued index entries (reindexAffected's `queued`) calls after committing:
 * drains the queue up to WRITE_DRAIN's records or milliseconds, and leaves the rest to a
 * drain in the background of this process (drainInBackground), so that the editor's request
 * returns. Changing Moscow's parent at a million persons reindexes 457,000 of them, 139 s that
 * the request used to wait for.
 */
export async function drainAfterWrite(storage: Storage): Promise<DrainReport> {
  const until = performance.now() + WRITE_DRAIN.ms;
  const report = await drainIndexQueue(storage, {
    stop: (r) =>
      storage.background.stopped ||
      (r.persons + r.texts > 0 && (r.persons + r.texts >= WRITE_DRAIN.records || performance.now() > until)),
  });
  if (report.stopped) drainInBackground(storage);
  return report;
}

/** Storages draining in the background, each with whether it was asked to again meanwhile. */
const draining = new WeakMap<Storage, { again: boolean }>();

/**
 * Drains the index queue in the background of this process until it is empty, one drain per
 * storage: asked again while one runs, it goes on once more when done. It drains on a thread of
 * its own where it can (drain-thread.ts), so that its transactions do not hold the thread serving
 * requests, else on this one between requests. Closing the storage stops it between two
 * transactions; what is left stays queued for the next write or start.
 */
export function drainInBackground(storage: Storage): void {
  const running = draining.get(storage);
  if (running) {
    running.again = true;
    return;
  }
  const state = { again: true };
  draining.set(storage, state);
  storage.background.start(
    async (closing) => {
      const thread = DrainThread.start(storage);
      const stop = () => thread?.stop();
      closing.addEventListener('abort', stop, { once: true });
      try {
        while (state.again && !closing.aborted) {
          state.again = false;
          if (thread) await thread.drain();
          else await drainIndexQueue(storage, { stop: () => closing.aborted, pause: true });
        }
      } finally {
        closing.removeEventListener('abort', stop);
        draining.delete(storage);
        await thread?.close();
      }
    },
    (error) =>
      console.error(
        `Indexing in the background stopped: ${error instanceof Error ? error.message : String(error)}. What is left stays queued for the next write or start.`,
      ),
  );
}

/** Empties the name index and indexes every person again (see startRebuild), with what else is queued. */
export async function rebuildSearchIndex(
  storage: Storage,
  onProgress?: (p: ReindexProgress) => void,
  onStoring?: (p: ReindexProgress) => void,
): Promise<number> {
  await startRebuild(storage, { names: true });
  const report = await drainIndexQueue(storage, {
    onProgress: (p) => {
      if (p.stage === 'names') onProgress?.(p);
      if (p.stage === 'filters') onStoring?.(p);
    },
  });
  return report.persons;
}

/** Builds both indexes again from the archive (startRebuild), now. */
export async function rebuildIndexes(storage: Storage, options: DrainOptions = {}): Promise<DrainReport> {
  await startRebuild(storage, { names: true, texts: true });
  return drainIndexQueue(storage, options);
}

export { runsOf };
