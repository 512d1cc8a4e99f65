import { type BulkWriter, openBulkWriter, readNextIds } from '../db/bulk.ts';
import type { Storage } from '../db/connection.ts';
import { canStartTsWorker, startTsWorker } from '../db/ts-worker.ts';
import { generatedTables, PersonWriter, queueBatchIndexing, staffCount } from './person-writer.ts';
import type { WorkerInput, WorkerMessage } from './population.worker.ts';
import { mix32, Rng, seedFrom } from './prng.ts';
import { type IdCounters, prepareReferences, type References } from './references.ts';
import { loadTables } from './tables.ts';
import { ValueDecoder } from './wire.ts';

/**
 * The synthetic population: `persons` realistic victims and officials with names, lives, list
 * rows and citations, written in batches through the bulk writer. The same seed and count give the
 * same rows (timestamps aside, which `now` fixes); ids continue after the rows already there.
 */

export interface GenerateOptions {
  persons: number;
  seed: number | string;
  /** Persons per transaction. */
  batchSize?: number;
  /** `created_at`/`updated_at` of every new row, `YYYY-MM-DD HH:MM:SS`; now by default. */
  now?: string;
  /**
   * Build the written tables' secondary indexes once at the end instead of row by row (SQLite).
   * By default, when the run adds at least DEFER_INDEXES_FROM persons and at least half as many
   * as there are already: below that, maintaining them is cheaper than building them again.
   * A list of index names defers those.
   */
  deferIndexes?: boolean | readonly string[];
  /**
   * Make the persons on a worker thread while this one writes them (the same rows either way).
   * By default from THREADS_FROM persons on, where it pays for starting the worker.
   */
  threads?: boolean;
  /**
   * Check foreign keys row by row (SQLite). Every row refers to rows this run read at its start
   * or wrote itself, so large runs (from THREADS_FROM persons) skip the check by default; the
   * tests verify the result with `PRAGMA foreign_key_check`.
   */
  checkForeignKeys?: boolean;
  /** Stops the run after the batch being written; the persons written so far are kept. */
  signal?: AbortSignal;
  onProgress?: (progress: GenerateProgress) => void;
}

export interface GenerateProgress {
  /** Writing persons, then (if deferred) building indexes, then done. */
  phase: 'writing' | 'indexing' | 'done';
  done: number;
  total: number;
  seconds: number;
  /** Persons per second so far. */
  rate: number;
  /** Seconds left at that rate. */
  eta: number;
}

export interface GenerateReport {
  persons: number;
  /** Ids of the first and last person written (equal to `firstId - 1` when none). */
  firstId: number;
  lastId: number;
  rows: Record<string, number>;
  /** Seconds in all, including building deferred indexes again. */
  seconds: number;
  rate: number;
  deferredIndexes: boolean | readonly string[];
  /** 2 when a worker made the persons while this thread wrote them. */
  threads: 1 | 2;
}

export const DEFER_INDEXES_FROM = 50_000;
export const THREADS_FROM = 20_000;
/**
 * Indexes whose entries a run adds all over the index rather than at its end (names in any
 * order, events of every type and date at hundreds of places): these the bulk writer builds once
 * at the end. Indexes led by the new rows' own ids grow at the end and stay cheap to maintain.
 * The participants' two are led by ids too, but one row in fourteen names an earlier person (the
 * perpetrator, a witness) or event (a shared handover), and each such row lands mid-index:
 * deferring them saves more writing than building them at the end costs.
 */
const SCATTERED_INDEXES = [
  'persons_sort',
  'persons_fate',
  'events_type_date',
  'events_place',
  'events_org',
  'citations_source',
  'event_participants_person',
  'event_participants_order',
];

/** `YYYY-MM-DD HH:MM:SS` in UTC, the format of every timestamp column. */
export function timestampNow(): string {
  return new Date().toISOString().replace('T', ' ').slice(0, 19);
}

/** The run was stopped (see GenerateOptions.signal) after `done` persons, which are kept. */
export class GenerateStoppedError extends Error {
  override name = 'GenerateStoppedError';
  constructor(readonly done: number) {
    super(`stopped after ${done.toLocaleString('en')} persons; the persons written so far are kept`);
  }
}

/**
 * Makes and writes the persons. `onBatch` is told when a batch is written; before writing another,
 * `proceed` is asked whether to go on, given the persons written so far.
 */
type Batches = (
  writer: BulkWriter,
  refs: References,
  ids: IdCounters,
  onBatch: (done: number) => void,
  proceed: (done: number) => boolean,
) => Promise<Record<string, number>>;

/** Makes and writes the persons on this thread, a batch at a time. */
function inProcess(input: { seed: number; total: number; batchSize: number }): Batches {
  return async (writer, refs, ids, onBatch, proceed) => {
    const persons = new PersonWriter(new Rng(input.seed), refs, ids, writer, staffCount(input.total));
    for (let i = 0; i < input.total && proceed(i); ) {
      const end = Math.min(input.total, i + input.batchSize);
      for (; i < end; i++) persons.person(i);
      queueBatchIndexing(writer);
      await writer.flush();
      onBatch(i);
    }
    return persons.counts;
  };
}

/**
 * Makes the persons on a worker thread while this one writes: the worker makes batches k+1 and
 * k+2 while batch k is written, and never gets further ahead than that (BATCHES_AHEAD in the
 * worker).
 */
