import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser } from '../support/accounts.ts';
import { idOf, openTestArchive, serveTestArchive, type TestArchive } from '../support/app.ts';
import { axeViolations, launchBrowser } from '../support/browser.ts';
import { Client } from '../support/client.ts';
import { contributionApp, contributionSettings, formFields, outboxLinks, pathOf } from '../support/contributions.ts';
import { photoWithGps } from '../support/files.ts';
import { startMailServer, type TestMailServer } from '../support/smtp.ts';
import { vnuErrors } from '../support/vnu.ts';

describe('contributing in Chromium', () => {
  let archive: TestArchive;
  let server: { url: string; stop(): Promise<void> };
  let mail: TestMailServer;
  let browser: Browser;
  let person: number;
  let link = '';

  beforeAll(async () => {
    mail = await startMailServer();
    archive = await openTestArchive();
    const app = contributionApp(archive.storage, contributionSettings({ smtpUrl: mail.url }));
    server = await serveTestArchive({ ...archive, app });
    browser = await launchBrowser();
    person = await idOf(archive.storage, 'persons', 'margarete-buber-neumann');
    await insertUser(archive.storage.db, { name: 'rita', role: 'reviewer' });
    await insertUser(archive.storage.db, { name: 'ed', role: 'editor' });
    await insertUser(archive.storage.db, { name: 'keeper', role: 'admin' });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await mail?.stop();
    await archive?.close();
  });

  async function signIn(page: Page, name: string) {
    await page.goto(`${server.url}/en/sign-in`);
    await page.getByLabel('User name').fill(name);
    await page.getByLabel('Password', { exact: true }).fill(`${name}-password`);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/en\/$/);
  }

  it('takes a photo and a date from a visitor to the person page: mail, review, acceptance, the sender’s link', async () => {
    // A visitor writes in from the person page.
    const visitor = await browser.newPage();
    await visitor.goto(`${server.url}/en/persons/${person}`);
    await visitor.getByRole('link', { name: 'Write to the archive' }).click();
    await visitor.waitForURL(new RegExp(`/en/contribute\\?person=${person}$`));
    await visitor.getByLabel('You are').selectOption('relative');
    await visitor
      .getByLabel('What do you know?')
      .fill('A photograph of her near Kuntsevo, and the day she came to Moscow.');
    await visitor.getByLabel('Date 1').fill('1935-03');
    await visitor.waitForFunction("document.querySelector('#date-0-words')?.textContent === 'March 1935'");
    await visitor.locator('#date-0-what').fill('arrived in Moscow');
    await visitor
      .getByLabel('Files')
      .setInputFiles({ name: 'potsdam.jpg', mimeType: 'image/jpeg', buffer: await photoWithGps(900, 700) });
    await visitor.getByLabel('Your name').fill('Anna Beispiel');
    await visitor.getByLabel('Your e-mail address').fill('anna@example.org');
    await visitor.getByLabel('Name me as the contributor').check();
    await visitor.getByLabel('You may publish the photos and documents I send').check();
    await visitor.getByLabel('Under this licence').selectOption('cc-by-4.0');
    await visitor.getByRole('button', { name: 'Send to the archive' }).click();
    await visitor.waitForURL(/\/en\/contribute\/thanks$/);
    await expect(visitor.locator('h1').textContent()).resolves.toBe('Thank you');

    // The confirmation arrives at a real SMTP server, with the private link; the outbox is empty again.
    const confirmation = await mail.waitFor(1);
    expect(confirmation.to && 'text' in confirmation.to ? confirmation.to.text : '').toBe('anna@example.org');
    expect(confirmation.subject).toBe('Your contribution to the Fates archive');
    link = /https?:\/\/\S+\/contribute\/mine\/c_[\w-]{43}/.exec(confirmation.text ?? '')![0];
    expect(confirmation.text).toContain('about Margarete Buber-Neumann');
    expect(await outboxLinks(archive.storage.db)).toEqual([]);
    await visitor.goto(link);
    await expect(visitor.locator('.state').textContent()).resolves.toBe('received, not yet reviewed');
    await expect(visitor.locator('.contributed-dates').textContent()).resolves.toContain('March 1935');

    // A reviewer turns the date into an event and proposes the photo.
    const reviewer = await browser.newPage();
    await signIn(reviewer, 'rita');
    await reviewer.getByRole('link', { name: 'Contributions' }).first().click();
    await reviewer.waitForURL(/\/en\/review$/);
    await reviewer
      .getByRole('link', { name: /^Contribution \d+$/ })
      .first()
      .click();
    await expect(reviewer.locator('.review-record').textContent()).resolves.toContain('Margarete Buber-Neumann');
    const turn = reviewer.locator('form.turn-date').first();
    await expect(turn.getByLabel('Date (EDTF)').inputValue()).resolves.toBe('1935-03');
    await turn.getByLabel('Event').selectOption('arrival');
    await turn.getByRole('button', { name: 'Propose as an event' }).click();
    await reviewer.getByRole('status').waitFor();
    await expect(reviewer.getByRole('status').textContent()).resolves.toContain('written into the record as a draft');
    await reviewer.locator('summary', { hasText: 'Photo or document' }).click();
    await reviewer.getByLabel('Caption').fill('Margarete Buber-Neumann near Kuntsevo');
    await reviewer.locator('#media-date').fill('1930~');
    await reviewer.locator('details.propose[open]').getByRole('button', { name: 'Propose' }).click();
    await reviewer.getByRole('status').waitFor();
    await expect(reviewer.locator('.proposals').textContent()).resolves.toContain('awaiting an editor');
    // Drafts are not public.
    const before = await (await fetch(`${server.url}/en/persons/${person}`)).text();
    expect(before).not.toContain('Kuntsevo');

    // An editor accepts both.
    const editor = await browser.newPage();
    await signIn(editor, 'ed');
    await editor.goto(reviewer.url().split('?')[0]!);
    for (let i = 0; i < 2; i++) {
      await editor.getByRole('button', { name: 'Accept' }).first().click();
      await editor.waitForURL(/done=accepted/);
    }
    await expect(editor.locator('.proposal-accepted').count()).resolves.toBe(2);

    // The sender's link shows it used; the mail said so too.
    const used = await mail.waitFor(2);
    expect(used.subject).toBe('Your contribution is now in the Fates archive');
    await visitor.goto(link);
    await expect(visitor.locator('.state').textContent()).resolves.toBe('used in the archive');
    await expect(visitor.locator('.proposals').textContent()).resolves.toContain('accepted into the record');

    // The photo is on the person page, with caption, date, credit and licence, and loads.
    await visitor.goto(`${server.url}/en/persons/${person}`);
    const figure = visitor.locator('.media-list figure').first();
    await expect(figure.locator('figcaption').textContent()).resolves.toMatch(
      /Margarete Buber-Neumann near Kuntsevo, about 1930Credit: Anna Beispiel \(source\) · Licence: CC BY 4\.0/,
    );
    await expect(
      figure.locator('img').evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
    ).resolves.toBe(360);
    await expect(visitor.locator('body').textContent()).resolves.toContain('March 1935');
    for (const p of [visitor, reviewer, editor]) await p.close();
  });

  it('has no axe violations on the forms, the sender’s page, the queue and a review, at desktop and phone width', async () => {
    const page = await browser.newPage();
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const path of [`/en/contribute?person=${person}`, '/ru/contribute', pathOf(link), `/en/persons/${person}`]) {
        await page.goto(server.url + path);
        const violations = await axeViolations(page);
        expect(violations, `${path} at ${width}px: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
      }
      // A form sent with mistakes shows them beside their fields, which must be read out too.
      await page.goto(`${server.url}/en/contribute`);
      await page.getByLabel('Whom is it about?').fill('Hans Beispiel');
      await page.getByLabel('What do you know?').fill('He was in Moscow.');
      await page.getByLabel('Date 1').fill('soon');
      await page.getByLabel('Your e-mail address').fill('hans@example.org');
      await page.getByRole('button', { name: 'Send to the archive' }).click();
      await page.waitForSelector('.field-error');
      expect(await axeViolations(page), `form with errors at ${width}px`).toEqual([]);
    }
    await page.close();
    const staff = await browser.newPage();
    await signIn(staff, 'keeper');
    const id = (await archive.storage.db.selectFrom('contributions').select('id').executeTakeFirstOrThrow()).id;
    for (const width of [1280, 390]) {
      await staff.setViewportSize({ width, height: 900 });
      for (const path of ['/en/review', `/en/review/${id}`, '/de/review?status=used', '/en/admin/outbox']) {
        await staff.goto(server.url + path);
        const violations = await axeViolations(staff);
        expect(violations, `${path} at ${width}px: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
      }
    }
    await staff.close();
  }, 180_000);

  it('serves valid HTML5 (vnu) on every contribution page, errors included', async () => {
    const visitor = new Client(contributionApp(archive.storage));
    const html: Record<string, string> = {};
    html.form = (await visitor.get(`/en/contribute?person=${person}`)).text;
    html['form-new'] = (await visitor.get('/de/contribute')).text;
    html['form-errors'] = (
      await visitor.upload('/en/contribute', formFields({ email: 'x', 'dates.0.edtf': 'soon' }))
    ).text;
    html.thanks = (await visitor.get('/en/contribute/thanks')).text;
    html.mine = (await visitor.get(pathOf(link))).text;
    html['mine-unknown'] = (await visitor.get('/en/contribute/mine/c_nothing')).text;
    html.person = (await visitor.get(`/en/persons/${person}`)).text;
    await visitor.signIn('keeper', 'keeper-password');
    const id = (await archive.storage.db.selectFrom('contributions').select('id').executeTakeFirstOrThrow()).id;
    html.queue = (await visitor.get('/en/review')).text;
    html.review = (await visitor.get(`/ru/review/${id}`)).text;
    html['review-error'] = (await visitor.post(`/en/review/${id}/reply`, { text: '' })).text;
    html.outbox = (await visitor.get('/en/admin/outbox')).text;
    const errors = await vnuErrors(html);
    expect(errors.map((e) => `${e.url.split('/').pop()}:${e.lastLine}: ${e.message}`)).toEqual([]);
  });
});
