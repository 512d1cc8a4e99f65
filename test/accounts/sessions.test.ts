import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '../../src/accounts/audit.service.ts';
import { COMMAND_LINE } from '../../src/accounts/audit.ts';
import { timestamp } from '../../src/accounts/clock.ts';
import { digest } from '../../src/accounts/secret.ts';
import { closeAllSessions, openSession, resolveSession } from '../../src/accounts/session.service.ts';
import { DEFAULT_ACCOUNT_SETTINGS } from '../../src/accounts/settings.ts';
import { SignInRefusedError, SignInThrottledError, signIn } from '../../src/accounts/sign-in.service.ts';
import { createToken, listTokens, resolveToken, revokeToken } from '../../src/accounts/token.service.ts';
import { disableUser, enableUser, setPassword } from '../../src/accounts/user.service.ts';
import type { Storage } from '../../src/db/connection.ts';
import { insertUser, testSettings } from '../support/accounts.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';

const minutes = (at: Date, n: number) => new Date(at.getTime() + n * 60_000);
const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => 'signed in',
    (e: unknown) => e,
  );

for (const engine of ENGINES) {
  describe(`sign-in and sessions on ${engine}`, () => {
    let storage: Storage;
    beforeAll(async () => {
      storage = await openTestStorage(engine);
    });
    afterAll(async () => {
      await storage?.close();
    });

    it('signs in with the right password only, saying the same whether or not the account exists', async () => {
      const user = await insertUser(storage.db, { name: 'ada', role: 'editor' });
      const settings = testSettings();
      const { user: signedIn, token } = await signIn(
        storage.db,
        { name: 'ADA', password: user.password, address: '10.0.0.1' },
        settings,
      );
      expect(signedIn).toEqual({
        id: user.id,
        name: 'ada',
        displayName: null,
        role: 'editor',
        mustChangePassword: false,
      });
      expect(await resolveSession(storage.db, token, settings)).toEqual(signedIn);
      // The table holds the digest, never the cookie's secret.
      const rows = await storage.db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).execute();
      expect(rows.map((r) => r.token_hash)).toEqual([digest(token)]);

      const wrong = await refusal(
        signIn(storage.db, { name: 'ada', password: 'wrong password', address: '10.0.0.1' }, settings),
      );
      const unknown = await refusal(
        signIn(storage.db, { name: 'nobody', password: 'wrong password', address: '10.0.0.1' }, settings),
      );
      expect(wrong).toBeInstanceOf(SignInRefusedError);
      expect(unknown).toBeInstanceOf(SignInRefusedError);
      expect((wrong as Error).message).toBe((unknown as Error).message);
      const { entries } = await listAudit(storage.db, { limit: 3 });
      expect(entries.map((e) => [e.action, e.target])).toEqual([
        ['sign_in_failed', null],
        ['sign_in_failed', `user:${user.id}`],
        ['sign_in', `user:${user.id}`],
      ]);
      expect(entries[0]).toMatchObject({ address: '10.0.0.1', actorId: null, via: 'web' });
    });

    it('refuses a disabled user even with the right password, and ends their sessions and tokens', async () => {
      const user = await insertUser(storage.db, { name: 'bert', role: 'reviewer' });
      const settings = testSettings();
      const { token } = await signIn(storage.db, { name: 'bert', password: user.password, address: 'a' }, settings);
      const { token: apiToken } = await createToken(storage.db, user.id, { label: 'script' }, COMMAND_LINE);
      expect(await resolveToken(storage.db, apiToken)).toMatchObject({ id: user.id });

      await disableUser(storage.db, user.id, COMMAND_LINE);
      expect(await resolveSession(storage.db, token, settings)).toBeNull();
      expect(await resolveToken(storage.db, apiToken)).toBeNull();
      const refused = await refusal(
        signIn(storage.db, { name: 'bert', password: user.password, address: 'a' }, settings),
      );
      expect(refused).toMatchObject({ reason: 'disabled' });

      await enableUser(storage.db, user.id, COMMAND_LINE);
      expect(await resolveToken(storage.db, apiToken)).toMatchObject({ id: user.id, role: 'reviewer' });
    });

    it('throttles failures per name, whether the account exists or not, and lets the name in after the window', async () => {
      const user = await insertUser(storage.db, { name: 'carla', role: 'editor' });
      const settings = testSettings({ perAccount: 3, perAddress: 100 });
      const start = new Date();
      for (let i = 0; i < 3; i++) {
        const e = await refusal(
          signIn(storage.db, { name: 'carla', password: 'guess', address: `192.0.2.${i}` }, settings, start),
        );
        expect(e).toBeInstanceOf(SignInRefusedError);
      }
      // Even the right password is not checked now, from any address.
      const throttled = await refusal(
        signIn(storage.db, { name: 'Carla', password: user.password, address: '198.51.100.7' }, settings, start),
      );
      expect(throttled).toBeInstanceOf(SignInThrottledError);
      expect((throttled as SignInThrottledError).retryAfterSeconds).toBeGreaterThan(14 * 60);
      expect((throttled as SignInThrottledError).retryAfterSeconds).toBeLessThanOrEqual(15 * 60);
      // An unknown name is throttled the same way.
      for (let i = 0; i < 3; i++)
        await refusal(signIn(storage.db, { name: 'ghost', password: 'guess', address: '192.0.2.9' }, settings, start));
      expect(
        await refusal(signIn(storage.db, { name: 'ghost', password: 'guess', address: '192.0.2.9' }, settings, start)),
      ).toBeInstanceOf(SignInThrottledError);

      const later = minutes(start, settings.throttle.windowMinutes + 1);
      const { user: signedIn } = await signIn(
        storage.db,
        { name: 'carla', password: user.password, address: 'x' },
        settings,
        later,
      );
      expect(signedIn.id).toBe(user.id);
    });

    it('throttles failures per address across names', async () => {
      const settings = testSettings({ perAccount: 100, perAddress: 3 });
      const user = await insertUser(storage.db, { name: 'dora', role: 'editor' });
      for (const name of ['one', 'two', 'three'])
        await refusal(signIn(storage.db, { name, password: 'guess', address: '203.0.113.5' }, settings));
      expect(
        await refusal(signIn(storage.db, { name: 'dora', password: user.password, address: '203.0.113.5' }, settings)),
      ).toBeInstanceOf(SignInThrottledError);
      const { user: fromElsewhere } = await signIn(
        storage.db,
        { name: 'dora', password: user.password, address: '203.0.113.6' },
        settings,
      );
      expect(fromElsewhere.id).toBe(user.id);
    });

    it('checks no more passwords than the limit when many guesses arrive at once', async () => {
      await insertUser(storage.db, { name: 'erik', role: 'editor' });
      const settings = testSettings({ perAccount: 3, perAddress: 100 });
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          refusal(signIn(storage.db, { name: 'erik', password: `guess ${i}`, address: `10.1.0.${i}` }, settings)),
        ),
      );
      expect(results.filter((r) => r instanceof SignInRefusedError)).toHaveLength(3);
      expect(results.filter((r) => r instanceof SignInThrottledError)).toHaveLength(7);
    });

    it('ends a session after the idle timeout and after the absolute timeout, however busy', async () => {
      const user = await insertUser(storage.db, { name: 'fritz', role: 'editor' });
      const settings = { ...DEFAULT_ACCOUNT_SETTINGS, idleMinutes: 30, maxHours: 2 };
      const start = new Date();
      const idle = await openSession(storage.db, user.id, settings, start);
      expect(await resolveSession(storage.db, idle, settings, minutes(start, 29))).not.toBeNull();
      expect(await resolveSession(storage.db, idle, settings, minutes(start, 29 + 31))).toBeNull();
      // An ended session is gone, not just refused.
      expect(
        await storage.db.selectFrom('sessions').select('token_hash').where('token_hash', '=', digest(idle)).execute(),
      ).toEqual([]);

      const busy = await openSession(storage.db, user.id, settings, start);
      for (let m = 20; m < 120; m += 20)
        expect(await resolveSession(storage.db, busy, settings, minutes(start, m)), `${m} min`).not.toBeNull();
      expect(await resolveSession(storage.db, busy, settings, minutes(start, 121))).toBeNull();
    });

    it('writes a session’s last use at most once a minute', async () => {
      const user = await insertUser(storage.db, { name: 'greta', role: 'editor' });
      const start = new Date(Math.floor(Date.now() / 60_000) * 60_000);
      const token = await openSession(storage.db, user.id, DEFAULT_ACCOUNT_SETTINGS, start);
      const seen = async () =>
        (
          await storage.db
            .selectFrom('sessions')
            .select('seen_at')
            .where('token_hash', '=', digest(token))
            .executeTakeFirstOrThrow()
        ).seen_at;
      await resolveSession(storage.db, token, DEFAULT_ACCOUNT_SETTINGS, new Date(start.getTime() + 30_000));
      expect(await seen()).toBe(timestamp(start));
      await resolveSession(storage.db, token, DEFAULT_ACCOUNT_SETTINGS, minutes(start, 2));
      expect(await seen()).toBe(timestamp(minutes(start, 2)));
    });

    it('signs out everywhere, and a new password ends the other sessions but keeps the one asked', async () => {
      const user = await insertUser(storage.db, { name: 'hanna', role: 'editor' });
      const settings = DEFAULT_ACCOUNT_SETTINGS;
      const [a, b] = [
        await openSession(storage.db, user.id, settings),
        await openSession(storage.db, user.id, settings),
      ];
      expect(await closeAllSessions(storage.db, user.id, COMMAND_LINE)).toBe(2);
      expect(await resolveSession(storage.db, a, settings)).toBeNull();
      expect(await resolveSession(storage.db, b, settings)).toBeNull();

      const [c, d] = [
        await openSession(storage.db, user.id, settings),
        await openSession(storage.db, user.id, settings),
      ];
      await setPassword(storage.db, user.id, 'a new password here', COMMAND_LINE, { keepSession: digest(c) });
      expect(await resolveSession(storage.db, c, settings)).not.toBeNull();
      expect(await resolveSession(storage.db, d, settings)).toBeNull();
    });
  });

  describe(`API tokens on ${engine}`, () => {
    let storage: Storage;
    beforeAll(async () => {
      storage = await openTestStorage(engine);
    });
    afterAll(async () => {
      await storage?.close();
    });

    it('act with their user’s current role until revoked, and are stored as digests only', async () => {
      const user = await insertUser(storage.db, { name: 'ida', role: 'editor' });
      const { id, token } = await createToken(storage.db, user.id, { label: 'list import' }, COMMAND_LINE);
      expect(token).toMatch(/^fates_[A-Za-z0-9_-]{43}$/);
      expect(await resolveToken(storage.db, token)).toMatchObject({ id: user.id, name: 'ida', role: 'editor' });
      const row = await storage.db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.token_hash).toBe(digest(token));
      expect(JSON.stringify(await listTokens(storage.db, user.id))).not.toContain(row.token_hash);
      expect((await listTokens(storage.db, user.id))[0]).toMatchObject({
        label: 'list import',
        lastUsedAt: expect.any(String),
      });

      await revokeToken(storage.db, id, COMMAND_LINE);
      expect(await resolveToken(storage.db, token)).toBeNull();
      const { entries } = await listAudit(storage.db, { limit: 2 });
      expect(entries.map((e) => e.action)).toEqual(['token_revoke', 'token_create']);
      expect(JSON.stringify(entries)).not.toContain(token);
    });

    it('expire after the days given, and refuse anything that is not a token', async () => {
      const user = await insertUser(storage.db, { name: 'jon', role: 'reviewer' });
      const now = new Date();
      const { token } = await createToken(storage.db, user.id, { label: 'a week', days: 7 }, COMMAND_LINE, now);
      expect(await resolveToken(storage.db, token, minutes(now, 6 * 24 * 60))).not.toBeNull();
      expect(await resolveToken(storage.db, token, minutes(now, 7 * 24 * 60 + 1))).toBeNull();
      for (const bad of ['', 'fates_', `${token}x`, token.replace('fates_', 'other_'), "fates_' OR 1=1 --"])
        expect(await resolveToken(storage.db, bad), bad).toBeNull();
      await expect(createToken(storage.db, user.id, { label: ' ' }, COMMAND_LINE)).rejects.toMatchObject({
        field: 'label',
        problem: 'required',
      });
      await expect(createToken(storage.db, user.id, { label: 'x', days: 0 }, COMMAND_LINE)).rejects.toThrow(
        /1 to 3650/,
      );
    });

    it('only its owner’s token is revoked when an owner is named', async () => {
      const owner = await insertUser(storage.db, { name: 'kai', role: 'editor' });
      const other = await insertUser(storage.db, { name: 'lea', role: 'editor' });
      const { id, token } = await createToken(storage.db, owner.id, { label: 'mine' }, COMMAND_LINE);
      await expect(revokeToken(storage.db, id, COMMAND_LINE, other.id)).rejects.toThrow(/no token/);
      expect(await resolveToken(storage.db, token)).not.toBeNull();
    });
  });
}