function onWorker(input: { seed: number; total: number; batchSize: number; now: string }): Batches {
  return (writer, refs, ids, onBatch, proceed) =>
    new Promise((resolve, reject) => {
      const workerInput: WorkerInput = {
        kind: 'fates-population',
        refs,
        ids,
        seed: input.seed,
        total: input.total,
        staff: staffCount(input.total),
        batchSize: input.batchSize,
        now: input.now,
      };
      const worker = startTsWorker(new URL('./population.worker.ts', import.meta.url), workerInput);
      if (!worker) {
        reject(new Error('the generating worker cannot load TypeScript'));
        return;
      }
      let settled = false;
      let ended = false;
      let written = 0;
      let writing: Promise<void> = Promise.resolve();
      const decoder = new ValueDecoder();
      const fail = (error: unknown) => {
        if (settled) return;
        settled = true;
        void worker.terminate();
        reject(error);
      };
      worker.on('message', (message: WorkerMessage) => {
        if (message.type === 'error') {
          const error = new Error(`generating persons failed: ${message.message}`);
          if (message.stack) error.stack = message.stack;
          fail(error);
        } else if (message.type === 'batch') {
          writing = writing
            .then(async () => {
              if (settled) return;
              if (!proceed(written)) {
                settled = true;
                void worker.terminate();
                resolve({});
                return;
              }
              worker.postMessage('next');
              for (const [table, encoded] of message.tables) {
                const queue = writer.queue(table);
                queue.append(encoded.kinds.length, (buffer, start) => decoder.decodeInto(encoded, buffer, start));
              }
              queueBatchIndexing(writer);
              await writer.flush();
              written = message.done;
              onBatch(written);
            })
            .catch(fail);
        } else {
          // The worker exits right after this message; its exit is no failure any more.
          ended = true;
          writing.then(() => {
            if (settled) return;
            settled = true;
            Object.assign(ids, message.ids);
            void worker.terminate();
            resolve(message.counts);
          }, fail);
        }
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (!ended) fail(new Error(`the generating worker stopped (exit code ${code})`));
      });
    });
}

/** Generates and writes the population; see GenerateOptions. */
export async function generatePopulation(storage: Storage, options: GenerateOptions): Promise<GenerateReport> {
  const started = performance.now();
  const total = options.persons;
  const batchSize = options.batchSize ?? 5_000;
  const now = options.now ?? timestampNow();
  const seed = seedFrom(options.seed);
  const tables = loadTables();

  const start = await readNextIds(storage.db, [
    'places',
    'place_names',
    'organizations',
    'organization_names',
    'persons',
    'names',
    'events',
    'sources',
    'list_rows',
    'citations',
  ]);
  const ids: IdCounters = { ...start };
  const existing = start.persons - 1;
  const deferIndexes =
    options.deferIndexes ?? (total >= DEFER_INDEXES_FROM && total >= existing / 2 ? SCATTERED_INDEXES : false);
  const threads = (options.threads ?? total >= THREADS_FROM) && canStartTsWorker();
  const batches = threads ? onWorker({ seed, total, batchSize, now }) : inProcess({ seed, total, batchSize });
  const elapsed = () => (performance.now() - started) / 1000;

  const checkForeignKeys = options.checkForeignKeys ?? total < THREADS_FROM;
  const writer = await openBulkWriter(storage, generatedTables(now), {
    deferIndexes,
    checkForeignKeys,
    checkpointInBackground: total >= THREADS_FROM,
  });
  let counts: Record<string, number>;
  let stoppedAt: number | null = null;
  try {
    // Reference data draws from a stream of its own, so that changing it does not reshuffle persons.
    const refs = await prepareReferences(storage.db, writer, ids, tables, {
      rng: new Rng(mix32(seed ^ 0x5eed)),
      seed,
      persons: total,
    });
    const onBatch = (done: number) => {
      if (!options.onProgress || done >= total) return;
      const seconds = elapsed();
      const rate = done / Math.max(seconds, 1e-6);
      options.onProgress({ phase: 'writing', done, total, seconds, rate, eta: (total - done) / rate });
    };
    const proceed = (done: number) => {
      if (!options.signal?.aborted) return true;
      stoppedAt = done;
      return false;
    };
    counts = await batches(writer, refs, ids, onBatch, proceed);
    queueBatchIndexing(writer);
    await writer.flush();
    if (deferIndexes && options.onProgress) {
      const done = stoppedAt ?? total;
      options.onProgress({ phase: 'indexing', done, total, seconds: elapsed(), rate: done / elapsed(), eta: 0 });
    }
  } finally {
    // Builds deferred indexes again, also after a failure.
    await writer.close();
  }
  if (stoppedAt !== null) throw new GenerateStoppedError(stoppedAt);
  const seconds = elapsed();
  const rate = total / Math.max(seconds, 1e-6);
  options.onProgress?.({ phase: 'done', done: total, total, seconds, rate, eta: 0 });
  const rows: Record<string, number> = {};
  for (const key of Object.keys(start) as (keyof IdCounters)[]) rows[key] = ids[key] - start[key];
  Object.assign(rows, counts);
  return {
    persons: total,
    firstId: start.persons,
    lastId: ids.persons - 1,
    rows,
    seconds,
    rate,
    deferredIndexes: deferIndexes,
    threads: threads ? 2 : 1,
  };
}
