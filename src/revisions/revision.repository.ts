import type { Selectable } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { ChangeSetTable, RevisionTable } from './revision.table.ts';

export type ChangeSetRow = Selectable<ChangeSetTable>;
export type RevisionRow = Selectable<RevisionTable>;

export async function insertChangeSet(
  db: Db,
  set: { user_id: number | null; kind: string; reason: string | null },
): Promise<number> {
  const row = await db
    .insertInto('change_sets')
    .values({ ...set, reverted_by: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertRevision(
  db: Db,
  revision: { change_set_id: number; record_type: string; record_id: number; action: string; snapshot: string | null },
): Promise<number> {
  const row = await db.insertInto('revisions').values(revision).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Stores the document a revision left behind, where a bulk write left it unsaid. */
export async function fillSnapshot(db: Db, revisionId: number, snapshot: string): Promise<void> {
  await db
    .updateTable('revisions')
    .set({ snapshot })
    .where('id', '=', revisionId)
    .where('snapshot', 'is', null)
    .execute();
}

/** The stored documents of a record's revisions, for erasing what one of them must no longer hold. */
export async function listRecordSnapshots(db: Db, type: string, recordId: number) {
  return db
    .selectFrom('revisions')
    .select(['id', 'snapshot'])
    .where('record_type', '=', type)
    .where('record_id', '=', recordId)
    .execute();
}

/** Writes a revision's document again; only for erasing personal data that must not stay in the history. */
export async function replaceSnapshot(db: Db, revisionId: number, snapshot: string): Promise<void> {
  await db.updateTable('revisions').set({ snapshot }).where('id', '=', revisionId).execute();
}

export async function findRevision(db: Db, id: number): Promise<RevisionRow | undefined> {
  return db.selectFrom('revisions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The record's latest revision, or undefined for a record with no history yet. */
export async function latestRevision(db: Db, type: string, recordId: number): Promise<RevisionRow | undefined> {
  return db
    .selectFrom('revisions')
    .selectAll()
    .where('record_type', '=', type)
    .where('record_id', '=', recordId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** A record's revisions, newest first (older than `before` when given), with their change sets. */
export async function listRecordRevisions(db: Db, type: string, recordId: number, limit: number, before?: number) {
  let q = db
    .selectFrom('revisions as r')
    .innerJoin('change_sets as c', 'c.id', 'r.change_set_id')
    .select(['r.id', 'r.action', 'r.created_at', 'r.change_set_id', 'c.user_id', 'c.kind', 'c.reason', 'c.reverted_by'])
    .where('r.record_type', '=', type)
    .where('r.record_id', '=', recordId);
  if (before !== undefined) q = q.where('r.id', '<', before);
  return q.orderBy('r.id', 'desc').limit(limit).execute();
}

/** Revisions of a record after the given one, oldest first. */
export async function listRevisionsAfter(db: Db, type: string, recordId: number, afterId: number) {
  return db
    .selectFrom('revisions')
    .selectAll()
    .where('record_type', '=', type)
    .where('record_id', '=', recordId)
    .where('id', '>', afterId)
    .orderBy('id')
    .execute();
}

/** The revision of a record just before the given one. */
export async function previousRevision(db: Db, revision: RevisionRow): Promise<RevisionRow | undefined> {
  return db
    .selectFrom('revisions')
    .selectAll()
    .where('record_type', '=', revision.record_type)
    .where('record_id', '=', revision.record_id)
    .where('id', '<', revision.id)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function findChangeSet(db: Db, id: number): Promise<ChangeSetRow | undefined> {
  return db.selectFrom('change_sets').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listChangeSetRevisions(db: Db, changeSetId: number) {
  return db.selectFrom('revisions').selectAll().where('change_set_id', '=', changeSetId).orderBy('id').execute();
}

export async function markReverted(db: Db, changeSetId: number, by: number): Promise<void> {
  await db.updateTable('change_sets').set({ reverted_by: by }).where('id', '=', changeSetId).execute();
}

export interface RecentChangesFilter {
  userId?: number;
  recordType?: string;
  /** `YYYY-MM-DD`: changes on or after this day, and before the day after `until`. */
  since?: string;
  until?: string;
  /** Revisions with smaller ids, for the next page. */
  before?: number;
  limit: number;
}

/** The latest revisions across the archive, newest first. */
export async function listRecentRevisions(db: Db, f: RecentChangesFilter) {
  let q = db
    .selectFrom('revisions as r')
    .innerJoin('change_sets as c', 'c.id', 'r.change_set_id')
    .select([
      'r.id',
      'r.record_type',
      'r.record_id',
      'r.action',
      'r.created_at',
      'r.change_set_id',
      'c.user_id',
      'c.kind',
      'c.reason',
      'c.reverted_by',
    ]);
  if (f.userId !== undefined) q = q.where('c.user_id', '=', f.userId);
  if (f.recordType !== undefined) q = q.where('r.record_type', '=', f.recordType);
  if (f.since !== undefined) q = q.where('r.created_at', '>=', f.since);
  if (f.until !== undefined) q = q.where('r.created_at', '<', `${f.until}~`);
  if (f.before !== undefined) q = q.where('r.id', '<', f.before);
  return q.orderBy('r.id', 'desc').limit(f.limit).execute();
}
