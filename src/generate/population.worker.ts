import { type MessagePort, parentPort, workerData } from 'node:worker_threads';
import { RowQueues, type TableName } from '../db/bulk.ts';
import { generatedTables, PersonWriter } from './person-writer.ts';
import { Rng } from './prng.ts';
import type { IdCounters, References } from './references.ts';
import { type EncodedValues, transferables, ValueEncoder } from './wire.ts';

/*
 * The generating half of a run on two threads: makes the persons batch by batch, exactly as the
 * in-process run would (same writer, same seed, same order), and sends each batch's rows to the
 * writing thread, which asks for another batch when it starts writing one.
 */

/**
 * Batches made before the writing thread asks for one. With two, the worker keeps making persons
 * while a batch waits to be written, so that neither thread waits for the other when one batch
 * takes longer than usual, at a checkpoint or a collection (docs/benchmarks.md#import).
 */
const BATCHES_AHEAD = 2;

export interface WorkerInput {
  kind: 'fates-population';
  refs: References;
  ids: IdCounters;
  seed: number;
  total: number;
  staff: number;
  batchSize: number;
  now: string;
}

export type WorkerMessage =
  | { type: 'batch'; done: number; tables: [TableName, EncodedValues][] }
  | { type: 'end'; ids: IdCounters; counts: Record<string, number> }
  | { type: 'error'; message: string; stack?: string };

function run(port: MessagePort, input: WorkerInput): void {
  const queues = new RowQueues(generatedTables(input.now));
  const writer = new PersonWriter(new Rng(input.seed), input.refs, input.ids, queues, input.staff);
  const encoder = new ValueEncoder();
  let next = 0;
  let finished = false;
  const send = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);
  const step = () => {
    if (finished) return;
    try {
      if (next >= input.total) {
        finished = true;
        send({ type: 'end', ids: input.ids, counts: writer.counts });
        port.close();
        return;
      }
      const end = Math.min(input.total, next + input.batchSize);
      for (; next < end; next++) writer.person(next);
      const tables = queues.queues
        .filter((q) => q.rows > 0)
        .map((q): [TableName, EncodedValues] => [
          q.spec.table,
          q.drain((values, length) => encoder.encode(q.spec.table, q.width, values, length)),
        ]);
      send({ type: 'batch', done: next, tables }, transferables(tables.map(([, e]) => e)));
    } catch (error) {
      const e = error instanceof Error ? error : new Error(String(error));
      finished = true;
      send({ type: 'error', message: e.message, stack: e.stack });
      port.close();
    }
  };
  port.on('message', step);
  for (let i = 0; i < BATCHES_AHEAD; i++) step();
}

const input = workerData as WorkerInput | undefined;
if (parentPort && input?.kind === 'fates-population') run(parentPort, input);
