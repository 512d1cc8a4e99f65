import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEdtf } from '../../src/dates/edtf.ts';
import { loadForEditing } from '../../src/editing/editing.service.ts';
import { idOf } from '../support/app.ts';
import { type EditingArchive, idFrom, openEditingArchive, revisionCount, submitForm } from '../support/editing.ts';
import { formEntries, postEntries, withFields } from '../support/forms.ts';
import { ENGINES } from '../support/storage.ts';

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

for (const engine of ENGINES) {
  describe(`edit pages on ${engine}`, () => {
    let archive: EditingArchive;
    beforeAll(async () => {
      archive = await openEditingArchive(engine);
    });
    afterAll(async () => {
      await archive?.close();
    });

    it('creates a person from the form, published, at once findable by name', async () => {
      const sent = await submitForm(archive.editor, '/en/persons/new', {
        'names.0.given': 'Otto',
        'names.0.surname': 'Zyxwecki',
        status: 'published',
        _reason: 'from the 1938 list',
      });
      expect(sent.status).toBe(303);
      expect(sent.location).toMatch(/^\/en\/persons\/\d+\/edit\?created=\d+$/);
      const id = idFrom(sent.location);
      const page = await archive.editor.get(sent.location!);
      expect(page.text).toContain('Created as revision');
      expect(page.text).toContain('value="Zyxwecki"');
      const found = await archive.anonymous.get('/api/v1/persons?q=Zyxwecki');
      expect(JSON.parse(found.text).results.map((r: { id: number }) => r.id)).toEqual([id]);
      expect((await archive.anonymous.get(`/en/persons/${id}`)).status).toBe(200);
    });

    it('adds and removes entries without saving, keeping what was typed', async () => {
      const id = await idOf(archive.storage, 'persons', 'margarete-buber-neumann');
      const before = await revisionCount(archive, 'person', id);
      const page = await archive.editor.get(`/en/persons/${id}/edit`);
      const entries = formEntries(page.text);
      const names = entries.filter(([k]) => /^names\.\d+\.surname$/.test(k)).length;
      const added = await postEntries(
        archive.editor,
        `/en/persons/${id}/edit`,
        withFields(entries, { display: 'Typed, not saved', _add: 'names' }),
      );
      expect(added.status).toBe(200);
      expect(added.text).toContain('nothing is saved until you press Save');
      expect(added.text).toContain(`name="names.${names}.surname"`);
      expect(added.text).toContain('value="Typed, not saved"');
      const removed = await postEntries(
        archive.editor,
        `/en/persons/${id}/edit`,
        withFields(formEntries(added.text), { _remove: 'names.0' }),
      );
      expect(removed.status).toBe(200);
      expect(removed.text).not.toContain(`name="names.${names}.surname"`);
      expect(await revisionCount(archive, 'person', id)).toBe(before);
    });

    it('shows each problem beside its field and in a summary, keeps the input, and saves nothing', async () => {
      const id = await idOf(archive.storage, 'persons', 'margarete-buber-neumann');
      const before = await loadForEditing(archive.storage.db, 'person', id);
      const sent = await submitForm(archive.editor, `/en/persons/${id}/edit`, {
        'names.0.given': 'Kept input',
        'names.0.valid': '1937-13-45',
        'attributes.0.type': 'occupation',
        'attributes.0.value': 'x'.repeat(501),
        sex: 'nonsense',
      });
      expect(sent.status).toBe(400);
      expect(sent.text).toContain('The record was not saved. Correct these fields:');
      expect(sent.text).toMatch(/id="f-names-0-valid"[^>]*aria-invalid="true"/);
      expect(sent.text).toContain('<span class="field-error" id="f-names-0-valid-error">Not a valid EDTF date');
      expect(sent.text).toContain('href="#f-names-0-valid">Name 1, valid: Not a valid EDTF date');
      expect(sent.text).toContain('id="f-attributes-0-value-error">At most 500 characters.');
      expect(sent.text).toContain('id="f-sex-error">Choose one of the options.');
      expect(sent.text).toContain('value="Kept input"');
      expect(sent.text).toContain('value="1937-13-45"');
      const after = await loadForEditing(archive.storage.db, 'person', id);
      expect(after).toEqual(before);
    });

    it('reads a date in English, German and Russian beside its field', async () => {
      const id = await idOf(archive.storage, 'persons', 'margarete-buber-neumann');
      const sent = await submitForm(archive.editor, `/de/persons/${id}/edit`, {
        'names.0.valid': '1931~/1940-05',
        'names.0.surname': '',
        'names.0.given': '',
        'names.0.full': '',
      });
      expect(sent.status).toBe(400);
      const words = describeEdtf('1931~/1940-05').words!;
      for (const lang of ['en', 'de', 'ru'] as const) {
        expect(sent.text).toContain(`<span lang="${lang}">${escapeHtml(words[lang])}</span>`);
      }
      expect(sent.text).toContain('Mindestens einen Nachnamen');
    });

    it('refuses a source that does not exist and a list row of another source, beside their fields', async () => {
      const id = await idOf(archive.storage, 'persons', 'margarete-buber-neumann');
      const row = await archive.storage.db
        .selectFrom('list_rows')
        .select(['id', 'source_id'])
        .executeTakeFirstOrThrow();
      const otherSource = await idOf(archive.storage, 'sources', 'research-note');
      expect(otherSource).not.toBe(row.source_id);
      const count = await revisionCount(archive, 'person', id);
      const sent = await submitForm(archive.editor, `/en/persons/${id}/edit`, {
        'citations.0.source': '999999',
        'citations.1.source': String(otherSource),
        'citations.1.listRow': String(row.id),
        'citations.1.locator': 'row',
      });
      expect(sent.status).toBe(400);
      expect(sent.text).toContain('id="f-citations-0-source-error">There is no such record (999999).');
      expect(sent.text).toContain('id="f-citations-1-listRow-error">This list row belongs to another source.');
      expect(await revisionCount(archive, 'person', id)).toBe(count);
    });

    it('writes nothing when a form is sent back unchanged, for every kind of record', async () => {
      for (const table of ['persons', 'events', 'places', 'organizations', 'sources'] as const) {
        const rows = await archive.storage.db
          .selectFrom(table)
          .select('id')
          .where('status', '=', 'published')
          .orderBy('id')
          .limit(6)
          .execute();
        for (const { id } of rows) {
          const page = await archive.editor.get(`/en/${table}/${id}/edit`);
          if (page.status === 301) continue; // another account of an event: edited with its main event
          const sent = await postEntries(archive.editor, `/en/${table}/${id}/edit`, formEntries(page.text));
          expect(`${table} ${id} ${sent.status} ${sent.location}`).toBe(
            `${table} ${id} 303 /en/${table}/${id}/edit?unchanged`,
          );
        }
      }
    });

    it('creates an event with a person, a place and a citation, and lists it on the person’s form', async () => {
      const person = await idOf(archive.storage, 'persons', 'margarete-buber-neumann');
      const place = await idOf(archive.storage, 'places', 'moscow');
      const source = await idOf(archive.storage, 'sources', 'research-note');
      const form = await archive.editor.get(`/en/events/new?person=${person}`);
      expect(form.text).toContain(`name="participants.0.person" type="text" inputmode="numeric" value="${person}"`);
      const sent = await submitForm(
        archive.editor,
        `/en/events/new?person=${person}`,
        {
          type: 'arrest',
          date: '1938-06-19',
          place: String(place),
          status: 'published',
          'citations.0.source': String(source),
          'citations.0.locator': 'p. 4',
          'details.0.key': 'people',
          'details.0.value': '3',
        },
        { action: '/en/events/new' },
      );
      expect(sent.status).toBe(303);
      const event = idFrom(sent.location);
      const { doc } = await loadForEditing(archive.storage.db, 'event', event);
      expect(doc).toMatchObject({
        type: 'arrest',
        date: '1938-06-19',
        place,
        details: { people: 3 },
        participants: [{ person, role: 'subject' }],
        citations: [{ source, locator: 'p. 4' }],
      });
      const page = await archive.editor.get(`/en/persons/${person}/edit`);
      expect(page.text).toContain(`href="/en/events/${event}/edit">arrest, 19 June 1938</a>`);
      const eventPage = await archive.editor.get(`/en/events/${event}/edit`);
      expect(eventPage.text).toMatch(new RegExp(`href="/en/places/${place}/edit">Moscow</a>`));
    });

    it('says after saving when search is still catching up with the persons a change touches', async () => {
      const id = await idOf(archive.storage, 'persons', 'margarete-buber-neumann');
      const page = await archive.editor.get(`/en/persons/${id}/edit?saved=7&indexing=2000`);
      expect(page.text).toContain('Saved as revision 7. Search is still being brought up to date');
      expect(page.text).toContain('(2,000 so far)');
      const plain = await archive.editor.get(`/en/persons/${id}/edit?saved=7&indexing=x`);
      expect(plain.text).toContain('Saved as revision 7.');
      expect(plain.text).not.toContain('Search is still being brought up to date');
    });

    it('shows a conflict with both versions side by side, keeps the input, and saves it when sent again', async () => {
      const id = await idOf(archive.storage, 'persons', 'margarete-buber-neumann');
      const path = `/en/persons/${id}/edit`;
      const mine = withFields(formEntries((await archive.editor.get(path)).text), {
        'names.0.given': 'Grete',
        _reason: 'as in the memoir',
      });
      const theirs = await submitForm(archive.other, path, { sex: 'unknown' });
      expect(theirs.location).toContain('?saved=');
      const refused = await postEntries(archive.editor, path, mine);
      expect(refused.status).toBe(409);
      expect(refused.text).toContain('Someone saved this record while you were editing');
      expect(refused.text).toContain('The other');
      expect(refused.text).toMatch(
        /<th scope="row">Sex<\/th><td class="before"><del>unknown<\/del><\/td><td class="after"><ins>female<\/ins>/,
      );
      expect(refused.text).toMatch(
        /<th scope="row">Name 1, given name<\/th><td class="before"><del>Margarete<\/del><\/td><td class="after"><ins>Grete<\/ins>/,
      );
      expect(refused.text).toContain('value="Grete"');
      expect(refused.text).toContain('as in the memoir</textarea>');
      expect((await loadForEditing(archive.storage.db, 'person', id)).doc).toMatchObject({ sex: 'unknown' });
      const again = await postEntries(archive.editor, path, formEntries(refused.text));
      expect(again.status).toBe(303);
      const { doc } = await loadForEditing(archive.storage.db, 'person', id);
      expect(doc.sex).toBe('female');
      expect((doc.names as { given: string }[])[0]!.given).toBe('Grete');
    });

    it('sends an anonymous reader to sign in and refuses forms without their token, saving nothing', async () => {
      const id = await idOf(archive.storage, 'persons', 'ernst-fabisch');
      for (const path of [`/en/persons/${id}/edit`, '/en/events/new', `/en/places/1/history`, '/en/changes']) {
        const refused = await archive.anonymous.get(path);
        expect(refused.status, path).toBe(303);
        expect(refused.location).toBe(`/en/sign-in?next=${encodeURIComponent(path)}`);
      }
      const count = await revisionCount(archive, 'person', id);
      const anonymous = await archive.anonymous.request(`/en/persons/${id}/edit`, {
        form: { sex: 'female', 'names.0.surname': 'X' },
      });
      expect(anonymous.status).toBe(403);
      const page = await archive.editor.get(`/en/persons/${id}/edit`);
      const forged = withFields(formEntries(page.text), { _csrf: 'forged', sex: 'female' });
      expect((await postEntries(archive.editor, `/en/persons/${id}/edit`, forged)).status).toBe(403);
      const missing = formEntries(page.text).filter(([k]) => k !== '_csrf');
      expect((await postEntries(archive.editor, `/en/persons/${id}/edit`, missing)).status).toBe(403);
      expect(await revisionCount(archive, 'person', id)).toBe(count);
    });

    it('answers 404 for an unknown record and 410 with a way to its history for a removed one', async () => {
      expect((await archive.editor.get('/en/persons/999999/edit')).status).toBe(404);
      expect((await archive.editor.get('/en/persons/abc/edit')).status).toBe(404);
      const created = await submitForm(archive.editor, '/en/places/new', {
        kind: 'city',
        status: 'published',
        'names.0.name': 'Zyxwgorod',
        'names.0.lang': 'ru',
      });
      const id = idFrom(created.location);
      const removed = await submitForm(
        archive.editor,
        `/en/places/${id}/edit`,
        { reason: 'no such town' },
        { which: /\/remove"/, action: `/en/places/${id}/remove` },
      );
      expect(removed.location).toMatch(new RegExp(`^/en/places/${id}/history\\?removed=\\d+$`));
      expect((await archive.anonymous.get(`/en/places/${id}`)).status).toBe(410);
      const gone = await archive.editor.get(`/en/places/${id}`);
      expect(gone.status).toBe(410);
      expect(gone.text).toContain(`href="/en/places/${id}/history"`);
      expect((await archive.editor.get(`/en/places/${id}/edit`)).location).toBe(`/en/places/${id}/history`);
      const history = await archive.editor.get(`/en/places/${id}/history`);
      expect(history.text).toContain('This record was removed');
      expect(history.text).toContain('no such town');
      expect(history.text).toMatch(/<dt>Name 1, name<\/dt><dd>Zyxwgorod<\/dd>/);
      const restored = await submitForm(
        archive.editor,
        `/en/places/${id}/history`,
        {},
        { which: /\/restore"/, action: `/en/places/${id}/restore` },
      );
      expect(restored.location).toMatch(new RegExp(`^/en/places/${id}/edit\\?restored=\\d+$`));
      expect((await archive.anonymous.get(`/en/places/${id}`)).status).toBe(200);
    });

    it('refuses a removal without a reason, and saving onto a removed record', async () => {
      const created = await submitForm(archive.editor, '/en/organizations/new', {
        kind: 'party',
        'names.0.name': 'Zyxw Party',
      });
      const id = idFrom(created.location);
      const refused = await submitForm(
        archive.editor,
        `/en/organizations/${id}/edit`,
        { reason: '  ' },
        { which: /\/remove"/, action: `/en/organizations/${id}/remove` },
      );
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('Say why the record is removed.');
      const form = formEntries((await archive.editor.get(`/en/organizations/${id}/edit`)).text);
      await submitForm(
        archive.editor,
        `/en/organizations/${id}/edit`,
        { reason: 'a test' },
        { which: /\/remove"/, action: `/en/organizations/${id}/remove` },
      );
      expect((await postEntries(archive.editor, `/en/organizations/${id}/edit`, form)).status).toBe(410);
    });
  });
}
