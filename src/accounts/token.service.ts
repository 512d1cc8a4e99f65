import type { Db } from '../db/connection.ts';
import { inTransaction } from '../db/engine.ts';
import { InputError, NotFoundError } from '../errors.ts';
import { recordAudit } from './audit.service.ts';
import type { AuditActor } from './audit.ts';
import { minutesBefore, timestamp } from './clock.ts';
import { digest, newSecret } from './secret.ts';
import {
  findTokenRowById,
  findTokenWithUser,
  insertToken,
  listTokenRows,
  markTokenRevoked,
  markTokenUsed,
} from './token.repository.ts';
import { findUserRowById } from './user.repository.ts';
import { assertValid, type CurrentUser, currentUser, tokenLabelProblem } from './user.ts';

/** Every token begins so, which tells it apart in a leaked file and lets secret scanners find it. */
export const TOKEN_PREFIX = 'fates_';
const TOKEN_FORMAT = /^fates_[A-Za-z0-9_-]{43}$/;

/** A token as its owner and admins see it: never the token itself, which is shown once. */
export interface ApiToken {
  id: number;
  userId: number;
  userName: string;
  label: string;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Creates a token for a user; returns its id and the token, to be shown once and never stored. */
export async function createToken(
  db: Db,
  userId: number,
  input: { label: string; days?: number },
  actor: AuditActor,
  now = new Date(),
): Promise<{ id: number; token: string }> {
  assertValid([['label', tokenLabelProblem(input.label)]]);
  if (input.days !== undefined && !(Number.isInteger(input.days) && input.days >= 1 && input.days <= 3650))
    throw new InputError('A token lasts from 1 to 3650 days.');
  const token = newSecret(TOKEN_PREFIX);
  const id = await inTransaction(db, async (trx) => {
    const user = await findUserRowById(trx, userId);
    if (!user) throw new NotFoundError(`no user ${userId}`);
    if (user.disabled_at !== null) throw new InputError(`${user.name} is disabled; enable the account first.`);
    const id = await insertToken(trx, {
      user_id: userId,
      label: input.label.trim(),
      token_hash: digest(token),
      expires_at: input.days ? timestamp(new Date(now.getTime() + input.days * 86_400_000)) : null,
    });
    await recordAudit(trx, {
      actor,
      action: 'token_create',
      target: `user:${userId}`,
      detail: `token ${id}: ${input.label.trim()}`,
    });
    return id;
  });
  return { id, token };
}

/** Revokes a token; with `ownerId`, only a token of that user (anything else is not found). */
export async function revokeToken(db: Db, id: number, actor: AuditActor, ownerId?: number): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await findTokenRowById(trx, id);
    if (!row || (ownerId !== undefined && row.user_id !== ownerId)) throw new NotFoundError(`There is no token ${id}.`);
    if (row.revoked_at !== null) return;
    await markTokenRevoked(trx, id, timestamp(new Date()));
    await recordAudit(trx, {
      actor,
      action: 'token_revoke',
      target: `user:${row.user_id}`,
      detail: `token ${id}: ${row.label}`,
    });
  });
}

export async function listTokens(db: Db, userId?: number): Promise<ApiToken[]> {
  return (await listTokenRows(db, userId)).map((r) => ({
    id: r.id,
    userId: r.user_id,
    userName: r.user_name,
    label: r.label,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    lastUsedAt: r.last_used_at,
    revokedAt: r.revoked_at,
  }));
}

/**
 * The user a bearer token acts for, with the user's current role; null for a token that is
 * malformed, unknown, revoked, expired, or whose user is disabled.
 */
export async function resolveToken(db: Db, token: string, now = new Date()): Promise<CurrentUser | null> {
  if (!TOKEN_FORMAT.test(token)) return null;
  const row = await findTokenWithUser(db, digest(token));
  const user = row && currentUser(row);
  if (!row || !user || row.revoked_at !== null || row.disabled_at !== null) return null;
  if (row.expires_at !== null && row.expires_at <= timestamp(now)) return null;
  if (row.last_used_at === null || row.last_used_at < minutesBefore(now, 1))
    await markTokenUsed(db, row.token_id, timestamp(now));
  return user;
}
