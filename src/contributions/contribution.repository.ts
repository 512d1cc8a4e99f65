import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/connection.ts';
import type {
  ContributionFileTable,
  ContributionMessageTable,
  ContributionProposalTable,
  ContributionTable,
} from './contribution.table.ts';

export async function insertContribution(db: Db, row: Insertable<ContributionTable>): Promise<number> {
  const { id } = await db.insertInto('contributions').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateContribution(db: Db, id: number, row: Updateable<ContributionTable>): Promise<void> {
  await db.updateTable('contributions').set(row).where('id', '=', id).execute();
}

export async function findContribution(db: Db, id: number) {
  return db.selectFrom('contributions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findContributionByToken(db: Db, tokenHash: string) {
  return db.selectFrom('contributions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/** How many contributions are in each state. */
export async function countByStatus(db: Db): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom('contributions')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/** A page of the queue, oldest first (the longest waiting on top), with what the list shows. */
export async function listQueue(db: Db, filter: { status: string | null; limit: number; offset: number }) {
  let q = db
    .selectFrom('contributions as c')
    .leftJoin('persons as p', 'p.id', 'c.person_id')
    .select([
      'c.id',
      'c.person_id',
      'c.subject_name',
      'c.relation',
      'c.status',
      'c.received_at',
      'c.updated_at',
      'p.display_name as person_name',
      (eb) =>
        eb
          .selectFrom('contribution_files as f')
          .select((f) => f.fn.countAll<number>().as('n'))
          .whereRef('f.contribution_id', '=', 'c.id')
          .as('files'),
    ]);
  if (filter.status) q = q.where('c.status', '=', filter.status);
  return q.orderBy('c.id', 'asc').limit(filter.limit).offset(filter.offset).execute();
}

export async function insertMessage(db: Db, row: Insertable<ContributionMessageTable>): Promise<number> {
  const { id } = await db.insertInto('contribution_messages').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function listMessages(db: Db, contributionId: number) {
  return db
    .selectFrom('contribution_messages as m')
    .leftJoin('users as u', 'u.id', 'm.user_id')
    .select(['m.id', 'm.author', 'm.body', 'm.created_at', 'u.display_name', 'u.name as user_name'])
    .where('m.contribution_id', '=', contributionId)
    .orderBy('m.id')
    .execute();
}

export async function insertFile(db: Db, row: Insertable<ContributionFileTable>): Promise<number> {
  const { id } = await db.insertInto('contribution_files').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** A contribution's files without their bytes. */
export async function listFiles(db: Db, contributionId: number) {
  return db
    .selectFrom('contribution_files')
    .select(['id', 'name', 'mime', 'width', 'height', 'bytes', 'created_at'])
    .where('contribution_id', '=', contributionId)
    .orderBy('id')
    .execute();
}

/** One file of a contribution with its bytes. */
export async function findFile(db: Db, contributionId: number, fileId: number) {
  return db
    .selectFrom('contribution_files')
    .selectAll()
    .where('contribution_id', '=', contributionId)
    .where('id', '=', fileId)
    .executeTakeFirst();
}

export async function insertProposal(db: Db, row: Insertable<ContributionProposalTable>): Promise<number> {
  const { id } = await db.insertInto('contribution_proposals').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function updateProposal(db: Db, id: number, row: Updateable<ContributionProposalTable>): Promise<void> {
  await db.updateTable('contribution_proposals').set(row).where('id', '=', id).execute();
}

export async function listProposals(db: Db, contributionId: number) {
  return db
    .selectFrom('contribution_proposals')
    .selectAll()
    .where('contribution_id', '=', contributionId)
    .orderBy('id')
    .execute();
}

export async function findProposal(db: Db, contributionId: number, id: number) {
  return db
    .selectFrom('contribution_proposals')
    .selectAll()
    .where('contribution_id', '=', contributionId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/**
 * Erases what a contribution's sender wrote and who they are: the text, names, dates and places,
 * their name and address, the messages and files, and the mail about it. The row stays, stripped
 * to its state and dates, so that the private link can say the contribution was withdrawn, and
 * proposals keep their one-line summaries (what the record now says, not what the sender wrote).
 */
export async function eraseContribution(db: Db, id: number, at: string): Promise<void> {
  await db.deleteFrom('contribution_files').where('contribution_id', '=', id).execute();
  await db.deleteFrom('contribution_messages').where('contribution_id', '=', id).execute();
  await db.deleteFrom('mail_outbox').where('contribution_id', '=', id).execute();
  await db.updateTable('contribution_proposals').set({ payload: null }).where('contribution_id', '=', id).execute();
  await db
    .updateTable('contributions')
    .set({
      subject_name: null,
      relation_detail: null,
      message: null,
      dates: null,
      places: null,
      names: null,
      sender_name: null,
      sender_email: null,
      erased_at: at,
      updated_at: at,
    })
    .where('id', '=', id)
    .execute();
}

/** Closed contributions whose data outlived the retention period and are not erased yet. */
export async function listExpired(db: Db, states: readonly string[], closedBefore: string) {
  return db
    .selectFrom('contributions')
    .select(['id', 'source_id', 'consent_name', 'sender_name'])
    .where('status', 'in', [...states])
    .where('erased_at', 'is', null)
    .where('closed_at', '<', closedBefore)
    .orderBy('id')
    .execute();
}

/** The events a person takes part in, drafts included, for the reviewers' view of the record. */
export async function listEventsForReview(db: Db, personId: number) {
  return db
    .selectFrom('events as e')
    .innerJoin('event_participants as ep', 'ep.event_id', 'e.id')
    .select(['e.id', 'e.type', 'e.date_edtf', 'e.status', 'ep.role'])
    .where('ep.person_id', '=', personId)
    .where('e.variant_of', 'is', null)
    .where('e.status', '!=', 'removed')
    .orderBy('e.date_min')
    .orderBy('e.id')
    .execute();
}
