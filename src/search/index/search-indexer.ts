import type { Db, Storage } from '../../db/connection.ts';
import { engineOf, lockForWriting } from '../../db/engine.ts';
import { nameInput } from '../../names/name-keys.ts';
import { clearAllFacts, factsKept, writeFacts } from '../facts/fact-writer.ts';
import { TEXT_KINDS } from '../texts/text-index.ts';
import { lastTextRef } from '../texts/text-indexer.ts';
import { deleteEntriesOfKinds, insertQueueEntries } from './index-queue.repository.ts';
import { NAME_KINDS, type QueueKind } from './index-queue.ts';
import {
  clearImplications,
  finishFillingImplications,
  implicationsComplete,
  markImplicationsComplete,
  markImplicationsFilling,
} from './key-implication.repository.ts';
import { implicationsOf, mergeImplications } from './key-implications.ts';
import { DocPreparer, type PreparedDocs } from './person-docs.ts';
import { filterIndexable, listNamesInRange, maxPersonId } from './search-doc.repository.ts';
import { searchIndexFor } from './search-index-for.ts';

/** Persons read and analysed at a time. */
export const BATCH = 2_000;
/** Persons whose names one transaction of completeImplications reads: names only, so more than BATCH. */
const FILL_BATCH = 20_000;

/** Person ids from `first` to `last` in runs of `step`, as [first, last]: batches that are range scans. */
export function* idRanges(first: number, last: number, step: number): Generator<[number, number]> {
  for (let from = first; from <= last; from += step) yield [from, Math.min(last, from + step - 1)];
}

/** The ids from `first` to `last`. */
export function idsFrom(first: number, last: number): number[] {
  return Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);
}

export interface ReindexProgress {
  done: number;
  total: number;
}

export interface WriteOptions {
  /** The persons the batch was made for: those not among its indexable ones leave the index. */
  candidates: readonly number[];
  /** None of them is in the index yet (a rebuild): nothing to remove first. */
  fresh?: boolean;
  /** Implications a run has read or written, kept across its batches (see mergeImplications). */
  known?: Map<string, ReadonlySet<string>>;
  /** SQLite's raw handle of the storage the transaction runs on, for faster writes. */
  sqlite?: Storage['sqlite'];
}

/**
 * Writes a prepared batch (person-docs.ts) into the name index, in the caller's transaction under
 * the index's write lock: documents, new vocabulary, and the implications of new words.
 */
export async function writePreparedDocs(trx: Db, prepared: PreparedDocs, options: WriteOptions): Promise<void> {
  const index = searchIndexFor({ engine: engineOf(trx), db: trx, sqlite: options.sqlite });
  if (!options.fresh) {
    const keep = new Set(prepared.indexable);
    const leaving = options.candidates.filter((id) => !keep.has(id));
    if (leaving.length > 0) await index.remove(leaving);
  }
  await index.write(prepared.docs, { fresh: options.fresh });
  await index.addVocabulary(prepared.vocabulary);
  const found = new Map(prepared.implications.map(([token, implied]) => [token, new Set(implied)]));
  await mergeImplications(trx, found, options.known, options.sqlite);
  // What maps and statistics count of the same persons, kept true in the same transaction.
  if (await factsKept(trx))
    await writeFacts(trx, [...options.candidates], [...prepared.indexable], options.fresh, options.sqlite);
}

/**
 * Writes the name-index entries of these persons now, in the caller's transaction (which holds
 * the index's write lock): drafts, merged and deleted persons leave the index.
 */
export async function indexPersonsIn(trx: Db, ids: readonly number[], sqlite?: Storage['sqlite']): Promise<number> {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  if (sorted.length === 0) return 0;
  const preparer = await DocPreparer.open(trx);
  let written = 0;
  for (let i = 0; i < sorted.length; i += BATCH) {
    const candidates = sorted.slice(i, i + BATCH);
    const prepared = await preparer.prepare(trx, candidates);
    await writePreparedDocs(trx, prepared, { candidates, sqlite });
    written += prepared.docs.length;
  }
  return written;
}

/**
 * Writes the name-index entries of the given persons (or of everyone, by id range) now, in
 * batches of BATCH persons, each in its own transaction. Returns how many are indexed.
 */
export async function reindexPersons(
  storage: Storage,
  options: {
    ids?: number[];
    onProgress?: (p: ReindexProgress) => void;
    /** The index holds none of these persons: nothing to remove first. */
    fresh?: boolean;
  } = {},
): Promise<number> {
  const batches: number[][] = [];
  if (options.ids) {
    const sorted = [...new Set(options.ids)].sort((a, b) => a - b);
    for (let i = 0; i < sorted.length; i += BATCH) batches.push(sorted.slice(i, i + BATCH));
  } else {
    for (const [from, to] of idRanges(1, await maxPersonId(storage.db), BATCH)) batches.push(idsFrom(from, to));
  }
  const total = batches.reduce((n, b) => n + b.length, 0);
  const preparer = await DocPreparer.open(storage.db);
  const known = new Map<string, ReadonlySet<string>>();
  let done = 0;
  let indexed = 0;
  for (const candidates of batches) {
    indexed += await storage.db.transaction().execute(async (trx) => {
      await lockForWriting(trx, 'search-index'); // reads, then writes: other processes may index too
      const prepared = await preparer.prepare(trx, candidates);
      await writePreparedDocs(trx, prepared, { candidates, fresh: options.fresh, known, sqlite: storage.sqlite });
      return prepared.docs.length;
    });
    done += candidates.length;
    options.onProgress?.({ done, total });
  }
  return indexed;
}

