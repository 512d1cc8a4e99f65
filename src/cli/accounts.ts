import { COMMAND_LINE } from '../accounts/audit.ts';
import { ensureFirstAdmin, FIRST_ADMIN } from '../accounts/bootstrap.service.ts';
import { ROLES } from '../accounts/role.ts';
import { createToken, listTokens, revokeToken } from '../accounts/token.service.ts';
import {
  addUser,
  disableUser,
  enableUser,
  getUserByName,
  listUsers,
  setPassword,
  setRole,
} from '../accounts/user.service.ts';
import { LIMITS } from '../accounts/user.ts';
import type { Db } from '../db/connection.ts';
import { InputError } from '../errors.ts';

/** Options of `fates user` and `fates token`, for the CLI's argument parser. */
export const ACCOUNT_OPTIONS = {
  role: { type: 'string' },
  'display-name': { type: 'string' },
  user: { type: 'string' },
  label: { type: 'string' },
  days: { type: 'string' },
} as const;

export const ACCOUNT_HELP = `  user add NAME --role ROLE [--display-name TEXT]
                add a user (roles: ${ROLES.join(', ')}); the password is asked for on a
                terminal, or read from the first line of standard input
  user passwd NAME
                set a user's password (asked for, or read from standard input); their sessions end
  user list     list the users with their roles
  user role NAME ROLE
                change a user's role
  user disable NAME | user enable NAME
                stop a user from signing in (sessions end, API tokens stop working), or let them again
  token create --user NAME [--label TEXT] [--days N]
                create a personal API token; printed once, on standard output, and never stored
  token list [--user NAME]
                list API tokens (never the tokens themselves)
  token revoke ID
                revoke an API token`;

/** A mistake in how `fates user` or `fates token` was called. */
export class AccountUsageError extends Error {
  override name = 'AccountUsageError';
}

type Values = { role?: string; 'display-name'?: string; user?: string; label?: string; days?: string };

/** Reads a password: asked for twice without echo on a terminal, else the first line of standard input. */
async function readPassword(name: string): Promise<string> {
  if (process.stdin.isTTY) {
    const first = await promptHidden(`Password for ${name} (at least ${LIMITS.password.min} characters): `);
    const again = await promptHidden('The same password again: ');
    if (first !== again) throw new AccountUsageError('the two passwords differ; nothing changed');
    return first;
  }
  let input = '';
  for await (const chunk of process.stdin) {
    input += chunk;
    if (input.includes('\n')) break;
  }
  const line = input.split(/\r?\n/)[0] ?? '';
  if (!line) throw new AccountUsageError('give the password on the first line of standard input, or run on a terminal');
  return line;
}

function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  return new Promise((resolve, reject) => {
    let value = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          finish();
          return resolve(value);
        }
        if (ch === '\u0003' || ch === '\u0004') {
          finish();
          return reject(new AccountUsageError('cancelled; nothing changed'));
        }
        if (ch === '\u007f' || ch === '\b') value = [...value].slice(0, -1).join('');
        else value += ch;
      }
    };
    stdin.on('data', onData);
  });
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  return rows
    .map((r) =>
      r.map((cell, i) => (i === r.length - 1 ? cell : cell + ' '.repeat(widths[i]! - [...cell].length))).join('  '),
    )
    .join('\n');
}

function needName(positionals: string[], usage: string): string {
  const name = positionals[2];
  if (!name) throw new AccountUsageError(`usage: fates ${usage}`);
  return name;
}

