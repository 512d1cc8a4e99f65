import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { serve, stop } from '../support/processes.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/fates.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fates-accounts-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const { DATABASE_URL: _url, FATES_ADMIN_PASSWORD: _pw, ...ENV } = process.env;

/** Runs `fates …` with `input` on its standard input (not a terminal). */
function fates(args: string[], input = '', env: NodeJS.ProcessEnv = ENV) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

function rows(db: string, query: string): Record<string, unknown>[] {
  const sqlite = new Database(db, { readonly: true });
  try {
    return sqlite.prepare(query).all() as Record<string, unknown>[];
  } finally {
    sqlite.close();
  }
}

// Each command starts Node and tsx afresh, a second or two each on a busy machine.
describe('fates user and fates token', { timeout: 120_000 }, () => {
  const db = path.join(tmp, 'users.sqlite');
  const at = ['--db', db];

  it('adds users with a password read from standard input, and refuses mistakes clearly', async () => {
    const added = await fates(
      ['user', 'add', 'Mensing', '--role', 'editor', '--display-name', 'Wilhelm Mensing', ...at],
      'a long password\n',
    );
    expect(added.stdout).toBe('Added mensing (editor).\n');
    expect(added.code).toBe(0);
    const [user] = rows(db, 'SELECT name, display_name, role, password_hash FROM users');
    expect(user).toMatchObject({ name: 'mensing', display_name: 'Wilhelm Mensing', role: 'editor' });
    expect(String(user!.password_hash)).not.toContain('a long password');

    for (const [args, input, message] of [
      [['user', 'add', 'mensing', '--role', 'editor'], 'another password\n', /^fates: The name is already taken\.$/m],
      [
        ['user', 'add', 'short', '--role', 'editor'],
        'short\n',
        /^fates: The password must have at least 10 characters\.$/m,
      ],
      [['user', 'add', 'norole'], 'a long password\n', /^fates: user add needs --role \(admin, editor, reviewer\)$/m],
      [
        ['user', 'add', 'nopass', '--role', 'editor'],
        '',
        /^fates: give the password on the first line of standard input/m,
      ],
      [['user', 'role', 'mensing', 'god'], '', /^fates: The role must be admin, editor or reviewer\.$/m],
      [['user', 'disable', 'nobody'], '', /^fates: There is no user named “nobody”\.$/m],
      [['user', 'frob'], '', /^fates: usage: fates user add\|passwd\|list/m],
    ] as const) {
      const { code, stderr } = await fates([...args, ...at], input);
      expect(code, args.join(' ')).toBe(1);
      expect(stderr, args.join(' ')).toMatch(message);
      expect(stderr, args.join(' ')).not.toMatch(/\n\s+at /);
    }
    expect(rows(db, 'SELECT name FROM users')).toEqual([{ name: 'mensing' }]);
  });

  it('lists users, changes roles, disables, enables and sets passwords', async () => {
    await fates(['user', 'add', 'keeper', '--role', 'admin', ...at], 'admin password\n');
    expect((await fates(['user', 'role', 'mensing', 'reviewer', ...at])).stdout).toBe('mensing is now reviewer.\n');
    expect((await fates(['user', 'disable', 'mensing', ...at])).stdout).toBe('mensing is disabled.\n');
    const list = await fates(['user', 'list', ...at]);
    expect(list.stdout).toMatch(/^name\s+role\s+status\s+last sign-in \(UTC\)\s+display name\n/);
    expect(list.stdout).toMatch(/^keeper\s+admin\s+active\s+never\s*$/m);
    expect(list.stdout).toMatch(/^mensing\s+reviewer\s+disabled\s+never\s+Wilhelm Mensing$/m);
    expect((await fates(['user', 'enable', 'mensing', ...at])).stdout).toBe('mensing is enabled.\n');
    const before = rows(db, "SELECT password_hash FROM users WHERE name = 'mensing'")[0]!.password_hash;
    expect((await fates(['user', 'passwd', 'mensing', ...at], 'a newer password\n')).stdout).toMatch(
      /^Set the password of mensing/,
    );
    expect(rows(db, "SELECT password_hash FROM users WHERE name = 'mensing'")[0]!.password_hash).not.toBe(before);
    const lastAdmin = await fates(['user', 'disable', 'keeper', ...at]);
    expect(lastAdmin.stderr).toMatch(/^fates: This is the only enabled administrator/);
    const audit = rows(db, 'SELECT action, via, actor_id FROM audit_log ORDER BY id').map((r) => r.action);
    expect(audit).toEqual(['user_add', 'user_add', 'user_role', 'user_disable', 'user_enable', 'user_password']);
  });

  it('creates a token printed once on standard output, lists tokens without them, and revokes one', async () => {
    const created = await fates([
      'token',
      'create',
      '--user',
      'mensing',
      '--label',
      'list import',
      '--days',
      '30',
      ...at,
    ]);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^fates_[\w-]{43}\n$/);
    expect(created.stderr).toMatch(/^Token 1 for mensing \(reviewer\); it is shown only this once:/);
    const token = created.stdout.trim();
    const list = await fates(['token', 'list', ...at]);
    expect(list.stdout).toMatch(
      /^1\s+mensing\s+until \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\s+\S+ \S+\s+never\s+list import$/m,
    );
    expect(list.stdout).not.toContain(token);
    expect(JSON.stringify(rows(db, 'SELECT * FROM api_tokens'))).not.toContain(token);
    expect((await fates(['token', 'revoke', '1', ...at])).stdout).toBe('Revoked token 1.\n');
    expect((await fates(['token', 'list', '--user', 'mensing', ...at])).stdout).toMatch(/^1\s+mensing\s+revoked /m);
    expect((await fates(['token', 'revoke', '99', ...at])).stderr).toMatch(/^fates: There is no token 99\.$/m);
    expect((await fates(['token', 'create', ...at])).stderr).toMatch(/^fates: usage: fates token create --user NAME/);
  });
});