/** What startRebuild rebuilds. */
export interface RebuildParts {
  names?: boolean;
  texts?: boolean;
}

/**
 * Starts a rebuild, in the caller's transaction (which holds the index's write lock): empties the
 * name index and queues every person for it (a `rebuild` entry, whose end finishes the index, see
 * finishRebuild), and queues every text for the full-text index, which is replaced record by
 * record as the queue drains. Queued work of the same parts is dropped, as the rebuild covers it.
 * The queue is drained by drainIndexQueue, after the commit or after a crash.
 */
export async function queueRebuild(trx: Db, parts: RebuildParts = { names: true, texts: true }): Promise<void> {
  const dropped: QueueKind[] = [];
  if (parts.names) {
    const index = searchIndexFor({ engine: engineOf(trx), db: trx });
    await index.clear();
    await clearImplications(trx);
    if (await factsKept(trx)) await clearAllFacts(trx);
    await index.beginRebuild();
    dropped.push(...NAME_KINDS);
  }
  if (parts.texts) dropped.push(...TEXT_KINDS);
  await deleteEntriesOfKinds(trx, dropped);
  const entries: { kind: QueueKind; ref: null; first: number; last: number }[] = [];
  // Queued even for an empty archive: its end finishes the (empty) index.
  if (parts.names) entries.push({ kind: 'rebuild', ref: null, first: 1, last: await maxPersonId(trx) });
  if (parts.texts) {
    for (const kind of TEXT_KINDS) {
      const last = await lastTextRef(trx, kind);
      if (last > 0) entries.push({ kind, ref: null, first: 1, last });
    }
  }
  await insertQueueEntries(trx, entries);
}

/** queueRebuild in a transaction of its own. */
export async function startRebuild(
  storage: Storage,
  parts: RebuildParts = { names: true, texts: true },
): Promise<void> {
  await storage.db.transaction().execute(async (trx) => {
    await lockForWriting(trx, 'search-index');
    await queueRebuild(trx, parts);
  });
}

/**
 * Finishes a rebuilt name index once every person is in it: builds what the engine builds best
 * at the end, stores the filters' bitsets and marks the key implications complete. Each step may
 * run again after a crash.
 */
export async function finishRebuild(storage: Storage, onStoring?: (p: ReindexProgress) => void): Promise<void> {
  const index = searchIndexFor(storage);
  await index.endRebuild();
  await index.storeFilters(onStoring);
  // Every indexed word went through mergeImplications, so queries may now rely on the table.
  await markImplicationsComplete(storage.db);
}

/**
 * Writes the facts of every person (src/search/facts) without rebuilding the index: for an index
 * built before the facts were kept. Each batch of person ids in a transaction of its own under the
 * index's write lock, so edits may go on meanwhile.
 */
export async function completeFacts(storage: Storage, onProgress?: (p: ReindexProgress) => void): Promise<void> {
  const max = await maxPersonId(storage.db);
  for (const [from, to] of idRanges(1, max, BATCH)) {
    await storage.db.transaction().execute(async (trx) => {
      await lockForWriting(trx, 'search-index');
      const candidates = idsFrom(from, to);
      await writeFacts(trx, candidates, await filterIndexable(trx, candidates));
    });
    onProgress?.({ done: to, total: max });
  }
}

export type ImplicationsOutcome = 'completed' | 'already complete' | 'interrupted';

/**
 * Fills in the key implications of an index built before they were recorded, without rebuilding
 * it: from every stored name, in batches of persons, each under the index's write lock. Drafts'
 * and merged persons' names are read too; they are not indexed, but narrowing over more words
 * only leaves out fewer tokens, so what is filled in is true of the indexed ones.
 *
 * A rebuild that starts meanwhile empties the table, and with it the row that says filling is
 * under way: the table is then not marked complete (the rebuild marks it when it is done).
 */
export async function completeImplications(
  storage: Storage,
  options: { onProgress?: (p: ReindexProgress) => void | Promise<void>; batchSize?: number } = {},
): Promise<ImplicationsOutcome> {
  if (await implicationsComplete(storage.db)) return 'already complete';
  await markImplicationsFilling(storage.db);
  const max = await maxPersonId(storage.db);
  const known = new Map<string, ReadonlySet<string>>();
  for (const [from, to] of idRanges(1, max, options.batchSize ?? FILL_BATCH)) {
    await storage.db.transaction().execute(async (trx) => {
      await lockForWriting(trx, 'search-index');
      await mergeImplications(trx, implicationsOf((await listNamesInRange(trx, from, to)).map(nameInput)), known);
    });
    await options.onProgress?.({ done: to, total: max });
  }
  const finished = await storage.db.transaction().execute(async (trx) => {
    await lockForWriting(trx, 'search-index');
    return finishFillingImplications(trx);
  });
  return finished ? 'completed' : 'interrupted';
}
