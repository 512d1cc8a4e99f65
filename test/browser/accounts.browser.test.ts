import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_LINE } from '../../src/accounts/audit.ts';
import { createToken } from '../../src/accounts/token.service.ts';
import { insertUser } from '../support/accounts.ts';
import { idOf, openTestArchive, serveTestArchive, type TestArchive } from '../support/app.ts';
import { axeViolations, launchBrowser } from '../support/browser.ts';
import { Client } from '../support/client.ts';
import { vnuErrors } from '../support/vnu.ts';

describe('accounts in Chromium', () => {
  let archive: TestArchive;
  let server: { url: string; stop(): Promise<void> };
  let browser: Browser;
  const users: Record<string, Awaited<ReturnType<typeof insertUser>>> = {};

  beforeAll(async () => {
    archive = await openTestArchive();
    server = await serveTestArchive(archive);
    browser = await launchBrowser();
    users.admin = await insertUser(archive.storage.db, { name: 'keeper', role: 'admin' });
    users.editor = await insertUser(archive.storage.db, {
      name: 'mensing',
      role: 'editor',
      displayName: 'Wilhelm Mensing',
    });
    users.reviewer = await insertUser(archive.storage.db, { name: 'reader', role: 'reviewer' });
    await createToken(archive.storage.db, users.editor.id, { label: 'list import' }, COMMAND_LINE);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await archive?.close();
  });

  async function signIn(page: Page, name: string, password: string) {
    await page.getByLabel('User name').fill(name);
    await page.getByLabel('Password', { exact: true }).fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  it('signs an editor in from any page and back to it, names them in the header, and signs them out', async () => {
    const page = await browser.newPage();
    const person = await idOf(archive.storage, 'persons', 'margarete-buber-neumann');
    await page.goto(`${server.url}/en/persons/${person}`);
    await expect(page.locator('.account-bar').count()).resolves.toBe(0);
    await page.getByRole('link', { name: 'Sign in (editors)' }).click();
    await page.waitForURL(/\/en\/sign-in\?next=/);
    await signIn(page, 'mensing', users.editor!.password);
    await page.waitForURL(new RegExp(`/en/persons/${person}$`));
    const bar = page.getByRole('navigation', { name: 'Account' });
    await expect(bar.getByRole('link', { name: 'Wilhelm Mensing' }).isVisible()).resolves.toBe(true);
    await expect(bar.textContent()).resolves.toContain('(editor)');
    await expect(bar.getByRole('link', { name: 'Administration' }).count()).resolves.toBe(0);

    await bar.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/en\/sign-in\?done=out$/);
    await expect(page.getByRole('status').textContent()).resolves.toBe('You have signed out.');
    await expect(page.locator('.account-bar').count()).resolves.toBe(0);
    await page.goto(`${server.url}/en/account`);
    await page.waitForURL(/\/en\/sign-in\?next=%2Fen%2Faccount$/);
    await page.close();
  });

  it('refuses an anonymous visitor an admin page (sign in first) and a reviewer too (not allowed)', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${server.url}/en/admin/users`);
    expect(page.url()).toBe(`${server.url}/en/sign-in?next=%2Fen%2Fadmin%2Fusers`);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('status').textContent()).resolves.toBe('Sign in to continue.');
    await expect(page.locator('table.users').count()).resolves.toBe(0);

    await signIn(page, 'reader', users.reviewer!.password);
    await page.waitForURL(/\/en\/admin\/users$/);
    await expect(page.locator('h1').textContent()).resolves.toBe('Not allowed');
    await expect(page.locator('table.users').count()).resolves.toBe(0);
    await page.close();
  });

  it('lets an admin add a user, with the mistakes shown beside their fields', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/en/sign-in?next=%2Fen%2Fadmin%2Fusers`);
    await signIn(page, 'keeper', users.admin!.password);
    await page.waitForURL(/\/en\/admin\/users$/);
    await page.getByLabel('User name').fill('two words');
    await page.getByLabel('Display name').fill('Hermann Weber');
    await page.getByLabel('Role').selectOption('reviewer');
    await page.getByLabel('Password', { exact: true }).fill('long enough password');
    await page.getByRole('button', { name: 'Add user' }).click();
    const name = page.getByLabel('User name');
    await expect(name.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#name-error').textContent()).resolves.toMatch(/^Only letters, digits/);
    await expect(page.getByLabel('Display name').inputValue()).resolves.toBe('Hermann Weber');
    await name.fill('h.weber');
    await page.getByLabel('Password', { exact: true }).fill('long enough password');
    await page.getByRole('button', { name: 'Add user' }).click();
    await page.waitForURL(/added=h\.weber/);
    await expect(
      page.getByRole('row', { name: /h\.weber · Hermann Weber reviewer active never/ }).count(),
    ).resolves.toBe(1);
    await page.close();
  });

  it('has no axe violations on the account and admin pages, at desktop and phone width', async () => {
    const page = await browser.newPage();
    const admin = users.admin!;
    const editor = users.editor!;
    const pages = {
      'sign-in': '/en/sign-in',
      'sign-in-ru': '/ru/sign-in',
      account: '/en/account',
      users: '/en/admin/users',
      user: `/de/admin/users/${editor.id}`,
      audit: '/en/admin/audit',
    };
    await page.goto(`${server.url}/en/sign-in`);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${server.url}/en/sign-in`);
      expect(await axeViolations(page), `sign-in at ${width}px`).toEqual([]);
      // A failed sign-in shows its error, which must be read out too.
      await signIn(page, 'keeper', 'wrong password');
      expect(await axeViolations(page), `failed sign-in at ${width}px`).toEqual([]);
      await page.goto(`${server.url}/en/sign-in`);
      await signIn(page, 'keeper', admin.password);
      await page.waitForURL(/\/en\/$/);
      for (const [name, path] of Object.entries(pages).filter(([n]) => !n.startsWith('sign-in'))) {
        await page.goto(server.url + path);
        const violations = await axeViolations(page);
        expect(violations, `${name} at ${width}px: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
      }
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/done=out/);
    }
    await page.close();
  });

  it('serves valid HTML5 (vnu) on the account and admin pages, errors included', async () => {
    const client = new Client(archive.app);
    const html: Record<string, string> = {};
    html['sign-in'] = (await client.get('/en/sign-in')).text;
    html['sign-in-failed'] = (await client.post('/en/sign-in', { name: 'keeper', password: 'wrong password' })).text;
    await client.signIn('keeper', users.admin!.password);
    html.account = (await client.get('/en/account')).text;
    html['token-created'] = (await client.post('/en/account/tokens', { label: 'vnu' })).text;
    html.users = (await client.get('/en/admin/users')).text;
    html['users-invalid'] = (await client.post('/en/admin/users', { name: '', role: 'editor', password: 'x' })).text;
    html.user = (await client.get(`/en/admin/users/${users.editor!.id}`)).text;
    html.audit = (await client.get('/en/admin/audit?action=sign_in_failed')).text;
    html.forbidden = (await client.post('/en/admin/users', { _csrf: 'forged' })).text;
    const errors = await vnuErrors(html);
    expect(errors.map((e) => `${e.url.split('/').pop()}:${e.lastLine}: ${e.message}`)).toEqual([]);
  });
});
