import type { Insertable } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { SessionTable } from './session.table.ts';
import { CURRENT_USER_COLUMNS } from './user.repository.ts';

export async function insertSession(db: Db, session: Insertable<SessionTable>): Promise<void> {
  await db.insertInto('sessions').values(session).execute();
}

/** A session with the columns of its user that a request needs. */
export async function findSessionWithUser(db: Db, tokenHash: string) {
  return db
    .selectFrom('sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['s.created_at', 's.seen_at', ...CURRENT_USER_COLUMNS])
    .where('s.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function touchSession(db: Db, tokenHash: string, seenAt: string): Promise<void> {
  await db.updateTable('sessions').set({ seen_at: seenAt }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(db: Db, tokenHash: string): Promise<number> {
  const result = await db.deleteFrom('sessions').where('token_hash', '=', tokenHash).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Ends a user's sessions, all or all but one; returns how many ended. */
export async function deleteSessionsOfUser(db: Db, userId: number, exceptHash?: string): Promise<number> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (exceptHash !== undefined) query = query.where('token_hash', '!=', exceptHash);
  const result = await query.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function countSessionsOfUser(db: Db, userId: number): Promise<number> {
  const { n } = await db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(n);
}

/** Removes sessions idle since `idleBefore` or begun before `startedBefore`. */
export async function deleteExpiredSessions(db: Db, idleBefore: string, startedBefore: string): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('seen_at', '<', idleBefore), eb('created_at', '<', startedBefore)]))
    .execute();
}

export async function insertSignInFailure(
  db: Db,
  failure: { at: string; account_key: string; address_key: string },
): Promise<number> {
  const row = await db.insertInto('sign_in_failures').values(failure).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Failures since `since` under one account key or from one address key: how many, and the oldest's time. */
export async function countSignInFailures(
  db: Db,
  column: 'account_key' | 'address_key',
  key: string,
  since: string,
): Promise<{ n: number; oldest: string | null }> {
  const row = await db
    .selectFrom('sign_in_failures')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('at').as('oldest')])
    .where(column, '=', key)
    .where('at', '>=', since)
    .executeTakeFirstOrThrow();
  return { n: Number(row.n), oldest: row.oldest ?? null };
}

export async function deleteSignInFailure(db: Db, id: number): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('id', '=', id).execute();
}

export async function deleteSignInFailuresOfAccount(db: Db, accountKey: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('account_key', '=', accountKey).execute();
}

export async function deleteSignInFailuresBefore(db: Db, before: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('at', '<', before).execute();
}
