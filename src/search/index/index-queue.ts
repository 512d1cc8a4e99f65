import type { BulkTable, RowQueue, TableName } from '../../db/bulk.ts';
import type { TextKind } from '../texts/text-index.ts';

/**
 * What a queue entry asks for, each over a range of ids from `first` to `last`:
 * - `rebuild`: index these persons into a name index emptied when the entry was made (nothing
 *   of theirs is there yet); when the range is done, finish the index (rebuild-finish.ts);
 * - `persons`: write these persons' name-index entries again;
 * - `place`, `source`, `organization`: write again the entries of those of these persons whose
 *   events are at the place `ref` or within it, who cite the source `ref` or are listed on it, or
 *   whose events name the organization `ref` (what a change to one of them touches, when that is
 *   too many persons for the writer's transaction);
 * - a text kind: write again the full-text entries of these records (persons' biographies, main
 *   events, sources' documents, list rows).
 */
export type QueueKind = 'rebuild' | 'persons' | 'place' | 'source' | 'organization' | TextKind;

/** The kinds that write the name index. */
export const NAME_KINDS: readonly QueueKind[] = ['rebuild', 'persons', 'place', 'source', 'organization'];

/** What a drain of the queue wrote (index-drain.ts). */
export interface DrainReport {
  /** Persons and text records whose entries were written. */
  persons: number;
  texts: number;
  /** Whether the drain was asked to stop with entries left in the queue. */
  stopped: boolean;
}

export interface QueueEntry {
  id: number;
  kind: QueueKind;
  ref: number | null;
  first: number;
  last: number;
}

/** Ascending ids as runs of consecutive ids, [first, last]: a bulk write's ids come as a few long runs. */
export function runsOf(ids: Iterable<number>): [number, number][] {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const id of sorted) {
    const last = runs.at(-1);
    if (last && id === last[1] + 1) last[1] = id;
    else runs.push([id, id]);
  }
  return runs;
}

/** The queue as a table of a bulk writer (src/db/bulk.ts), whose batches queue what they add. */
export const INDEX_QUEUE_TABLE: BulkTable = { table: 'index_queue', columns: ['kind', 'ref', 'first_id', 'last_id'] };

/**
 * Queues, with a bulk writer's batch, the index entries of the persons and list rows it adds
 * (their queues lead with the rows' ids): written in the batch's transaction, so that a crash
 * after it leaves them pending rather than lost.
 */
export function queueBulkBatch(writer: { queue(table: TableName): RowQueue }): void {
  const queue = writer.queue('index_queue');
  const persons = writer.queue('persons').firstColumnRange();
  if (persons) queue.row('persons', null, persons[0], persons[1]);
  const rows = writer.queue('list_rows').firstColumnRange();
  if (rows) queue.row('list-row', null, rows[0], rows[1]);
}
