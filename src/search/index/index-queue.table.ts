import type { Generated } from 'kysely';

/**
 * What the search indexes still owe the archive (migration 0060): each row a range of records of
 * one kind whose entries are to be written again (index-queue.ts says which kinds there are). Rows
 * are added in the transaction that changed the records and removed by the one that indexed them.
 */
export interface IndexQueueTable {
  id: Generated<number>;
  kind: string;
  /** The place, source or organization whose persons are meant, for those kinds; else null. */
  ref: number | null;
  /** The first and last id still pending, inclusive; the drain moves `first_id` on. */
  first_id: number;
  last_id: number;
}