/** `fates user add|passwd|list|role|disable|enable`. */
export async function userCommand(db: Db, positionals: string[], values: Values): Promise<void> {
  const action = positionals[1];
  switch (action) {
    case 'add': {
      const name = needName(positionals, 'user add NAME --role ROLE');
      if (!values.role) throw new AccountUsageError(`user add needs --role (${ROLES.join(', ')})`);
      const password = await readPassword(name);
      const user = await addUser(
        db,
        { name, role: values.role, displayName: values['display-name'], password },
        COMMAND_LINE,
      );
      console.log(`Added ${user.name} (${user.role}).`);
      return;
    }
    case 'passwd': {
      const user = await getUserByName(db, needName(positionals, 'user passwd NAME'));
      await setPassword(db, user.id, await readPassword(user.name), COMMAND_LINE);
      console.log(`Set the password of ${user.name}; their sessions have ended.`);
      return;
    }
    case 'list': {
      const users = await listUsers(db);
      if (users.length === 0) return console.log('No users.');
      const rows = users.map((u) => [
        u.name,
        u.role,
        u.disabled ? 'disabled' : u.mustChangePassword ? 'must change password' : 'active',
        u.lastSignInAt ?? 'never',
        u.displayName ?? '',
      ]);
      console.log(table([['name', 'role', 'status', 'last sign-in (UTC)', 'display name'], ...rows]));
      return;
    }
    case 'role': {
      const user = await getUserByName(db, needName(positionals, 'user role NAME ROLE'));
      const role = positionals[3];
      if (!role) throw new AccountUsageError(`usage: fates user role NAME ROLE (${ROLES.join(', ')})`);
      await setRole(db, user.id, role, COMMAND_LINE);
      console.log(`${user.name} is now ${role}.`);
      return;
    }
    case 'disable':
    case 'enable': {
      const user = await getUserByName(db, needName(positionals, `user ${action} NAME`));
      await (action === 'disable' ? disableUser : enableUser)(db, user.id, COMMAND_LINE);
      console.log(`${user.name} is ${action}d.`);
      return;
    }
    default:
      throw new AccountUsageError('usage: fates user add|passwd|list|role|disable|enable …; see fates --help');
  }
}

/** `fates token create|list|revoke`. */
export async function tokenCommand(db: Db, positionals: string[], values: Values): Promise<void> {
  switch (positionals[1]) {
    case 'create': {
      if (!values.user) throw new AccountUsageError('usage: fates token create --user NAME [--label TEXT] [--days N]');
      const user = await getUserByName(db, values.user);
      const days = values.days === undefined ? undefined : Number(values.days);
      const { id, token } = await createToken(
        db,
        user.id,
        { label: values.label ?? 'command line', days },
        COMMAND_LINE,
      );
      process.stderr.write(`Token ${id} for ${user.name} (${user.role}); it is shown only this once:\n`);
      process.stdout.write(`${token}\n`);
      return;
    }
    case 'list': {
      const userId = values.user ? (await getUserByName(db, values.user)).id : undefined;
      const tokens = await listTokens(db, userId);
      if (tokens.length === 0) return console.log('No tokens.');
      const rows = tokens.map((t) => [
        String(t.id),
        t.userName,
        t.revokedAt ? `revoked ${t.revokedAt}` : t.expiresAt ? `until ${t.expiresAt}` : 'active',
        t.createdAt,
        t.lastUsedAt ?? 'never',
        t.label,
      ]);
      console.log(table([['id', 'user', 'status', 'created (UTC)', 'last used', 'label'], ...rows]));
      return;
    }
    case 'revoke': {
      const id = Number(positionals[2]);
      if (!Number.isSafeInteger(id) || id < 1)
        throw new AccountUsageError('usage: fates token revoke ID (see fates token list)');
      await revokeToken(db, id, COMMAND_LINE);
      console.log(`Revoked token ${id}.`);
      return;
    }
    default:
      throw new AccountUsageError('usage: fates token create|list|revoke …; see fates --help');
  }
}

/**
 * At `fates start`: when no administrator exists, creates `admin` with FATES_ADMIN_PASSWORD, or
 * with a one-time password shown once on the terminal. Into a log (no terminal) no password is
 * ever written; the operator is told how to create an administrator instead. `url` is where the
 * site will be, when known before it listens.
 */
export async function startAdmin(db: Db, url: string | undefined): Promise<void> {
  const password = process.env.FATES_ADMIN_PASSWORD || undefined;
  // Server processes forked later need not carry the password in their environment.
  delete process.env.FATES_ADMIN_PASSWORD;
  let first: Awaited<ReturnType<typeof ensureFirstAdmin>>;
  try {
    first = await ensureFirstAdmin(db, { password, mayShowPassword: Boolean(process.stdout.isTTY) });
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    console.warn(`fates: ${error.message}`);
    return;
  }
  if (first.outcome === 'created') {
    console.log(`Created the administrator "${FIRST_ADMIN}" with the password in FATES_ADMIN_PASSWORD.`);
  } else if (first.outcome === 'one-time') {
    process.stdout.write(
      `\nCreated the administrator "${FIRST_ADMIN}" with this one-time password:\n\n    ${first.password}\n\n` +
        `Sign in${url ? ` at ${new URL('/en/sign-in', url)}` : ''} and choose a password of your own. This one is not shown again.\n\n`,
    );
  } else if (first.outcome === 'missing') {
    console.log(
      `No administrator exists. Set FATES_ADMIN_PASSWORD and start again, or run: fates user add NAME --role admin\n` +
        '(A one-time password is shown only on a terminal, never written into a log.)',
    );
  }
}
