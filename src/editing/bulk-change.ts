import type { Db } from '../db/connection.ts';
import { fillSnapshot, insertChangeSet, insertRevision, latestRevision } from '../revisions/revision.repository.ts';
import type { ChangeSetKind, RecordType } from '../revisions/revision.ts';
import { RECORD_KINDS } from './record-kinds.ts';

/*
 * A bulk write (loading the sample data, importing a list) is one change set, so that it can be
 * reverted as one. Its revisions keep no document: each record is as the write left it until its
 * next change, which first stores that document (see `prepareBulkChange`).
 */

export interface BulkRecord {
  type: RecordType;
  id: number;
}

/**
 * Before a bulk write changes records that have a history: stores the document their latest
 * revision left unsaid, which the write is about to overwrite. Call in the write's transaction.
 */
export async function prepareBulkChange(db: Db, records: readonly BulkRecord[]): Promise<void> {
  for (const r of records) {
    const kind = RECORD_KINDS[r.type];
    if (!kind) continue;
    const latest = await latestRevision(db, r.type, r.id);
    if (latest && latest.snapshot === null) {
      const doc = await kind.load(db, r.id);
      if (doc) await fillSnapshot(db, latest.id, JSON.stringify(doc));
    }
  }
}

/** Records a bulk write's change set: the records it created and those it changed. */
export async function recordBulkChange(
  db: Db,
  set: { userId: number | null; kind: ChangeSetKind; reason: string },
  records: { created: readonly BulkRecord[]; changed: readonly BulkRecord[] },
): Promise<number> {
  const changeSet = await insertChangeSet(db, { user_id: set.userId, kind: set.kind, reason: set.reason });
  const add = async (r: BulkRecord, action: 'create' | 'update') => {
    if (!RECORD_KINDS[r.type]) return;
    await insertRevision(db, {
      change_set_id: changeSet,
      record_type: r.type,
      record_id: r.id,
      action,
      snapshot: null,
    });
  };
  for (const r of records.created) await add(r, 'create');
  for (const r of records.changed) await add(r, 'update');
  return changeSet;
}
