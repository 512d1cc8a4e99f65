import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/connection.ts';
import { currentTimestamp } from '../db/engine.ts';
import type { UserTable } from './user.table.ts';

/** The columns of a user that a request acting for them needs, as `u.*` of a join. */
export const CURRENT_USER_COLUMNS = [
  'u.id',
  'u.name',
  'u.display_name',
  'u.role',
  'u.must_change_password',
  'u.disabled_at',
] as const;

export async function insertUser(db: Db, user: Insertable<UserTable>): Promise<number> {
  const row = await db.insertInto('users').values(user).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Overwrites some of a user's columns and marks the row updated. */
export async function updateUserRow(db: Db, id: number, changes: Updateable<UserTable>): Promise<void> {
  await db
    .updateTable('users')
    .set({ ...changes, updated_at: currentTimestamp(db) })
    .where('id', '=', id)
    .execute();
}

export async function findUserRowById(db: Db, id: number) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

/** By normalized name (user.ts `normalizeUserName`). */
export async function findUserRowByName(db: Db, name: string) {
  return db.selectFrom('users').selectAll().where('name', '=', name).executeTakeFirst();
}

export async function listUserRows(db: Db) {
  return db.selectFrom('users').selectAll().orderBy('name').execute();
}

/** Admins who may sign in, other than `exceptId`. */
export async function countEnabledAdmins(db: Db, exceptId?: number): Promise<number> {
  let query = db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('disabled_at', 'is', null);
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  const { n } = await query.executeTakeFirstOrThrow();
  return Number(n);
}
