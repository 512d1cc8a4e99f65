import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser } from '../support/accounts.ts';
import { idOf, openTestArchive, serveTestArchive, type TestArchive } from '../support/app.ts';
import { axeViolations, launchBrowser } from '../support/browser.ts';
import { Client } from '../support/client.ts';
import { vnuErrors } from '../support/vnu.ts';

const LIST = `№;Фамилия;Имя;Отчество;Год рождения;Место рождения
1;Бубер-Нейман;Маргарита;Генриховна;1901;Потсдам
2;Фабиш;Эрнст;;1910;Бреславль
3;Неизвестный;Иван;Петрович;;
`;

describe('the editors’ list pages in Chromium', () => {
  let archive: TestArchive;
  let server: { url: string; stop(): Promise<void> };
  let browser: Browser;
  let page: Page;
  let editor: Awaited<ReturnType<typeof insertUser>>;
  let buber: number;
  let sampleList: number;
  /** Filled by the first test: the pages it went through. */
  const paths: Record<string, string> = {};

  beforeAll(async () => {
    archive = await openTestArchive();
    server = await serveTestArchive(archive);
    browser = await launchBrowser();
    page = await browser.newPage();
    editor = await insertUser(archive.storage.db, { name: 'mensing', role: 'editor' });
    buber = await idOf(archive.storage, 'persons', 'margarete-buber-neumann');
    sampleList = (
      await archive.storage.db.selectFrom('sources').select('id').where('kind', '=', 'list').executeTakeFirstOrThrow()
    ).id;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await archive?.close();
  });

  it('imports a list, proposes links, confirms one in review, and shows the row on the person’s page', async () => {
    await page.goto(`${server.url}/en/sign-in`);
    await page.getByLabel('User name').fill('mensing');
    await page.getByLabel('Password', { exact: true }).fill(editor.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/en\/$/);

    await page.goto(`${server.url}/en/lists/import`);
    paths.import = '/en/lists/import';
    await page.setInputFiles('#file', { name: 'moskau.csv', mimeType: 'text/csv', buffer: Buffer.from(LIST) });
    await page.getByRole('button', { name: 'Upload and check' }).click();
    await page.waitForURL(/\/en\/lists\/import\/\d+/);
    paths.preview = new URL(page.url()).pathname;
    await expect(page.locator('body').textContent()).resolves.toContain('Бубер-Нейман');
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.waitForURL(/\/en\/lists\/\d+\?done=imported/);
    const listPath = new URL(page.url()).pathname;
    paths.list = listPath;
    await expect(page.locator('body').textContent()).resolves.toContain('The list was imported.');

    await page.getByRole('button', { name: 'Propose links' }).click();
    await page.waitForURL(/done=linked-3/);

    await page.goto(`${server.url}${listPath}/review?row=1`);
    paths.review = `${listPath}/review?row=1`;
    paths.blind = `${listPath}/review?row=1&blind=1`;
    paths.compare = `/en/lists/compare?a=${listPath.split('/').pop()}&b=${sampleList}`;
    paths.lists = '/en/lists';
    await page.locator('form.pick input[name=person]').fill(String(buber));
    await page.locator('form.pick').getByRole('button', { name: 'Confirm' }).click();
    await page.waitForURL(/done=confirmed/);
    await expect(page.locator('body').textContent()).resolves.toContain('The link was confirmed.');

    await page.goto(`${server.url}/en/persons/${buber}`);
    const body = (await page.locator('body').textContent()) ?? '';
    expect(body).toContain('moskau');
    expect(body).toContain('Бубер-Нейман');
  });

  it('has no axe violations on the list pages, at desktop and phone width', async () => {
    expect(Object.keys(paths).length).toBe(7);
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const [name, path] of Object.entries(paths)) {
        await page.goto(server.url + path);
        const violations = await axeViolations(page);
        expect(violations, `${name} at ${width}px: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
      }
    }
  });

  it('serves valid HTML5 (vnu) on the list pages, a refused import included', async () => {
    const client = new Client(archive.app);
    await client.signIn('mensing', editor.password);
    const html: Record<string, string> = {};
    for (const [name, path] of Object.entries(paths)) html[name] = (await client.get(path)).text;
    html['review-de'] = (await client.get(paths.review!.replace('/en/', '/de/'))).text;
    html['review-ru'] = (await client.get(paths.review!.replace('/en/', '/ru/'))).text;
    await client.get('/en/lists/import');
    const upload = await client.request('/en/lists/upload?name=ragged.csv', {
      method: 'POST',
      headers: { 'x-csrf-token': client.csrf ?? '' },
      body: 'Name;Born\nMax Zucker;1898\nMargarete Buber;1901;Potsdam\n',
    });
    const next = (JSON.parse(upload.text) as { next: string }).next;
    html['preview-errors'] = (await client.get(next)).text;
    expect(html['preview-errors']).toContain('Line 3, column 3');
    html.refused = (await client.post(next, { step: 'import', title: 'Ragged' })).text;
    expect(html.refused).toContain('cannot be imported yet');
    const errors = await vnuErrors(html);
    expect(errors.map((e) => `${e.url.split('/').pop()}:${e.lastLine}: ${e.message}`)).toEqual([]);
  });
});
