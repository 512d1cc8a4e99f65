import type { Db } from '../../db/connection.ts';
import type { QueueEntry, QueueKind } from './index-queue.ts';

/** Rows per insert: five values each, well below either engine's limit of parameters. */
const BATCH = 1_000;

/** Adds entries to the queue, in the caller's transaction. */
export async function insertQueueEntries(db: Db, entries: readonly Omit<QueueEntry, 'id'>[]): Promise<void> {
  for (let i = 0; i < entries.length; i += BATCH) {
    await db
      .insertInto('index_queue')
      .values(
        entries.slice(i, i + BATCH).map((e) => ({ kind: e.kind, ref: e.ref, first_id: e.first, last_id: e.last })),
      )
      .execute();
  }
}

const columns = ['id', 'kind', 'ref', 'first_id as first', 'last_id as last'] as const;

function entry(row: { id: number; kind: string; ref: number | null; first: number; last: number }): QueueEntry {
  return {
    id: Number(row.id),
    kind: row.kind as QueueKind,
    ref: row.ref,
    first: Number(row.first),
    last: Number(row.last),
  };
}

/** The oldest entry, which a drain takes next. */
export async function findOldestEntry(db: Db): Promise<QueueEntry | undefined> {
  const row = await db.selectFrom('index_queue').select(columns).orderBy('id').limit(1).executeTakeFirst();
  return row && entry(row);
}

export async function findEntry(db: Db, id: number): Promise<QueueEntry | undefined> {
  const row = await db.selectFrom('index_queue').select(columns).where('id', '=', id).executeTakeFirst();
  return row && entry(row);
}

/** Entries of `kind` (by `ref`, for those kinds) whose next record lies from `from` to `to`, up to entry `upTo`. */
export async function listEntriesStartingIn(
  db: Db,
  kind: QueueKind,
  from: number,
  to: number,
  upTo: number,
): Promise<QueueEntry[]> {
  const rows = await db
    .selectFrom('index_queue')
    .select(columns)
    .where('kind', '=', kind)
    .where('first_id', '>=', from)
    .where('first_id', '<=', to)
    .where('id', '<=', upTo)
    .orderBy('first_id')
    .execute();
  return rows.map(entry);
}

/** Entries of `kind` in id order from the oldest, at most `limit`. */
export async function listEntries(db: Db, kind: QueueKind, limit: number): Promise<QueueEntry[]> {
  const rows = await db
    .selectFrom('index_queue')
    .select(columns)
    .where('kind', '=', kind)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(entry);
}

export async function setEntryFirst(db: Db, id: number, first: number): Promise<void> {
  await db.updateTable('index_queue').set({ first_id: first }).where('id', '=', id).execute();
}

export async function deleteEntries(db: Db, ids: readonly number[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('index_queue').where('id', 'in', ids).execute();
}

/** Empties the queue: a rebuild of everything makes every pending entry moot. */
export async function deleteAllEntries(db: Db): Promise<void> {
  await db.deleteFrom('index_queue').execute();
}

/** The newest entry's id (0 for none): what a drain may take as written before it read. */
export async function lastEntryId(db: Db): Promise<number> {
  const row = await db
    .selectFrom('index_queue')
    .select((eb) => eb.fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

/** Whether any entry of these kinds is pending. */
export async function hasEntries(db: Db, kinds: readonly QueueKind[]): Promise<boolean> {
  const row = await db.selectFrom('index_queue').select('id').where('kind', 'in', kinds).limit(1).executeTakeFirst();
  return row !== undefined;
}

/** The records still pending, by kind: what `fates start` reports and the tests check. */
export async function countPending(db: Db): Promise<Map<QueueKind, number>> {
  const rows = await db
    .selectFrom('index_queue')
    .select(['kind', (eb) => eb.fn.sum<number>(eb.parens(eb('last_id', '-', eb.ref('first_id')), '+', 1)).as('n')])
    .groupBy('kind')
    .execute();
  return new Map(rows.map((r) => [r.kind as QueueKind, Math.max(0, Number(r.n))]));
}

/** Drops the entries of these kinds. */
export async function deleteEntriesOfKinds(db: Db, kinds: readonly QueueKind[]): Promise<void> {
  if (kinds.length > 0) await db.deleteFrom('index_queue').where('kind', 'in', kinds).execute();
}
