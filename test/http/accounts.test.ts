import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_LINE } from '../../src/accounts/audit.ts';
import { digest } from '../../src/accounts/secret.ts';
import { createToken } from '../../src/accounts/token.service.ts';
import { getUserByName } from '../../src/accounts/user.service.ts';
import type { Storage } from '../../src/db/connection.ts';
import { createApp } from '../../src/web/app.tsx';
import { insertUser, testSettings } from '../support/accounts.ts';
import { Client } from '../support/client.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';

const cookieHeader = (res: Response, name: string) => res.headers.getSetCookie().find((c) => c.includes(`${name}=`));

for (const engine of ENGINES) {
  describe(`signing in and out on ${engine}`, () => {
    let storage: Storage;
    let app: ReturnType<typeof createApp>;
    let admin: Awaited<ReturnType<typeof insertUser>>;
    let editor: Awaited<ReturnType<typeof insertUser>>;
    beforeAll(async () => {
      storage = await openTestStorage(engine);
      app = createApp(storage, { accounts: testSettings({ perAccount: 3 }) });
      admin = await insertUser(storage.db, { name: 'admin', role: 'admin' });
      editor = await insertUser(storage.db, { name: 'mensing', role: 'editor', displayName: 'Wilhelm Mensing' });
    });
    afterAll(async () => {
      await storage?.close();
    });

    it('signs in with HttpOnly, SameSite=Lax cookies, back to the page asked for, with the name in the header', async () => {
      const browser = new Client(app);
      const form = await browser.get('/en/sign-in?next=%2Fen%2Fabout');
      expect(form.status).toBe(200);
      expect(form.text).toContain('autocomplete="current-password"');
      expect(cookieHeader(form.res, 'fates_csrf')).toMatch(/HttpOnly; SameSite=Lax/);
      expect(cookieHeader(form.res, 'fates_csrf')).not.toMatch(/Secure/);

      const signedIn = await browser.post('/en/sign-in', {
        name: 'Mensing',
        password: editor.password,
        next: '/en/about',
      });
      expect(signedIn.status).toBe(303);
      expect(signedIn.location).toBe('/en/about');
      expect(cookieHeader(signedIn.res, 'fates_session')).toMatch(
        /^fates_session=[\w-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Lax$/,
      );
      expect(browser.cookies.has('fates_csrf')).toBe(false);

      const about = await browser.get('/en/about');
      expect(about.text).toContain('class="account-name">Wilhelm Mensing</a>');
      expect(about.text).toContain('action="/en/sign-out"');
      expect(about.res.headers.get('cache-control')).toBe('private, no-store');
      expect(about.text).not.toContain('/en/admin/users'); // an editor is no admin
    });

    it('signs out: the session ends in the table, and its cookie no longer signs anyone in', async () => {
      const browser = new Client(app);
      await browser.signIn('mensing', editor.password);
      const stolen = browser.cookies.get('fates_session')!;
      await browser.get('/en/about');
      const out = await browser.post('/en/sign-out');
      expect(out.status).toBe(303);
      expect(out.location).toBe('/en/sign-in?done=out');
      expect(browser.cookies.has('fates_session')).toBe(false);
      expect((await browser.get(out.location!)).text).toContain('You have signed out.');
      const row = await storage.db
        .selectFrom('sessions')
        .select('user_id')
        .where('token_hash', '=', digest(stolen))
        .execute();
      expect(row).toEqual([]);
      const replay = await app.request('/en/about', { headers: { cookie: `fates_session=${stolen}` } });
      expect(await replay.text()).not.toContain('account-name');
      expect(cookieHeader(replay, 'fates_session')).toMatch(/Max-Age=0/);
    });

    it('answers a wrong password and an unknown name alike, and tells a disabled user so', async () => {
      const wrong = await new Client(app).signIn('mensing', 'not the password');
      const unknown = await new Client(app).signIn('nobody-here', 'not the password');
      expect(wrong.status).toBe(401);
      expect(unknown.status).toBe(401);
      const message = (text: string) => /role="alert">([^<]*)</.exec(text)?.[1];
      expect(message(wrong.text)).toBe('The name or password is not right.');
      expect(message(unknown.text)).toBe(message(wrong.text));
      // The name typed stays in the form; the password never comes back.
      expect(wrong.text).toContain('value="mensing"');
      expect(wrong.text).not.toContain('not the password');

      const gone = await insertUser(storage.db, { name: 'gone', role: 'reviewer' });
      const adminBrowser = new Client(app);
      await adminBrowser.signIn('admin', admin.password);
      await adminBrowser.get(`/en/admin/users/${gone.id}`);
      expect((await adminBrowser.post(`/en/admin/users/${gone.id}/disable`)).status).toBe(303);
      const disabled = await new Client(app).signIn('gone', gone.password);
      expect(disabled.status).toBe(403);
      expect(message(disabled.text)).toMatch(/This account is disabled/);
    });

    it('throttles failed sign-ins with 429, Retry-After and a clear message', async () => {
      const victim = await insertUser(storage.db, { name: 'throttled', role: 'editor' });
      for (let i = 0; i < 3; i++) expect((await new Client(app).signIn('throttled', `guess ${i}`)).status).toBe(401);
      const refused = await new Client(app).signIn('throttled', victim.password);
      expect(refused.status).toBe(429);
      expect(Number(refused.res.headers.get('retry-after'))).toBeGreaterThan(800);
      expect(refused.text).toMatch(
        /Too many failed sign-ins for this name or from this address. Try again in 1[45] minutes./,
      );
    });

    it('ends the session a browser had when it signs in as someone else, and keeps shared caches away', async () => {
      const browser = new Client(app);
      await browser.signIn('mensing', editor.password);
      const first = browser.cookies.get('fates_session')!;
      const form = await browser.get('/en/sign-in?next=%2Fen%2F');
      expect(form.status).toBe(303); // a signed-in reader is sent on
      await browser.get('/en/about');
      const again = await browser.post('/en/sign-in', { name: 'admin', password: admin.password });
      expect(again.status).toBe(303);
      expect(browser.cookies.get('fates_session')).not.toBe(first);
      expect(
        await storage.db.selectFrom('sessions').select('user_id').where('token_hash', '=', digest(first)).execute(),
      ).toEqual([]);
      // Every page with a form token is private: a shared cache would give one reader's token to another.
      expect((await new Client(app).get('/en/sign-in')).res.headers.get('cache-control')).toBe('private, no-store');
      expect((await new Client(app).get('/en/about')).res.headers.get('cache-control')).toBeNull();
    });

    it('sends a reader back only into this site after signing in', async () => {
      for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
        const reply = await new Client(app).signIn('admin', admin.password, next);
        expect(reply.status, next).toBe(303);
        expect(reply.location, next).toBe('/en/');
      }
    });

    it('marks cookies Secure and __Host- behind an HTTPS proxy it is told to trust, and only then', async () => {
      const proxied = createApp(storage, { accounts: { ...testSettings(), trustProxy: true } });
      const behind = new Client(proxied, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' });
      const form = await behind.get('/en/sign-in');
      expect(cookieHeader(form.res, '__Host-fates_csrf')).toMatch(/Path=\/; HttpOnly; Secure; SameSite=Lax/);
      const signedIn = await behind.post('/en/sign-in', { name: 'admin', password: admin.password });
      expect(cookieHeader(signedIn.res, '__Host-fates_session')).toMatch(/HttpOnly; Secure; SameSite=Lax/);
      const audit = await behind.get('/en/admin/audit?action=sign_in');
      expect(audit.text).toContain('203.0.113.9');

      const untrusted = new Client(app, { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' });
      const plain = await untrusted.get('/en/sign-in');
      expect(cookieHeader(plain.res, 'fates_csrf')).not.toMatch(/Secure|__Host-/);
    });

    it('makes a user with a one-time password choose their own before anything else', async () => {
      const newcomer = await insertUser(storage.db, { name: 'newcomer', role: 'editor', mustChangePassword: true });
      const browser = new Client(app);
      await browser.signIn('newcomer', newcomer.password);
      await createToken(storage.db, newcomer.id, { label: 'x' }, COMMAND_LINE); // an admin may have made one
      const guarded = await browser.get('/en/admin/users');
      expect(guarded.status).toBe(303);
      expect(guarded.location).toBe('/en/account');
      const account = await browser.get('/en/account');
      expect(account.text).toContain('Choose a password of your own');
      expect(account.text).not.toContain('tokens-heading');
      const changed = await browser.post('/en/account/password', {
        current: newcomer.password,
        password: 'my very own password',
      });
      expect(changed.location).toBe('/en/account?done=password');
      expect((await getUserByName(storage.db, 'newcomer')).mustChangePassword).toBe(false);
      const after = await browser.get('/en/account?done=password');
      expect(after.text).toContain('Your password has been changed');
      expect(after.text).toContain('tokens-heading');
    });

    it('changes a password only with the current one, and signs out everywhere', async () => {
      const user = await insertUser(storage.db, { name: 'twice', role: 'reviewer' });
      const [laptop, phone] = [new Client(app), new Client(app)];
      await laptop.signIn('twice', user.password);
      await phone.signIn('twice', user.password);
      await laptop.get('/en/account');
      const wrong = await laptop.post('/en/account/password', {
        current: 'not my password',
        password: 'a whole new one',
      });
      expect(wrong.status).toBe(400);
      expect(wrong.text).toMatch(/id="current-error">This is not your current password.</);
      expect(wrong.text).toContain('aria-invalid="true"');
      expect((await laptop.get('/en/account')).text).toContain('Signed-in browsers: 2');
      const everywhere = await laptop.post('/en/account/sign-out-everywhere');
      expect(everywhere.location).toBe('/en/sign-in?done=everywhere');
      for (const browser of [laptop, phone]) {
        const page = await browser.get('/en/account');
        expect(page.status).toBe(303);
        expect(page.location).toBe('/en/sign-in?next=%2Fen%2Faccount');
      }
    });

    it('shows a new API token once, lists it without the token, and revokes it', async () => {
      const user = await insertUser(storage.db, { name: 'scripter', role: 'editor' });
      const browser = new Client(app);
      await browser.signIn('scripter', user.password);
      await browser.get('/en/account');
      const created = await browser.post('/en/account/tokens', { label: 'list import' });
      expect(created.status).toBe(200);
      const token = /<code class="secret">(fates_[\w-]+)<\/code>/.exec(created.text)?.[1];
      expect(token).toBeDefined();
      expect(created.res.headers.get('cache-control')).toBe('private, no-store');
      const me = await app.request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } });
      expect(await me.json()).toEqual({ id: user.id, name: 'scripter', displayName: null, role: 'editor' });
      const page = await browser.get('/en/account');
      expect(page.text).toContain('list import');
      expect(page.text).not.toContain(token);
      const id = /action="\/en\/account\/tokens\/(\d+)\/revoke"/.exec(page.text)?.[1];
      expect((await browser.post(`/en/account/tokens/${id}/revoke`)).location).toBe('/en/account?done=revoked');
      expect((await app.request('/api/v1/me', { headers: { authorization: `Bearer ${token}` } })).status).toBe(401);
    });
  });
}
