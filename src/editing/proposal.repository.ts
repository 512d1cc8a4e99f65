import type { Insertable, Selectable } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { ProposalTable } from './proposal.table.ts';

export type ProposalRow = Selectable<ProposalTable>;

export async function insertProposal(db: Db, proposal: Insertable<ProposalTable>): Promise<number> {
  const row = await db.insertInto('proposals').values(proposal).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function findProposalRow(db: Db, id: number): Promise<ProposalRow | undefined> {
  return db.selectFrom('proposals').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Proposals in one status, newest first (older than `before` when given). */
export async function listProposalRows(db: Db, status: string, limit: number, before?: number) {
  let q = db.selectFrom('proposals').selectAll().where('status', '=', status);
  if (before !== undefined) q = q.where('id', '<', before);
  return q.orderBy('id', 'desc').limit(limit).execute();
}

/** Pending proposals of one record, newest first. */
export async function listRecordProposalRows(db: Db, type: string, recordId: number) {
  return db
    .selectFrom('proposals')
    .selectAll()
    .where('record_type', '=', type)
    .where('record_id', '=', recordId)
    .where('status', '=', 'pending')
    .orderBy('id', 'desc')
    .execute();
}

/** Moves a proposal from one status to another; false when it was not in `from` (someone else acted first). */
export async function moveProposal(
  db: Db,
  id: number,
  from: string,
  to: {
    status: string;
    decided_by?: number | null;
    decided_at?: string | null;
    decision_note?: string | null;
    revision_id?: number | null;
  },
): Promise<boolean> {
  const result = await db
    .updateTable('proposals')
    .set(to)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