describe('fates start and the first administrator', { timeout: 120_000 }, () => {
  it('into a log, prints no password and creates no administrator, but says how to', async () => {
    const db = path.join(tmp, 'log.sqlite');
    const server = await serve(ENV, ['--db', db], 'start');
    try {
      expect(server.output()).toMatch(
        /No administrator exists\. Set FATES_ADMIN_PASSWORD and start again, or run: fates user add NAME --role admin/,
      );
      expect(rows(db, 'SELECT count(*) AS n FROM users')).toEqual([{ n: 0 }]);
    } finally {
      await stop(server.process);
    }
  });

  it('creates admin with FATES_ADMIN_PASSWORD, without printing it, and the password signs in', async () => {
    const db = path.join(tmp, 'env.sqlite');
    const password = 'from-the-environment-4711';
    const server = await serve({ ...ENV, FATES_ADMIN_PASSWORD: password }, ['--db', db], 'start');
    try {
      expect(server.output()).toContain('Created the administrator "admin" with the password in FATES_ADMIN_PASSWORD.');
      expect(server.output()).not.toContain(password);
      const form = await fetch(`${server.url}/en/sign-in`);
      const cookie = form.headers.getSetCookie()[0]!.split(';')[0]!;
      const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())![1]!;
      const signedIn = await fetch(`${server.url}/en/sign-in`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, name: 'admin', password }),
      });
      expect(signedIn.status).toBe(303);
      expect(signedIn.headers.getSetCookie().join()).toMatch(/fates_session=/);
    } finally {
      await stop(server.process);
    }
  });

  const hasScript = spawnSync('script', ['--version']).status === 0;
  it.skipIf(!hasScript)('on a terminal, shows a one-time password once and never again', async () => {
    const db = path.join(tmp, 'tty.sqlite');
    const onTerminal = () =>
      new Promise<string>((resolve, reject) => {
        // `script` gives the command a pseudo-terminal, as a person starting Fates has.
        const command = `${process.execPath} ${BIN} start --db ${db} --port 0 --host 127.0.0.1`;
        const child = spawn('script', ['-qfec', command, '/dev/null'], { cwd: ROOT, env: ENV });
        let output = '';
        child.stdout.on('data', (d: Buffer) => {
          output += d;
          if (/Fates is serving/.test(output)) child.kill('SIGTERM');
        });
        child.on('close', () => resolve(output));
        child.on('error', reject);
      });
    const first = await onTerminal();
    const password = /one-time password:\s+(\S+)/.exec(first)?.[1];
    expect(password).toMatch(/^[a-zA-Z2-9]{5}(-[a-zA-Z2-9]{5}){3}$/);
    expect(first).toContain('choose a password of your own. This one is not shown again.');
    const [admin] = rows(db, 'SELECT name, role, must_change_password FROM users');
    expect(admin).toEqual({ name: 'admin', role: 'admin', must_change_password: 1 });
    const second = await onTerminal();
    expect(second).not.toContain('one-time password');
    expect(second).not.toContain(password);
  });
});
