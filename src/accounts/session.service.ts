import type { Db } from '../db/connection.ts';
import { inTransaction } from '../db/engine.ts';
import { recordAudit } from './audit.service.ts';
import type { AuditActor } from './audit.ts';
import { minutesBefore, timestamp } from './clock.ts';
import { digest, newSecret } from './secret.ts';
import {
  countSessionsOfUser,
  deleteExpiredSessions,
  deleteSession,
  deleteSessionsOfUser,
  findSessionWithUser,
  insertSession,
  touchSession,
} from './session.repository.ts';
import type { AccountSettings } from './settings.ts';
import { type CurrentUser, currentUser } from './user.ts';

/** A session's last use is written at most this often, so that reading pages does not write every time. */
const TOUCH_EVERY_MINUTES = 1;

type Timeouts = Pick<AccountSettings, 'idleMinutes' | 'maxHours'>;

/** Opens a session for a user; returns the secret for the cookie, which only the browser keeps. */
export async function openSession(db: Db, userId: number, settings: Timeouts, now = new Date()): Promise<string> {
  const token = newSecret();
  await inTransaction(db, async (trx) => {
    // Expired sessions are cleared here, where they grow, rather than by a timer in each process.
    await deleteExpiredSessions(
      trx,
      minutesBefore(now, settings.idleMinutes),
      minutesBefore(now, settings.maxHours * 60),
    );
    await insertSession(trx, {
      token_hash: digest(token),
      user_id: userId,
      created_at: timestamp(now),
      seen_at: timestamp(now),
    });
  });
  return token;
}

/**
 * The user a session cookie signs in, or null when it signs in no one: unknown, idle longer than
 * the idle timeout, older than the absolute timeout, or its user disabled (such a session ends).
 */
export async function resolveSession(
  db: Db,
  token: string,
  settings: Timeouts,
  now = new Date(),
): Promise<CurrentUser | null> {
  const hash = digest(token);
  const row = await findSessionWithUser(db, hash);
  if (!row) return null;
  const expired =
    row.seen_at < minutesBefore(now, settings.idleMinutes) ||
    row.created_at < minutesBefore(now, settings.maxHours * 60);
  const user = currentUser(row);
  if (expired || row.disabled_at !== null || !user) {
    await deleteSession(db, hash);
    return null;
  }
  if (row.seen_at < minutesBefore(now, TOUCH_EVERY_MINUTES)) await touchSession(db, hash, timestamp(now));
  return user;
}

/** Ends the session of a cookie (signing out); a session already gone is no error. */
export async function closeSession(db: Db, token: string, actor: AuditActor): Promise<void> {
  await inTransaction(db, async (trx) => {
    if ((await deleteSession(trx, digest(token))) > 0 && actor.user)
      await recordAudit(trx, { actor, action: 'sign_out', target: `user:${actor.user.id}` });
  });
}

/** Ends every session of a user ("sign out everywhere"); returns how many ended. */
export async function closeAllSessions(db: Db, userId: number, actor: AuditActor): Promise<number> {
  return inTransaction(db, async (trx) => {
    const ended = await deleteSessionsOfUser(trx, userId);
    await recordAudit(trx, { actor, action: 'sign_out_everywhere', target: `user:${userId}`, detail: `${ended}` });
    return ended;
  });
}

export async function countSessions(db: Db, userId: number): Promise<number> {
  return countSessionsOfUser(db, userId);
}

/** The digest a session is stored under, for keeping it while a user's other sessions end. */
export function sessionKey(token: string): string {
  return digest(token);
}
