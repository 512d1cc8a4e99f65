import { randomInt } from 'node:crypto';
import type { Db } from '../db/connection.ts';
import { InputError } from '../errors.ts';
import { COMMAND_LINE } from './audit.ts';
import { countEnabledAdmins, findUserRowByName } from './user.repository.ts';
import { addUser } from './user.service.ts';

/** The user `fates start` creates when no administrator exists. */
export const FIRST_ADMIN = 'admin';

// No 0/O, 1/l/I: the password is read off a terminal and typed in by hand.
const ALPHABET = 'abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789';

/** A password of 20 letters and digits (about 115 bits) in groups of five, easy to copy by eye. */
export function oneTimePassword(): string {
  const chars = Array.from({ length: 20 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

export type FirstAdmin =
  /** An enabled administrator exists; nothing done. */
  | { outcome: 'exists' }
  /** Created with the password given (FATES_ADMIN_PASSWORD). */
  | { outcome: 'created' }
  /** Created with this one-time password, to be shown once; it must be changed at first sign-in. */
  | { outcome: 'one-time'; password: string }
  /** No administrator, and no way to show a password safely: nothing done. */
  | { outcome: 'missing' };

/**
 * Makes sure someone can administer the archive. When no enabled administrator exists, creates
 * the user `admin` with `password` (given by the operator), or with a one-time password when
 * `mayShowPassword` (the caller can show it to a person and not to a log).
 */
export async function ensureFirstAdmin(
  db: Db,
  options: { password?: string; mayShowPassword: boolean },
): Promise<FirstAdmin> {
  if ((await countEnabledAdmins(db)) > 0) return { outcome: 'exists' };
  if (await findUserRowByName(db, FIRST_ADMIN)) {
    throw new InputError(
      `No administrator exists and the name "${FIRST_ADMIN}" is taken: make a user an administrator with fates user role NAME admin.`,
    );
  }
  if (options.password) {
    await addUser(db, { name: FIRST_ADMIN, role: 'admin', password: options.password }, COMMAND_LINE);
    return { outcome: 'created' };
  }
  if (!options.mayShowPassword) return { outcome: 'missing' };
  const password = oneTimePassword();
  await addUser(db, { name: FIRST_ADMIN, role: 'admin', password, mustChangePassword: true }, COMMAND_LINE);
  return { outcome: 'one-time', password };
}
