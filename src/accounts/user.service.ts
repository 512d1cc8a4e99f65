import type { Selectable } from 'kysely';
import type { Db } from '../db/connection.ts';
import { inTransaction, takeLock } from '../db/engine.ts';
import { InputError, NotFoundError } from '../errors.ts';
import { recordAudit } from './audit.service.ts';
import type { AuditActor } from './audit.ts';
import { timestamp } from './clock.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { isRole } from './role.ts';
import { deleteSessionsOfUser } from './session.repository.ts';
import {
  countEnabledAdmins,
  findUserRowById,
  findUserRowByName,
  insertUser,
  listUserRows,
  updateUserRow,
} from './user.repository.ts';
import type { UserTable } from './user.table.ts';
import {
  AccountInputError,
  assertValid,
  displayNameProblem,
  normalizeUserName,
  passwordProblem,
  type User,
  userNameProblem,
} from './user.ts';

/** Account changes read and write under this lock, so two admins cannot each remove the other. */
const LOCK = 'accounts';

/** The columns of a users row that make a User (a selected row, so no column is generated). */
type UserRow = Selectable<UserTable>;

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    name: row.name,
    displayName: row.display_name,
    role: isRole(row.role) ? row.role : 'reviewer',
    mustChangePassword: Boolean(row.must_change_password),
    disabled: row.disabled_at !== null,
    lastSignInAt: row.last_sign_in_at,
    createdAt: row.created_at,
  };
}

export interface NewUser {
  name: string;
  displayName?: string | null;
  role: string;
  password: string;
  /** The password was made for the user (a one-time password): they must choose their own at first sign-in. */
  mustChangePassword?: boolean;
}

const target = (id: number) => `user:${id}`;
const cleanDisplayName = (raw: string | null | undefined) => raw?.trim() || null;

/** Creates a user; returns them. Throws AccountInputError (nothing written) for a field that cannot be saved. */
export async function addUser(db: Db, input: NewUser, actor: AuditActor): Promise<User> {
  const name = normalizeUserName(input.name);
  assertValid([
    ['name', userNameProblem(input.name)],
    ['displayName', displayNameProblem(input.displayName ?? '')],
    ['role', isRole(input.role) ? null : 'role'],
    ['password', passwordProblem(input.password)],
  ]);
  const hash = await hashPassword(input.password);
  return inTransaction(db, async (trx) => {
    await takeLock(trx, LOCK);
    if (await findUserRowByName(trx, name)) throw new AccountInputError('name', 'taken');
    const id = await insertUser(trx, {
      name,
      display_name: cleanDisplayName(input.displayName),
      role: input.role,
      password_hash: hash,
      must_change_password: input.mustChangePassword ? 1 : 0,
    });
    await recordAudit(trx, { actor, action: 'user_add', target: target(id), detail: `${name} (${input.role})` });
    return toUser((await findUserRowById(trx, id))!);
  });
}

export async function listUsers(db: Db): Promise<User[]> {
  return (await listUserRows(db)).map(toUser);
}

export async function getUser(db: Db, id: number): Promise<User> {
  const row = await findUserRowById(db, id);
  if (!row) throw new NotFoundError(`no user ${id}`);
  return toUser(row);
}

/** The user signing in under `name` in any case or Unicode form. */
export async function getUserByName(db: Db, name: string): Promise<User> {
  const row = await findUserRowByName(db, normalizeUserName(name));
  if (!row) throw new NotFoundError(`There is no user named “${name}”.`);
  return toUser(row);
}

/** Refuses a change that would leave no enabled admin to manage the others. */
async function keepAnAdmin(trx: Db, id: number): Promise<void> {
  if ((await countEnabledAdmins(trx, id)) === 0)
    throw new InputError('This is the only enabled administrator; make another user an administrator first.');
}

export async function setRole(db: Db, id: number, role: string, actor: AuditActor): Promise<void> {
  if (!isRole(role)) throw new AccountInputError('role', 'role');
  await inTransaction(db, async (trx) => {
    await takeLock(trx, LOCK);
    const user = await getUser(trx, id);
    if (user.role === role) return;
    if (user.role === 'admin' && !user.disabled) await keepAnAdmin(trx, id);
    await updateUserRow(trx, id, { role });
    await recordAudit(trx, { actor, action: 'user_role', target: target(id), detail: `${user.role} → ${role}` });
  });
}

export async function setDisplayName(db: Db, id: number, displayName: string, actor: AuditActor): Promise<void> {
  assertValid([['displayName', displayNameProblem(displayName)]]);
  await inTransaction(db, async (trx) => {
    await getUser(trx, id);
    await updateUserRow(trx, id, { display_name: cleanDisplayName(displayName) });
    await recordAudit(trx, { actor, action: 'user_display_name', target: target(id), detail: displayName.trim() });
  });
}

/** Disables a user: they cannot sign in, their sessions end and their API tokens stop working. */
export async function disableUser(db: Db, id: number, actor: AuditActor): Promise<void> {
  await inTransaction(db, async (trx) => {
    await takeLock(trx, LOCK);
    const user = await getUser(trx, id);
    if (user.disabled) return;
    if (user.role === 'admin') await keepAnAdmin(trx, id);
    await updateUserRow(trx, id, { disabled_at: timestamp(new Date()) });
    await deleteSessionsOfUser(trx, id);
    await recordAudit(trx, { actor, action: 'user_disable', target: target(id) });
  });
}

export async function enableUser(db: Db, id: number, actor: AuditActor): Promise<void> {
  await inTransaction(db, async (trx) => {
    const user = await getUser(trx, id);
    if (!user.disabled) return;
    await updateUserRow(trx, id, { disabled_at: null });
    await recordAudit(trx, { actor, action: 'user_enable', target: target(id) });
  });
}

export interface PasswordChange {
  /** Set by an administrator or the command line: the user must choose another at their next sign-in. */
  mustChange?: boolean;
  /** The session (its token's digest) to keep when the user changes their own password; all others end. */
  keepSession?: string;
}

/** Sets a user's password and ends their sessions (all but `keepSession`); API tokens are unaffected. */
export async function setPassword(
  db: Db,
  id: number,
  password: string,
  actor: AuditActor,
  change: PasswordChange = {},
): Promise<void> {
  assertValid([['password', passwordProblem(password)]]);
  const hash = await hashPassword(password);
  await inTransaction(db, async (trx) => {
    await getUser(trx, id);
    await updateUserRow(trx, id, { password_hash: hash, must_change_password: change.mustChange ? 1 : 0 });
    await deleteSessionsOfUser(trx, id, change.keepSession);
    await recordAudit(trx, {
      actor,
      action: 'user_password',
      target: target(id),
      detail: change.mustChange ? 'to be changed at next sign-in' : null,
    });
  });
}

/**
 * A user changes their own password, proving they know the current one; their other sessions
 * end. Throws AccountInputError on the field `current` when it is wrong.
 */
export async function changeOwnPassword(
  db: Db,
  id: number,
  passwords: { current: string; next: string },
  actor: AuditActor,
  keepSession?: string,
): Promise<void> {
  assertValid([['password', passwordProblem(passwords.next)]]);
  const row = await findUserRowById(db, id);
  if (!row) throw new NotFoundError(`no user ${id}`);
  if (!(await verifyPassword(passwords.current, row.password_hash))) throw new AccountInputError('current', 'wrong');
  await setPassword(db, id, passwords.next, actor, { keepSession });
}
