import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Storage } from '../../src/db/connection.ts';
import { tablesOn } from '../../src/db/tables.ts';
import { createApp } from '../../src/web/app.tsx';
import { insertUser, testSettings } from '../support/accounts.ts';
import { Client, type Reply } from '../support/client.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';

// Secrets no page, API answer, log line or table may ever hold in the clear.
const CANARY = 'canary-Passw0rd-7f3a9c';
const NEXT = 'canary-Next-91be04d2';
const RESET = 'canary-Reset-5d0e77a1';
const INITIAL = 'canary-Initial-c3f2b8';

for (const engine of ENGINES) {
  describe(`secrets on ${engine}`, () => {
    let storage: Storage;
    beforeAll(async () => {
      storage = await openTestStorage(engine);
    });
    afterAll(async () => {
      await storage?.close();
    });

    it('never show a password, session token or API token in a page, an answer, the log or the database', async () => {
      const said: string[] = [];
      const spies = [
        ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
          vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void said.push(args.map(String).join(' '))),
        ),
        vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => said.push(String(chunk)) > 0),
        vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => said.push(String(chunk)) > 0),
      ];
      const replies: { what: string; reply: Reply }[] = [];
      try {
        const app = createApp(storage, { accounts: testSettings() });
        const admin = await insertUser(storage.db, { name: 'keeper', role: 'admin', password: CANARY });
        const other = await insertUser(storage.db, { name: 'other', role: 'editor' });
        const browser = new Client(app);
        const step = async (what: string, reply: Promise<Reply>) => replies.push({ what, reply: await reply });

        await step('sign-in page', browser.get('/en/sign-in'));
        await step('wrong password', browser.post('/en/sign-in', { name: 'keeper', password: `${CANARY}-wrong` }));
        await step('unknown user', browser.post('/en/sign-in', { name: 'nobody', password: CANARY }));
        await step('sign in', browser.post('/en/sign-in', { name: 'keeper', password: CANARY }));
        const session = browser.cookies.get('fates_session')!;
        expect(session).toMatch(/^[\w-]{43}$/);
        for (const path of [
          '/en/about',
          '/en/account',
          '/en/admin/users',
          `/en/admin/users/${admin.id}`,
          '/en/admin/audit',
        ])
          await step(path, browser.get(path));
        await step('me via session', browser.get('/api/v1/me'));
        await step(
          'wrong current password',
          browser.post('/en/account/password', { current: `${CANARY}x`, password: NEXT }),
        );
        await step(
          'too short new password',
          browser.post('/en/account/password', { current: CANARY, password: 'short' }),
        );
        await step('change password', browser.post('/en/account/password', { current: CANARY, password: NEXT }));
        const created = await browser.post('/en/account/tokens', { label: 'leak test' });
        const apiToken = /<code class="secret">(fates_[\w-]+)</.exec(created.text)![1]!;
        await step('account after token', browser.get('/en/account'));
        await step('me via token', new Client(app, { authorization: `Bearer ${apiToken}` }).get('/api/v1/me'));
        await step(
          'add user, too long name',
          browser.post('/en/admin/users', { name: 'x'.repeat(70), role: 'editor', password: INITIAL }),
        );
        await step('add user', browser.post('/en/admin/users', { name: 'added', role: 'editor', password: INITIAL }));
        await step(
          'reset password, too short',
          browser.post(`/en/admin/users/${other.id}/password`, { password: 'short' }),
        );
        await step('reset password', browser.post(`/en/admin/users/${other.id}/password`, { password: RESET }));
        await step('audit after', browser.get('/en/admin/audit'));
        await step('user after', browser.get(`/en/admin/users/${other.id}`));
        await step('sign out', browser.post('/en/sign-out'));
        await step('forged form', browser.post('/en/sign-in', { name: 'keeper', password: NEXT, _csrf: 'forged' }));

        const secrets = { password: CANARY, next: NEXT, reset: RESET, initial: INITIAL, session, apiToken };
        for (const { what, reply } of replies) {
          const headers = [...reply.res.headers].filter(([name]) => name !== 'set-cookie').join('\n');
          for (const [kind, secret] of Object.entries(secrets)) {
            expect(reply.text.includes(secret), `${kind} in the body of “${what}”`).toBe(false);
            expect(headers.includes(secret), `${kind} in the headers of “${what}”`).toBe(false);
          }
        }
        // The session's secret travels in its cookie and nowhere else.
        const cookies = replies.flatMap(({ what, reply }) =>
          reply.res.headers.getSetCookie().map((c) => `${what}: ${c}`),
        );
        expect(cookies.filter((c) => c.includes(session))).toEqual([
          `sign in: fates_session=${session}; Max-Age=43200; Path=/; HttpOnly; SameSite=Lax`,
        ]);

        const log = said.join('\n');
        for (const [kind, secret] of Object.entries(secrets))
          expect(log.includes(secret), `${kind} in the log`).toBe(false);

        let stored = '';
        for (const table of tablesOn(engine).filter((t) => !t.startsWith('search_') && !t.startsWith('text_')))
          stored += JSON.stringify((await sql`SELECT * FROM ${sql.table(table)}`.execute(storage.db)).rows);
        expect(stored).toContain('keeper');
        for (const [kind, secret] of Object.entries(secrets))
          expect(stored.includes(secret), `${kind} in the database`).toBe(false);
      } finally {
        for (const spy of spies) spy.mockRestore();
      }
      // It did take all those steps (a failed step would make the checks above vacuous).
      expect(replies.map((r) => r.reply.status)).toEqual([
        200, 401, 401, 303, 200, 200, 200, 200, 200, 200, 400, 400, 303, 200, 200, 400, 303, 400, 303, 200, 200, 303,
        403,
      ]);
    });
  });
}
