import type { Storage } from '../../db/connection.ts';
import { lockForWriting } from '../../db/engine.ts';
import { nameInput } from '../../names/name-keys.ts';
import { words } from '../../names/spelling/normalize.ts';
import { clearAllFacts, factsKept, writeFacts } from '../facts/fact-writer.ts';
import {
  clearImplications,
  finishFillingImplications,
  implicationsComplete,
  markImplicationsComplete,
  markImplicationsFilling,
} from './key-implication.repository.ts';
import { implicationsOf, mergeImplications } from './key-implications.ts';
import {
  filterIndexable,
  listNamesInRange,
  listPlaceParents,
  loadSearchDocInputs,
  maxPersonId,
} from './search-doc.repository.ts';
import { docId, type SearchDocInput, searchPrior, searchTokens } from './search-doc.ts';
import type { SearchDocument } from './search-index.ts';
import { searchIndexFor } from './search-index-for.ts';
import { packStoredDoc } from './stored-doc.ts';

const BATCH = 2_000;
/** Persons whose names one transaction of completeImplications reads: names only, so more than BATCH. */
const FILL_BATCH = 20_000;

function ancestorsOf(parents: Map<number, number | null>) {
  const cache = new Map<number, number[]>();
  return (id: number): number[] => {
    const hit = cache.get(id);
    if (hit) return hit;
    const chain: number[] = [];
    for (
      let p: number | null | undefined = id;
      p !== null && p !== undefined && chain.length < 20;
      p = parents.get(p)
    ) {
      chain.push(p);
    }
    cache.set(id, chain);
    return chain;
  };
}

function vocabulary(docs: SearchDocInput[]): string[] {
  const out = new Set<string>();
  for (const d of docs) {
    for (const n of d.names) {
      for (const part of [n.given, n.surname, n.given || n.surname ? null : n.full_name]) {
        if (part) for (const w of words(part)) for (const t of w) out.add(t.folded);
      }
    }
  }
  return [...out];
}

/** Person ids from 1 to `max` in runs of `step`, as [first, last]: batches that are range scans. */
function* idRanges(max: number, step: number): Generator<[number, number]> {
  for (let from = 1; from <= max; from += step) yield [from, Math.min(max, from + step - 1)];
}

export interface ReindexProgress {
  done: number;
  total: number;
}

/** Writes the index entries of one batch of persons; drafts, merged and deleted persons leave it. */
async function indexBatch(
  storage: Storage,
  candidates: number[],
  ancestors: (id: number) => number[],
  fresh: boolean,
  implied: Map<string, ReadonlySet<string>>,
  facts: boolean,
): Promise<number> {
  return storage.db.transaction().execute(async (trx) => {
    await lockForWriting(trx, 'search-index'); // reads, then writes: other processes may index too
    const index = searchIndexFor({ ...storage, db: trx });
    const ids = await filterIndexable(trx, candidates);
    const keep = new Set(ids);
    if (!fresh) await index.remove(candidates.filter((id) => !keep.has(id)));
    const inputs = await loadSearchDocInputs(trx, ids);
    const docs: SearchDocument[] = inputs.map((d) => ({
      personId: d.id,
      docId: docId(d.id, searchPrior(d)),
      tokens: searchTokens(d, ancestors),
      stored: packStoredDoc({
        names: d.names,
        fate: d.fate,
        sex: d.sex,
        roles: d.roles,
        eventTypes: d.events.map((e) => e.type),
      }),
    }));
    await index.write(docs, { fresh });
    await index.addVocabulary(vocabulary(inputs));
    await mergeImplications(trx, implicationsOf(inputs.flatMap((d) => d.names.map(nameInput))), implied);
    // What maps and statistics count of the same persons, kept true in the same transaction.
    if (facts) await writeFacts(trx, candidates, ids, fresh);
    return docs.length;
  });
}

/**
 * Rebuilds the index entries of the given persons (or of everyone, by id range), in batches of
 * 2,000, each in its own transaction.
 */
export async function reindexPersons(
  storage: Storage,
  options: {
    ids?: number[];
    onProgress?: (p: ReindexProgress) => void /** The index is empty: nothing to remove first. */;
    fresh?: boolean;
  } = {},
): Promise<number> {
  const ancestors = ancestorsOf(await listPlaceParents(storage.db));
  const batches: number[][] = [];
  if (options.ids) {
    const sorted = [...new Set(options.ids)].sort((a, b) => a - b);
    for (let i = 0; i < sorted.length; i += BATCH) batches.push(sorted.slice(i, i + BATCH));
  } else {
    const max = await maxPersonId(storage.db);
    for (const [from, to] of idRanges(max, BATCH))
      batches.push(Array.from({ length: to - from + 1 }, (_, i) => from + i));
  }
  const total = batches.reduce((n, b) => n + b.length, 0);
  let done = 0;
  let indexed = 0;
  // Implications this run has read or written: most batches then read none (see mergeImplications).
  const implied = new Map<string, ReadonlySet<string>>();
  const facts = await factsKept(storage.db);
  for (const batch of batches) {
    indexed += await indexBatch(storage, batch, ancestors, options.fresh ?? false, implied, facts);
    done += batch.length;
    options.onProgress?.({ done, total });
  }
  return indexed;
}

/** Empties the index and indexes every person again; `onStoring` follows what is stored at the end. */
export async function rebuildSearchIndex(
  storage: Storage,
  onProgress?: (p: ReindexProgress) => void,
  onStoring?: (p: ReindexProgress) => void,
): Promise<number> {
  const index = searchIndexFor(storage);
  await index.clear();
  await clearImplications(storage.db);
  if (await factsKept(storage.db)) await clearAllFacts(storage.db);
  await index.beginRebuild();
  let indexed: number;
  try {
    indexed = await reindexPersons(storage, { onProgress, fresh: true });
  } finally {
    await index.endRebuild();
  }
  await index.storeFilters(onStoring);
  // Every indexed word went through mergeImplications, so queries may now rely on the table.
  await markImplicationsComplete(storage.db);
  return indexed;
}

/**
 * Writes the facts of every person (src/search/facts) without rebuilding the index: for an index
 * built before the facts were kept. Each batch of person ids in a transaction of its own under the
 * index's write lock, so edits may go on meanwhile.
 */
export async function completeFacts(storage: Storage, onProgress?: (p: ReindexProgress) => void): Promise<void> {
  const max = await maxPersonId(storage.db);
  for (const [from, to] of idRanges(max, BATCH)) {
    await storage.db.transaction().execute(async (trx) => {
      await lockForWriting(trx, 'search-index');
      const candidates = Array.from({ length: to - from + 1 }, (_, i) => from + i);
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
  for (const [from, to] of idRanges(max, options.batchSize ?? FILL_BATCH)) {
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
