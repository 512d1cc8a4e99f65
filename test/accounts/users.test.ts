import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit, recordAudit } from '../../src/accounts/audit.service.ts';
import { COMMAND_LINE } from '../../src/accounts/audit.ts';
import { ensureFirstAdmin } from '../../src/accounts/bootstrap.service.ts';
import { verifyPassword } from '../../src/accounts/password.ts';
import {
  addUser,
  changeOwnPassword,
  disableUser,
  enableUser,
  getUserByName,
  listUsers,
  setRole,
} from '../../src/accounts/user.service.ts';
import { AccountInputError } from '../../src/accounts/user.ts';
import type { Storage } from '../../src/db/connection.ts';
import { InputError } from '../../src/errors.ts';
import { insertUser } from '../support/accounts.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';

for (const engine of ENGINES) {
  describe(`users on ${engine}`, () => {
    let storage: Storage;
    beforeAll(async () => {
      storage = await openTestStorage(engine);
    });
    afterAll(async () => {
      await storage?.close();
    });
    const count = async () => (await listUsers(storage.db)).length;

    it('adds a user under a normalized name, keeps only a hash of the password, and records who did it', async () => {
      const user = await insertUser(storage.db, {
        name: ' W.Mensing ',
        role: 'editor',
        displayName: 'Wilhelm Mensing',
      });
      expect(user).toMatchObject({
        name: 'w.mensing',
        displayName: 'Wilhelm Mensing',
        role: 'editor',
        disabled: false,
      });
      const row = await storage.db.selectFrom('users').selectAll().where('id', '=', user.id).executeTakeFirstOrThrow();
      expect(row.password_hash).toMatch(/^\$scrypt\$/);
      expect(row.password_hash).not.toContain(user.password);
      expect(await verifyPassword(user.password, row.password_hash)).toBe(true);
      const { entries } = await listAudit(storage.db, { limit: 1 });
      expect(entries[0]).toMatchObject({ action: 'user_add', target: `user:${user.id}`, via: 'cli', actorId: null });
    });

    it('refuses a taken name in any case, and bad fields, writing nothing', async () => {
      const before = await count();
      const attempts = [
        { name: 'W.MENSING', role: 'editor', password: 'long enough password' },
        { name: 'x'.repeat(65), role: 'editor', password: 'long enough password' },
        { name: 'ok-name', role: 'superuser', password: 'long enough password' },
        { name: 'ok-name', role: 'editor', password: 'short' },
        { name: 'ok-name', role: 'editor', password: 'p'.repeat(257) },
        { name: 'ok-name', role: 'editor', password: 'long enough password', displayName: 'D'.repeat(101) },
      ];
      const problems = [];
      for (const input of attempts) {
        const error = await addUser(storage.db, input, COMMAND_LINE).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AccountInputError);
        problems.push(`${(error as AccountInputError).field}:${(error as AccountInputError).problem}`);
      }
      expect(problems).toEqual([
        'name:taken',
        'name:too-long',
        'role:role',
        'password:too-short',
        'password:too-long',
        'displayName:too-long',
      ]);
      expect(await count()).toBe(before);
    });

    it('never leaves the archive without an enabled administrator', async () => {
      const first = await insertUser(storage.db, { name: 'first-admin', role: 'admin' });
      const demote = await setRole(storage.db, first.id, 'editor', COMMAND_LINE).catch((e: unknown) => e);
      expect(demote).toBeInstanceOf(InputError);
      expect((demote as Error).message).toMatch(/only enabled administrator/);
      await expect(disableUser(storage.db, first.id, COMMAND_LINE)).rejects.toThrow(/only enabled administrator/);

      const second = await insertUser(storage.db, { name: 'second-admin', role: 'admin' });
      await disableUser(storage.db, first.id, COMMAND_LINE);
      await expect(setRole(storage.db, second.id, 'reviewer', COMMAND_LINE)).rejects.toThrow(/only enabled/);
      await enableUser(storage.db, first.id, COMMAND_LINE);
      await setRole(storage.db, second.id, 'reviewer', COMMAND_LINE);
      expect((await getUserByName(storage.db, 'second-admin')).role).toBe('reviewer');
      const { entries } = await listAudit(storage.db, { limit: 1, action: 'user_role' });
      expect(entries[0]).toMatchObject({ target: `user:${second.id}`, detail: 'admin → reviewer' });
    });

    it('lets a user change their own password only with the current one', async () => {
      const user = await insertUser(storage.db, { name: 'changer', role: 'reviewer' });
      const wrong = await changeOwnPassword(
        storage.db,
        user.id,
        { current: 'not it at all', next: 'a brand new password' },
        COMMAND_LINE,
      ).catch((e: unknown) => e);
      expect(wrong).toMatchObject({ field: 'current', problem: 'wrong' });
      await changeOwnPassword(
        storage.db,
        user.id,
        { current: user.password, next: 'a brand new password' },
        COMMAND_LINE,
      );
      const row = await storage.db
        .selectFrom('users')
        .select('password_hash')
        .where('id', '=', user.id)
        .executeTakeFirstOrThrow();
      expect(await verifyPassword('a brand new password', row.password_hash)).toBe(true);
    });

    it('cuts long audit notes, and pages through the log newest first', async () => {
      for (let i = 0; i < 5; i++)
        await recordAudit(storage.db, {
          actor: COMMAND_LINE,
          action: 'person_merge',
          target: `person:${i}`,
          detail: 'x'.repeat(600),
        });
      const first = await listAudit(storage.db, { limit: 3, action: 'person_merge' });
      expect(first.entries.map((e) => e.target)).toEqual(['person:4', 'person:3', 'person:2']);
      expect(first.entries[0]!.detail).toHaveLength(500);
      const next = await listAudit(storage.db, { limit: 3, action: 'person_merge', before: first.before! });
      expect(next.entries.map((e) => e.target)).toEqual(['person:1', 'person:0']);
      expect(next.before).toBeNull();
    });
  });

  describe(`the first administrator on ${engine}`, () => {
    it('is created once: from a given password, with a one-time password only where it can be shown, else not', async () => {
      const storage = await openTestStorage(engine);
      try {
        expect(await ensureFirstAdmin(storage.db, { mayShowPassword: false })).toEqual({ outcome: 'missing' });
        expect(await count(storage)).toBe(0);
        const made = await ensureFirstAdmin(storage.db, { mayShowPassword: true });
        expect(made.outcome).toBe('one-time');
        const password = (made as { password: string }).password;
        expect(password).toMatch(/^[a-zA-Z2-9]{5}(-[a-zA-Z2-9]{5}){3}$/);
        const admin = await getUserByName(storage.db, 'admin');
        expect(admin).toMatchObject({ role: 'admin', mustChangePassword: true });
        // Never again, whatever is asked.
        expect(await ensureFirstAdmin(storage.db, { password: 'another password', mayShowPassword: true })).toEqual({
          outcome: 'exists',
        });
      } finally {
        await storage.close();
      }
      const other = await openTestStorage(engine);
      try {
        expect(await ensureFirstAdmin(other.db, { password: 'from the environment', mayShowPassword: true })).toEqual({
          outcome: 'created',
        });
        expect(await getUserByName(other.db, 'admin')).toMatchObject({ role: 'admin', mustChangePassword: false });
      } finally {
        await other.close();
      }
    });
  });
}

async function count(storage: Storage): Promise<number> {
  return (await listUsers(storage.db)).length;
}
