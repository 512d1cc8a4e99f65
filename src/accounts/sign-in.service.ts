import type { Db } from '../db/connection.ts';
import { inTransaction, takeLock } from '../db/engine.ts';
import { TooManyRequestsError, UnauthenticatedError } from '../errors.ts';
import { recordAudit } from './audit.service.ts';
import type { AuditActor } from './audit.ts';
import { minutesBefore, secondsUntil, timestamp } from './clock.ts';
import { hashPassword, needsRehash, verifyNothing, verifyPassword } from './password.ts';
import { digest } from './secret.ts';
import {
  countSignInFailures,
  deleteSignInFailure,
  deleteSignInFailuresBefore,
  deleteSignInFailuresOfAccount,
  insertSignInFailure,
} from './session.repository.ts';
import { openSession } from './session.service.ts';
import type { AccountSettings } from './settings.ts';
import { findUserRowByName, updateUserRow } from './user.repository.ts';
import { type CurrentUser, currentUser, LIMITS, normalizeUserName } from './user.ts';

/**
 * A sign-in was refused. `credentials`: the name or password is wrong, worded the same whether or
 * not the account exists; `disabled`: the password was right but the account is disabled.
 */
export class SignInRefusedError extends UnauthenticatedError {
  override name = 'SignInRefusedError';
  constructor(readonly reason: 'credentials' | 'disabled') {
    super(reason === 'disabled' ? 'This account is disabled.' : 'The name or password is not right.');
  }
}

/** Too many failed sign-ins for the name or from the address; nothing was checked. */
export class SignInThrottledError extends TooManyRequestsError {
  override name = 'SignInThrottledError';
  constructor(retryAfterSeconds: number) {
    super(
      `Too many failed sign-ins for this name or from this address; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`,
      retryAfterSeconds,
    );
  }
}

export interface SignInAttempt {
  name: string;
  password: string;
  /** The client's address, for the throttle and the audit log. */
  address: string;
}

/**
 * Counts this attempt as a failure before the password is checked, under a lock, so that many
 * attempts sent at once cannot all be checked before the first failure is recorded; a successful
 * sign-in takes it back. Returns the failure's id, or throws when the window is full.
 */
async function reserveAttempt(
  db: Db,
  keys: { account: string; address: string },
  settings: AccountSettings,
  now: Date,
): Promise<number> {
  const { windowMinutes, perAccount, perAddress } = settings.throttle;
  const since = minutesBefore(now, windowMinutes);
  return inTransaction(db, async (trx) => {
    await takeLock(trx, 'sign-in');
    for (const [column, key, limit] of [
      ['account_key', keys.account, perAccount],
      ['address_key', keys.address, perAddress],
    ] as const) {
      const { n, oldest } = await countSignInFailures(trx, column, key, since);
      if (n >= limit && oldest) {
        const until = timestamp(new Date(Date.parse(`${oldest.replace(' ', 'T')}Z`) + windowMinutes * 60_000));
        throw new SignInThrottledError(secondsUntil(now, until));
      }
    }
    await deleteSignInFailuresBefore(trx, since);
    return insertSignInFailure(trx, { at: timestamp(now), account_key: keys.account, address_key: keys.address });
  });
}

/**
 * Checks a name and password and opens a session: returns the user and the session's secret for
 * the cookie. Throws SignInThrottledError (nothing checked), SignInRefusedError (recorded as a
 * failure and in the audit log). Over-long input is refused as wrong without hashing it.
 */
export async function signIn(
  db: Db,
  attempt: SignInAttempt,
  settings: AccountSettings,
  now = new Date(),
): Promise<{ user: CurrentUser; token: string }> {
  const name = normalizeUserName(attempt.name.slice(0, LIMITS.name.max * 4));
  const keys = { account: digest(`account:${name}`), address: digest(`address:${attempt.address}`) };
  const failure = await reserveAttempt(db, keys, settings, now);
  const actor: AuditActor = { user: null, via: 'web', address: attempt.address };

  const row = [...attempt.password].length <= LIMITS.password.max ? await findUserRowByName(db, name) : undefined;
  const matches = row
    ? await verifyPassword(attempt.password, row.password_hash)
    : await verifyNothing(attempt.password.slice(0, LIMITS.password.max));
  if (!row || !matches) {
    await recordAudit(db, { actor, action: 'sign_in_failed', target: row ? `user:${row.id}` : null });
    throw new SignInRefusedError('credentials');
  }
  // The password was right: this was no guess, whatever happens next.
  await deleteSignInFailure(db, failure);
  if (row.disabled_at !== null) {
    await recordAudit(db, { actor, action: 'sign_in_failed', target: `user:${row.id}`, detail: 'disabled' });
    throw new SignInRefusedError('disabled');
  }
  const rehash = needsRehash(row.password_hash) ? await hashPassword(attempt.password) : null;
  const token = await inTransaction(db, async (trx) => {
    await deleteSignInFailuresOfAccount(trx, keys.account);
    await updateUserRow(trx, row.id, {
      last_sign_in_at: timestamp(now),
      ...(rehash ? { password_hash: rehash } : {}),
    });
    await recordAudit(trx, {
      actor: { ...actor, user: { id: row.id, name: row.name } },
      action: 'sign_in',
      target: `user:${row.id}`,
    });
    return openSession(trx, row.id, settings, now);
  });
  return { user: currentUser(row)!, token };
}
