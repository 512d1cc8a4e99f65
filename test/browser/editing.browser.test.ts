import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadForEditing, saveRecord } from '../../src/editing/editing.service.ts';
import { upsertDuplicatePair } from '../../src/merges/merge.repository.ts';
import { mergePersons } from '../../src/merges/merge.service.ts';
import { insertUser } from '../support/accounts.ts';
import { idOf, openTestArchive, serveTestArchive, type TestArchive } from '../support/app.ts';
import { axeViolations, launchBrowser } from '../support/browser.ts';
import { Client } from '../support/client.ts';
import { formEntries, postEntries, withFields } from '../support/forms.ts';
import { vnuErrors } from '../support/vnu.ts';

describe('editing in Chromium', () => {
  let archive: TestArchive;
  let server: { url: string; stop(): Promise<void> };
  let browser: Browser;
  const users: Record<string, Awaited<ReturnType<typeof insertUser>>> = {};
  /** Two records of one man to merge, and a merge standing between two others, for the merge pages. */
  const twins: number[] = [];
  let mergeId = 0;

  beforeAll(async () => {
    archive = await openTestArchive();
    server = await serveTestArchive(archive);
    browser = await launchBrowser();
    users.editor = await insertUser(archive.storage.db, { name: 'mensing', role: 'editor', displayName: 'W. Mensing' });
    users.other = await insertUser(archive.storage.db, { name: 'weber', role: 'editor', displayName: 'H. Weber' });
    users.reviewer = await insertUser(archive.storage.db, { name: 'reader', role: 'reviewer' });
    const editor = { userId: users.editor.id };
    for (const [given, surname] of [
      ['Leopold', 'Zyxkraus'],
      ['Leo', 'Zyxkraus'],
      ['Anna', 'Zyxmerged'],
      ['Anna M.', 'Zyxmerged'],
    ]) {
      const person = await saveRecord(archive.storage, editor, {
        type: 'person',
        doc: { status: 'published', names: [{ kind: 'birth', given, surname }] },
      });
      await saveRecord(archive.storage, editor, {
        type: 'event',
        doc: {
          type: 'arrest',
          date: '1938-03',
          status: 'published',
          participants: [{ person: person.id, role: 'subject' }],
        },
      });
      twins.push(person.id);
    }
    await upsertDuplicatePair(archive.storage.db, {
      person_a: twins[0]!,
      person_b: twins[1]!,
      weight: 8.4,
      evidence: JSON.stringify([
        { comparison: 'surname', level: 'exact', weight: 5.1, detail: 'Zyxkraus' },
        { comparison: 'given', level: 'initial', weight: 1.2 },
        { comparison: 'birth', level: 'missing', weight: 0 },
        { comparison: 'arrest', level: 'month', weight: 2.1 },
      ]),
    });
    mergeId = (
      await mergePersons(archive.storage, editor, { source: twins[2]!, target: twins[3]!, reason: 'one file' })
    ).mergeId;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await archive?.close();
  });

  /** A page in a browser of its own, signed in as the user. */
  async function signedIn(name: string): Promise<Page> {
    const page = await (await browser.newContext()).newPage();
    // Fail a step in seconds, with its name, rather than the whole test at its time limit.
    page.setDefaultTimeout(8000);
    await page.goto(`${server.url}/en/sign-in`);
    await page.getByLabel('User name').fill(name);
    await page
      .getByLabel('Password', { exact: true })
      .fill(users[name === 'mensing' ? 'editor' : name === 'weber' ? 'other' : 'reviewer']!.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/en\/$/);
    return page;
  }

  it('creates a person, an event with a place and a citation, publishes, finds, edits, compares and reverts', async () => {
    const page = await signedIn('mensing');
    await page.getByRole('link', { name: 'Recent changes' }).click();
    await page.getByRole('link', { name: 'New person' }).click();
    await page.waitForURL(/\/en\/persons\/new$/);
    await page.getByLabel('Given name').fill('Kurt');
    await page.getByLabel('Surname').fill('Zyxbrowser');
    // The date reads in three languages while it is typed, and an invalid one is called so.
    const valid = page.getByRole('textbox', { name: 'Valid', exact: true });
    await valid.fill('1931~');
    await expect(page.locator('#f-names-0-valid-words [lang="de"]').textContent({ timeout: 5000 })).resolves.toBe(
      'ungefähr 1931',
    );
    await valid.fill('1931-13');
    await page.locator('#f-names-0-valid-words.edtf-invalid').waitFor();
    await valid.fill('');
    await page.getByLabel('Status', { exact: true }).first().selectOption('published');
    await page.getByRole('checkbox', { name: 'victim' }).check();
    await page.getByLabel('Reason for the change').fill('from the Comintern list of 1 July 1940');
    await page.getByRole('button', { name: 'Save', exact: true }).last().click();
    await page.waitForURL(/\/en\/persons\/\d+\/edit\?created=\d+$/);
    await expect(page.locator('.notice').textContent()).resolves.toMatch(/^Created as revision \d+\.$/);
    const person = Number(/persons\/(\d+)/.exec(page.url())![1]);

    // An event with this person: the place found by name through the lookup, a citation by number.
    await page.getByRole('link', { name: 'Add an event with this person' }).click();
    await page.waitForURL(/\/en\/events\/new\?person=\d+$/);
    await page.getByLabel('Type', { exact: true }).selectOption('arrest');
    await page.getByRole('textbox', { name: 'Date', exact: true }).fill('1938-03-14');
    const lookup = page.getByRole('combobox', { name: /Find by name: Place \(number\)/ }).first();
    await lookup.fill('Mosco');
    // Moscow region comes first; the keys go down to Moscow itself.
    await page
      .getByRole('option', { name: /^Moscow \(\d+\)/ })
      .first()
      .waitFor();
    const options = await page.getByRole('option').allTextContents();
    for (let i = 0; i <= options.findIndex((o) => /^Moscow \(\d+\)/.test(o)); i++) await lookup.press('ArrowDown');
    await lookup.press('Enter');
    const moscow = await idOf(archive.storage, 'places', 'moscow');
    await expect(page.getByRole('textbox', { name: 'Place (number)', exact: true }).inputValue()).resolves.toBe(
      String(moscow),
    );
    await page.getByRole('button', { name: 'Add a source' }).first().click();
    await page.waitForURL(/\/en\/events\/new$/);
    await expect(page.locator('.notice').textContent()).resolves.toContain('nothing is saved until you press Save');
    const source = await idOf(archive.storage, 'sources', 'research-note');
    await page.getByRole('textbox', { name: 'Source (number)' }).fill(String(source));
    await page.getByLabel('Where in the source').fill('p. 3');
    await page.getByLabel('Status', { exact: true }).first().selectOption('published');
    await page.getByRole('button', { name: 'Save', exact: true }).last().click();
    await page.waitForURL(/\/en\/events\/\d+\/edit\?created=\d+$/);
    await expect(page.locator(`a[href="/en/places/${moscow}/edit"]`).first().textContent()).resolves.toBe('Moscow');
    await expect(page.locator(`a[href="/en/sources/${source}/edit"]`).count()).resolves.toBe(1);

    // Found by name, with the arrest on the person's page.
    await page.fill('#header-q', 'Zyxbrowser');
    await page.press('#header-q', 'Enter');
    await page.getByRole('link', { name: 'Zyxbrowser, Kurt' }).click();
    await page.waitForURL(new RegExp(`/en/persons/${person}$`));
    await expect(page.locator('.timeline').textContent()).resolves.toContain('Moscow');

    // Edited from the account bar's link, then compared and reverted in the history.
    await page.getByRole('link', { name: 'Edit this record' }).click();
    await page.getByLabel('Reason for the change').fill('spelled so in the NKVD file');
    // Enter in a text field saves (the form's first button), rather than adding an entry.
    await page.getByLabel('Surname').first().fill('Zyxbrowserr');
    await page.getByLabel('Surname').first().press('Enter');
    await page.waitForURL(/\?saved=\d+$/);
    await page.getByRole('link', { name: 'History' }).first().click();
    await page.getByRole('button', { name: 'Compare' }).click();
    await expect(page.getByRole('row', { name: /Name 1, surname/ }).textContent()).resolves.toBe(
      'Name 1, surnameZyxbrowserZyxbrowserr',
    );
    await page.getByRole('link', { name: 'History' }).click();
    const first = page.getByRole('button', { name: /^Go back to this revision/ }).last();
    await first.click();
    await expect(page.locator('.notice').textContent()).resolves.toMatch(/The record is back at revision \d+/);
    const { doc } = await loadForEditing(archive.storage.db, 'person', person);
    expect((doc.names as { surname: string }[])[0]!.surname).toBe('Zyxbrowser');
    await page.context().close();
  });

  it('shows two editors’ conflict side by side and keeps the second editor’s input', async () => {
    const id = await idOf(archive.storage, 'persons', 'heinz-neumann');
    const first = await signedIn('mensing');
    const second = await signedIn('weber');
    await first.goto(`${server.url}/en/persons/${id}/edit`);
    await second.goto(`${server.url}/en/persons/${id}/edit`);
    await first.getByLabel('Sex').selectOption('unknown');
    await first.getByRole('button', { name: 'Save', exact: true }).last().click();
    await first.waitForURL(/\?saved=/);
    await second.getByLabel('Given name').first().fill('Heinrich');
    await second.getByRole('button', { name: 'Save', exact: true }).last().click();
    await expect(second.locator('h2#conflict-heading').textContent()).resolves.toBe(
      'Someone saved this record while you were editing',
    );
    await expect(second.locator('.conflict').textContent()).resolves.toContain('W. Mensing');
    await expect(second.getByRole('row', { name: /^Sex/ }).textContent()).resolves.toBe('Sexunknownmale');
    await expect(second.getByLabel('Given name').first().inputValue()).resolves.toBe('Heinrich');
    await second.getByRole('button', { name: 'Save', exact: true }).last().click();
    await second.waitForURL(/\?saved=/);
    const { doc } = await loadForEditing(archive.storage.db, 'person', id);
    expect((doc.names as { given: string }[])[0]!.given).toBe('Heinrich');
    await first.context().close();
    await second.context().close();
  });

  it('sends an anonymous visitor to sign in, and keeps a reviewer’s save as a proposal', async () => {
    const id = await idOf(archive.storage, 'persons', 'arnold-klein');
    const anonymous = await browser.newPage();
    await anonymous.goto(`${server.url}/en/persons/${id}/edit`);
    expect(anonymous.url()).toBe(`${server.url}/en/sign-in?next=${encodeURIComponent(`/en/persons/${id}/edit`)}`);
    await expect(anonymous.locator('.edit-form').count()).resolves.toBe(0);
    await anonymous.close();

    const reviewer = await signedIn('reader');
    await reviewer.goto(`${server.url}/en/persons/${id}/edit`);
    await expect(reviewer.getByRole('button', { name: 'Remove the record' }).count()).resolves.toBe(0);
    await reviewer.getByLabel('Sex').selectOption('unknown');
    await reviewer.getByRole('button', { name: 'Propose this change' }).last().click();
    await reviewer.waitForURL(/\/en\/proposals\/\d+\?proposed$/);
    await expect(reviewer.locator('.notice').textContent()).resolves.toContain('Your proposal is saved.');
    await expect(reviewer.getByRole('button', { name: 'Accept and save' }).count()).resolves.toBe(0);
    const { doc } = await loadForEditing(archive.storage.db, 'person', id);
    expect(doc.sex).not.toBe('unknown');
    await reviewer.goto(`${server.url}/en/persons/${id}/history`);
    await expect(reviewer.getByRole('button', { name: /Go back to this revision/ }).count()).resolves.toBe(0);
    await reviewer.context().close();
  });

  it('merges two persons from the duplicates page, follows the old address to the survivor, and unmerges', async () => {
    const [a, b] = twins as [number, number];
    const page = await signedIn('mensing');
    await page.goto(`${server.url}/en/persons/${a}/edit`);
    await page.getByRole('link', { name: 'Merge with another person' }).click();
    await page.getByRole('link', { name: 'Likely duplicates' }).click();
    await expect(page.locator('.evidence').first().textContent()).resolves.toContain('surname: exact (Zyxkraus) +5.1');
    await page.getByRole('link', { name: 'Compare and merge' }).first().click();
    await page.waitForURL(new RegExp(`/en/persons/${b}/merge\\?into=${a}$`));
    // Keep the other one: the pick by number, as an editor without the list does it.
    await page.goto(`${server.url}/en/persons/${a}/merge`);
    await page.getByLabel('Number of the other person').fill(String(b));
    await page.getByLabel('Number of the other person').press('Enter');
    await page.waitForURL(new RegExp(`/en/persons/${a}/merge\\?into=${b}$`));
    await expect(page.locator('#merged-heading').textContent()).resolves.toContain('Leopold Zyxkraus');
    await expect(page.locator('#stays-heading').textContent()).resolves.toContain('Leo Zyxkraus');
    // The reason is required before the form is sent at all.
    await expect(page.getByLabel('Why are they one person?').getAttribute('required')).resolves.not.toBeNull();
    await page.getByLabel('Why are they one person?').fill('one arrest file');
    await page.getByRole('button', { name: 'Merge' }).click();
    await page.waitForURL(/\/en\/merges\/\d+\?merged$/);
    await expect(page.locator('.notice').textContent()).resolves.toContain(`now leads to person ${b}`);
    const mergePage = page.url().replace('?merged', '');

    const reader = await browser.newPage();
    await reader.goto(`${server.url}/en/persons/${a}`);
    expect(reader.url()).toBe(`${server.url}/en/persons/${b}`);
    await expect(reader.locator('h1').textContent()).resolves.toContain('Zyxkraus');

    await page.goto(mergePage);
    await page.getByRole('button', { name: 'Unmerge' }).click();
    await page.waitForURL(/\?unmerged$/);
    await expect(page.locator('.notice').textContent()).resolves.toContain('both records are as they were');
    await reader.goto(`${server.url}/en/persons/${a}`);
    expect(reader.url()).toBe(`${server.url}/en/persons/${a}`);
    await reader.close();
    await page.context().close();
  });

  it('has no axe violations on the editing pages, at desktop and phone width', async () => {
    const person = await idOf(archive.storage, 'persons', 'margarete-buber-neumann');
    const event = await idOf(archive.storage, 'events', 'bug-bridge-handover-1940-02');
    const place = await idOf(archive.storage, 'places', 'moscow');
    const source = await idOf(archive.storage, 'sources', 'research-note');
    const org = (await archive.storage.db.selectFrom('organizations').select('id').executeTakeFirstOrThrow()).id;
    const proposal = (await archive.storage.db.selectFrom('proposals').select('id').executeTakeFirst())?.id;
    const pages: Record<string, string> = {
      person: `/en/persons/${person}/edit`,
      'person-ru': `/ru/persons/${person}/edit`,
      'new-person': '/en/persons/new',
      event: `/en/events/${event}/edit`,
      place: `/de/places/${place}/edit`,
      organization: `/en/organizations/${org}/edit`,
      source: `/en/sources/${source}/edit`,
      history: `/en/persons/${person}/history`,
      compare: `/en/persons/${person}/compare`,
      changes: '/en/changes',
      proposals: '/en/proposals',
      ...(proposal ? { proposal: `/en/proposals/${proposal}` } : {}),
      'merge-pick': `/en/persons/${twins[0]}/merge`,
      'merge-compare': `/ru/persons/${twins[0]}/merge?into=${twins[1]}`,
      merge: `/en/merges/${mergeId}`,
      duplicates: '/de/duplicates',
    };
    const page = await signedIn('mensing');
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      for (const [name, path] of Object.entries(pages)) {
        await page.goto(server.url + path);
        const violations = await axeViolations(page);
        expect(violations, `${name} at ${width}px: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
      }
      // A form with its problems shown, read out too.
      await page.goto(`${server.url}/en/persons/${person}/edit`);
      await page.getByRole('textbox', { name: 'Valid', exact: true }).first().fill('1937-13-45');
      await page.getByRole('button', { name: 'Save', exact: true }).last().click();
      await page.locator('.problem-summary').waitFor();
      expect(await axeViolations(page), `problems at ${width}px`).toEqual([]);
    }
    await page.context().close();
    // Two dozen pages through axe, on a busy two-core machine.
  }, 180_000);

  it('serves valid HTML5 (vnu) on the editing pages, problems, conflicts and proposals included', async () => {
    const person = await idOf(archive.storage, 'persons', 'milena-jesenska');
    const event = await idOf(archive.storage, 'events', 'bug-bridge-handover-1940-02');
    const editor = new Client(archive.app);
    await editor.signIn('mensing', users.editor!.password);
    const other = new Client(archive.app);
    await other.signIn('weber', users.other!.password);
    const reviewer = new Client(archive.app);
    await reviewer.signIn('reader', users.reviewer!.password);
    const html: Record<string, string> = {};
    for (const [name, path] of Object.entries({
      person: `/en/persons/${person}/edit`,
      'new-person': '/en/persons/new',
      event: `/en/events/${event}/edit`,
      place: '/de/places/1/edit',
      organization: '/en/organizations/1/edit',
      source: '/ru/sources/1/edit',
      history: `/en/persons/${person}/history`,
      compare: `/en/persons/${person}/compare`,
      changes: '/de/changes',
      set: '/en/changes/1',
      'merge-pick': `/en/persons/${twins[0]}/merge`,
      'merge-pick-problem': `/de/persons/${twins[0]}/merge?into=x`,
      'merge-compare': `/ru/persons/${twins[0]}/merge?into=${twins[1]}`,
      merge: `/en/merges/${mergeId}`,
      duplicates: '/en/duplicates',
    })) {
      html[name] = (await editor.get(path)).text;
    }
    const form = formEntries(html.person!);
    html.problems = (
      await postEntries(editor, `/en/persons/${person}/edit`, withFields(form, { 'names.0.valid': 'x', _add: '' }))
    ).text;
    html.added = (await postEntries(editor, `/en/persons/${person}/edit`, withFields(form, { _add: 'names' }))).text;
    const page = await other.get(`/en/persons/${person}/edit`);
    await postEntries(other, `/en/persons/${person}/edit`, withFields(formEntries(page.text), { sex: 'unknown' }));
    html.conflict = (await postEntries(editor, `/en/persons/${person}/edit`, withFields(form, { sex: 'male' }))).text;
    const reviewed = await reviewer.get(`/en/persons/${person}/edit`);
    const proposed = await postEntries(
      reviewer,
      `/en/persons/${person}/edit`,
      withFields(formEntries(reviewed.text), { 'names.0.given': 'Milena J.' }),
    );
    html.proposal = (await editor.get(proposed.location!.replace('?proposed', ''))).text;
    html.proposals = (await editor.get('/en/proposals')).text;
    html['merge-refused'] = (
      await editor.post(`/en/persons/${twins[0]}/merge`, { into: String(twins[1]), reason: '' })
    ).text;
    expect(html['merge-refused']).toContain('Say why');
    expect(html.conflict).toContain('Someone saved this record');
    const errors = await vnuErrors(html);
    expect(errors.map((e) => `${e.url.split('/').pop()}:${e.lastLine}: ${e.message}`)).toEqual([]);
    // A dozen pages through vnu's Java, on a busy two-core machine.
  }, 120_000);
});
