import type { Insertable } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { ApiTokenTable } from './token.table.ts';
import { CURRENT_USER_COLUMNS } from './user.repository.ts';

export async function insertToken(db: Db, token: Insertable<ApiTokenTable>): Promise<number> {
  const row = await db.insertInto('api_tokens').values(token).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** A token with the columns of its user that a request needs. */
export async function findTokenWithUser(db: Db, tokenHash: string) {
  return db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select(['t.id as token_id', 't.expires_at', 't.revoked_at', 't.last_used_at', ...CURRENT_USER_COLUMNS])
    .where('t.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function findTokenRowById(db: Db, id: number) {
  return db
    .selectFrom('api_tokens')
    .select(['id', 'user_id', 'label', 'created_at', 'expires_at', 'last_used_at', 'revoked_at'])
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Tokens (without their digests) with their owner's name, newest first; of one user when given. */
export async function listTokenRows(db: Db, userId?: number) {
  let query = db
    .selectFrom('api_tokens as t')
    .innerJoin('users as u', 'u.id', 't.user_id')
    .select([
      't.id',
      't.user_id',
      'u.name as user_name',
      't.label',
      't.created_at',
      't.expires_at',
      't.last_used_at',
      't.revoked_at',
    ])
    .orderBy('t.id', 'desc');
  if (userId !== undefined) query = query.where('t.user_id', '=', userId);
  return query.execute();
}

export async function markTokenUsed(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
}

export async function markTokenRevoked(db: Db, id: number, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ revoked_at: at }).where('id', '=', id).execute();
}
