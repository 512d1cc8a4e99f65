import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_LINE } from '../../src/accounts/audit.ts';
import { createToken, revokeToken } from '../../src/accounts/token.service.ts';
import { listUsers } from '../../src/accounts/user.service.ts';
import type { Storage } from '../../src/db/connection.ts';
import { createApp } from '../../src/web/app.tsx';
import { requireRole } from '../../src/web/auth.ts';
import { insertUser, testSettings } from '../support/accounts.ts';
import { Client } from '../support/client.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';

/** The app with one editor-only API write, as the write API will have them. */
function appWithWrite(storage: Storage) {
  const app = createApp(storage, { accounts: testSettings() });
  app.post('/api/v1/test-write', requireRole('editor'), (c) => c.json({ by: c.var.user!.name }));
  return app;
}

for (const engine of ENGINES) {
  describe(`guards and forged requests on ${engine}`, () => {
    let storage: Storage;
    let app: ReturnType<typeof appWithWrite>;
    const users: Record<string, Awaited<ReturnType<typeof insertUser>>> = {};
    const tokens: Record<string, string> = {};
    beforeAll(async () => {
      storage = await openTestStorage(engine);
      app = appWithWrite(storage);
      for (const role of ['admin', 'editor', 'reviewer'] as const) {
        users[role] = await insertUser(storage.db, { name: `the-${role}`, role });
        tokens[role] = (await createToken(storage.db, users[role].id, { label: 'test' }, COMMAND_LINE)).token;
      }
    });
    afterAll(async () => {
      await storage?.close();
    });
    const as = async (role: string) => {
      const browser = new Client(app);
      await browser.signIn(`the-${role}`, users[role]!.password);
      return browser;
    };
    const userCount = async () => (await listUsers(storage.db)).length;

    it('sends an anonymous reader of an admin page to sign in, and back after', async () => {
      const browser = new Client(app);
      const refused = await browser.get('/en/admin/users?x=1');
      expect(refused.status).toBe(303);
      expect(refused.location).toBe('/en/sign-in?next=%2Fen%2Fadmin%2Fusers%3Fx%3D1');
      const form = await browser.get(refused.location!);
      expect(form.text).toContain('Sign in to continue.');
      expect(form.text).toContain('name="next" value="/en/admin/users?x=1"');
      const back = await browser.post('/en/sign-in', {
        name: 'the-admin',
        password: users.admin!.password,
        next: '/en/admin/users?x=1',
      });
      expect(back.location).toBe('/en/admin/users?x=1');
      expect((await browser.get(back.location!)).status).toBe(200);
    });

    it('refuses editors and reviewers on admin pages with 403, and saves nothing they send', async () => {
      for (const role of ['editor', 'reviewer']) {
        const browser = await as(role);
        for (const path of ['/en/admin/users', '/en/admin/audit', `/de/admin/users/${users.admin!.id}`]) {
          const page = await browser.get(path);
          expect(page.status, `${role} ${path}`).toBe(403);
        }
        const page = await browser.get('/en/admin/users');
        expect(page.text).toContain('<h1>Not allowed</h1>');
        await browser.get('/en/account'); // a page with a valid token of this session
        const before = await userCount();
        const sent = await browser.post('/en/admin/users', {
          name: 'intruder',
          role: 'admin',
          password: 'long enough password',
        });
        expect(sent.status).toBe(403);
        const promoted = await browser.post(`/en/admin/users/${users[role]!.id}/role`, { role: 'admin' });
        expect(promoted.status).toBe(403);
        expect(await userCount()).toBe(before);
      }
      const admin = await as('admin');
      expect((await admin.get('/en/admin/users')).status).toBe(200);
      expect((await admin.get('/en/admin/audit')).status).toBe(200);
    });

    it('refuses a forged, missing, foreign or cross-site CSRF token with a clear 403 page, changing nothing', async () => {
      const admin = await as('admin');
      const other = await as('editor');
      await other.get('/en/account');
      await admin.get('/en/admin/users');
      const form = { name: 'forged', role: 'editor', password: 'long enough password' };
      const before = await userCount();
      const attempts = {
        forged: () => admin.post('/en/admin/users', { ...form, _csrf: 'x'.repeat(43) }),
        missing: () => admin.request('/en/admin/users', { form }),
        'another session’s': () => admin.post('/en/admin/users', { ...form, _csrf: other.csrf! }),
        'cross-origin': () => admin.post('/en/admin/users', form, { origin: 'https://evil.example' }),
        'cross-site fetch': () => admin.post('/en/admin/users', form, { 'sec-fetch-site': 'cross-site' }),
      };
      for (const [what, attempt] of Object.entries(attempts)) {
        const reply = await attempt();
        expect(reply.status, what).toBe(403);
        expect(reply.text, what).toContain('<h1>The form could not be accepted</h1>');
        expect(reply.text, what).toContain('reload the page and send the form again');
      }
      expect(await userCount()).toBe(before);
      // The same form with its token, from this site, goes through.
      const sent = await admin.post('/en/admin/users', form, {
        origin: 'http://localhost',
        'sec-fetch-site': 'same-origin',
      });
      expect(sent.status).toBe(303);
      expect(await userCount()).toBe(before + 1);
    });

    it('protects the sign-in form too, so no one can be signed in to another account from elsewhere', async () => {
      const reader = new Client(app);
      await reader.get('/en/sign-in');
      const forged = await reader.request('/en/sign-in', {
        form: { name: 'the-editor', password: users.editor!.password },
      });
      expect(forged.status).toBe(403);
      expect(reader.cookies.has('fates_session')).toBe(false);
      const noCookie = await app.request('/en/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          name: 'the-editor',
          password: users.editor!.password,
          _csrf: reader.csrf!,
        }).toString(),
      });
      expect(noCookie.status).toBe(403);
    });

    it('answers the API with 401 and 403 in JSON, and takes bearer tokens without CSRF tokens', async () => {
      const write = (headers: Record<string, string>) =>
        app.request('/api/v1/test-write', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...headers },
          body: '{}',
        });
      const anonymous = await write({});
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="fates"');
      expect(await anonymous.json()).toMatchObject({ error: { code: 'unauthorized' } });

      const reviewer = await write({ authorization: `Bearer ${tokens.reviewer}` });
      expect(reviewer.status).toBe(403);
      expect(await reviewer.json()).toMatchObject({ error: { code: 'forbidden' } });

      const editor = await write({ authorization: `Bearer ${tokens.editor}` });
      expect(editor.status).toBe(200);
      expect(await editor.json()).toEqual({ by: 'the-editor' });

      for (const bad of ['Bearer fates_nonsense', 'Bearer', `bearer ${tokens.editor}x`]) {
        const refused = await write({ authorization: bad });
        expect(refused.status, bad).toBe(401);
        expect(refused.headers.get('www-authenticate'), bad).toBe('Bearer realm="fates", error="invalid_token"');
        expect(await refused.json(), bad).toMatchObject({ error: { code: 'invalid_token' } });
      }
      // A revoked token is refused even where no sign-in is needed, so its holder learns it.
      const { id, token } = await createToken(storage.db, users.editor!.id, { label: 'soon revoked' }, COMMAND_LINE);
      await revokeToken(storage.db, id, COMMAND_LINE);
      const revoked = await app.request('/api/v1/persons', { headers: { authorization: `Bearer ${token}` } });
      expect(revoked.status).toBe(401);
      expect(await revoked.json()).toMatchObject({ error: { code: 'invalid_token' } });
      // Another scheme (a proxy's Basic authentication) is not ours to judge.
      expect((await app.request('/en/about', { headers: { authorization: 'Basic dXNlcjpwYXNz' } })).status).toBe(200);
    });

    it('asks a browser session calling the API for the CSRF header', async () => {
      const editor = await as('editor');
      await editor.get('/en/account');
      const without = await editor.request('/api/v1/test-write', {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
      });
      expect(without.status).toBe(403);
      expect(JSON.parse(without.text)).toMatchObject({ error: { code: 'csrf' } });
      const withHeader = await editor.request('/api/v1/test-write', {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json', 'x-csrf-token': editor.csrf! },
      });
      expect(withHeader.status).toBe(200);
    });

    it('says clearly when input is too long, and saves nothing of it', async () => {
      const reader = new Client(app);
      const longPassword = await reader.signIn('the-admin', 'p'.repeat(257));
      expect(longPassword.status).toBe(400);
      expect(longPassword.text).toContain('Password: At most 256 characters.');
      const longName = await reader.signIn('n'.repeat(65), 'whatever it is');
      expect(longName.text).toContain('User name: At most 64 characters.');

      const admin = await as('admin');
      await admin.get('/en/admin/users');
      const before = await userCount();
      const named = await admin.post('/en/admin/users', {
        name: 'n'.repeat(65),
        role: 'editor',
        password: 'long enough password',
      });
      expect(named.status).toBe(400);
      expect(named.text).toMatch(/id="name-error">At most 64 characters.</);
      const described = await admin.post('/en/admin/users', {
        name: 'fine',
        displayName: 'D'.repeat(101),
        role: 'editor',
        password: 'long enough password',
      });
      expect(described.text).toMatch(/id="displayName-error">At most 100 characters.</);
      // Typed again only where it was wrong: the name stays, the password does not.
      expect(described.text).toContain('value="fine"');
      expect(described.text).not.toContain('long enough password');
      const huge = await admin.post('/en/admin/users', {
        name: 'huge',
        role: 'editor',
        password: 'x'.repeat(2 * 1024 * 1024),
      });
      expect(huge.status).toBe(413);
      expect(huge.text).toContain('The form sent more than 1024 KiB');
      expect(await userCount()).toBe(before);
    });
  });
}
