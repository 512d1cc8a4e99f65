import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadForEditing } from '../../src/editing/editing.service.ts';
import { listRecordRevisions } from '../../src/revisions/revision.repository.ts';
import type { Client } from '../support/client.ts';
import { type EditingArchive, idFrom, openEditingArchive, submitForm } from '../support/editing.ts';
import { ENGINES } from '../support/storage.ts';

for (const engine of ENGINES) {
  describe(`history pages on ${engine}`, () => {
    let archive: EditingArchive;
    beforeAll(async () => {
      archive = await openEditingArchive(engine);
    });
    afterAll(async () => {
      await archive?.close();
    });

    /** A new published person, then edits, each with its reason; returns the id and revisions oldest first. */
    async function personWithHistory(surname: string, edits: Record<string, string>[]) {
      const created = await submitForm(archive.editor, '/en/persons/new', {
        'names.0.given': 'Paul',
        'names.0.surname': surname,
        status: 'published',
        _reason: 'from the list of 1 July 1940',
      });
      const id = idFrom(created.location);
      for (const [i, edit] of edits.entries()) {
        const sent = await submitForm(archive.editor, `/en/persons/${id}/edit`, { _reason: `edit ${i + 1}`, ...edit });
        expect(sent.location).toContain('?saved=');
      }
      const revisions = (await listRecordRevisions(archive.storage.db, 'person', id, 100)).reverse().map((r) => r.id);
      return { id, revisions };
    }

    const post = (client: Client, path: string, form: Record<string, string>) =>
      client.get(path.replace(/\/(revert|undo|restore)$/, '/history')).then(() => client.post(path, form));

    it('lists every revision with who, when, what and why, and compares two in words', async () => {
      const { id, revisions } = await personWithHistory('Zyxhistor', [{ 'names.0.surname': 'Zyxhistorr' }]);
      const history = await archive.reviewer.get(`/en/persons/${id}/history`);
      expect(history.status).toBe(200);
      expect(history.text).toContain('History: Paul Zyxhistorr');
      expect(history.text).toContain('The editor');
      expect(history.text).toContain('from the list of 1 July 1940');
      expect(history.text).toContain('edit 1');
      expect(history.text).toMatch(/created \(<a href="\/en\/changes\/\d+">edit, change set \d+<\/a>\)/);
      // A reviewer reads the history but is offered no buttons that change it.
      expect(history.text).not.toContain('Go back to this revision');
      const compared = await archive.reviewer.get(`/en/persons/${id}/compare?to=${revisions[1]}`);
      expect(compared.status).toBe(200);
      expect(compared.text).toMatch(
        /<th scope="row">Name 1, surname<\/th><td class="before"><del>Zyxhistor<\/del><\/td><td class="after"><ins>Zyxhistorr<\/ins>/,
      );
      const chosen = await archive.reviewer.get(`/en/persons/${id}/compare?from=${revisions[1]}&to=${revisions[0]}`);
      expect(chosen.text).toContain(`Revisions ${revisions[0]} and ${revisions[1]} of Paul Zyxhistorr`);
      const created = await archive.reviewer.get(`/en/persons/${id}/compare?to=${revisions[0]}`);
      expect(created.text).toMatch(
        /<th scope="row">Name 1, surname<\/th><td class="before"><span class="empty">—<\/span><\/td><td class="after"><ins>Zyxhistor<\/ins>/,
      );
      expect((await archive.reviewer.get(`/en/persons/${id}/compare?to=1`)).status).toBe(404);
    });

    it('goes back to any revision, as a new revision', async () => {
      const { id, revisions } = await personWithHistory('Zyxrevert', [{ sex: 'male' }, { 'names.0.given': 'Peter' }]);
      const sent = await post(archive.editor, `/en/persons/${id}/revert`, { revision: String(revisions[0]) });
      expect(sent.status).toBe(303);
      const page = await archive.editor.get(sent.location!);
      expect(page.text).toMatch(new RegExp(`The record is back at revision ${revisions[0]} \\(new revision \\d+\\)`));
      const { doc } = await loadForEditing(archive.storage.db, 'person', id);
      expect(doc).toMatchObject({ sex: 'unknown' });
      expect((doc.names as { given: string }[])[0]!.given).toBe('Paul');
      const actions = (await listRecordRevisions(archive.storage.db, 'person', id, 10)).map((r) => r.action);
      expect(actions[0]).toBe('revert');
      expect(actions).toHaveLength(4);
    });

    it('undoes one change, and refuses with the fields in words when a later change touched them', async () => {
      const { id, revisions } = await personWithHistory('Zyxundo', [{ sex: 'male' }, { roles: 'witness' }]);
      const undone = await post(archive.editor, `/en/persons/${id}/undo`, { revision: String(revisions[1]) });
      expect(undone.status).toBe(303);
      expect((await loadForEditing(archive.storage.db, 'person', id)).doc).toMatchObject({
        sex: 'unknown',
        roles: ['witness'],
      });
      await submitForm(archive.editor, `/en/persons/${id}/edit`, { roles: 'victim' });
      const refused = await post(archive.editor, `/en/persons/${id}/undo`, { revision: String(revisions[2]) });
      expect(refused.status).toBe(409);
      expect(refused.text).toContain('a later change touched the same fields (Roles)');
      expect((await loadForEditing(archive.storage.db, 'person', id)).doc).toMatchObject({ roles: ['victim'] });
    });

    it('refuses reviewers and anonymous callers every change from the history, and a revision of another record', async () => {
      const { id, revisions } = await personWithHistory('Zyxguard', [{ sex: 'male' }]);
      for (const action of ['revert', 'undo', 'restore']) {
        const refused = await post(archive.reviewer, `/en/persons/${id}/${action}`, {
          revision: String(revisions[0]),
        });
        expect(refused.status, action).toBe(403);
      }
      const other = await personWithHistory('Zyxother', []);
      const wrong = await post(archive.editor, `/en/persons/${id}/revert`, { revision: String(other.revisions[0]) });
      expect(wrong.status).toBe(404);
      expect((await loadForEditing(archive.storage.db, 'person', id)).doc).toMatchObject({ sex: 'male' });
    });

    it('lists recent changes filtered by user, kind of record and day, and reverts a change set as one', async () => {
      const { id } = await personWithHistory('Zyxrecent', []);
      const today = new Date().toISOString().slice(0, 10);
      const mine = await archive.reviewer.get(
        `/en/changes?user=${archive.userIds.editor}&type=person&since=${today}&until=${today}`,
      );
      expect(mine.status).toBe(200);
      expect(mine.text).toContain('Paul Zyxrecent');
      expect(mine.text).not.toContain('sample load');
      const places = await archive.reviewer.get('/en/changes?type=place');
      expect(places.text).not.toContain('Paul Zyxrecent');
      expect((await archive.reviewer.get('/en/changes?since=yesterday')).status).toBe(400);
      expect((await archive.reviewer.get(`/en/changes?user=${archive.userIds.other}&type=source`)).text).toContain(
        'No changes.',
      );

      const set = (await listRecordRevisions(archive.storage.db, 'person', id, 1))[0]!.change_set_id;
      const setPage = await archive.editor.get(`/en/changes/${set}`);
      expect(setPage.text).toContain(`Change set ${set}`);
      const reverted = await archive.editor.post(`/en/changes/${set}/revert`, { reason: 'a duplicate' });
      expect(reverted.status).toBe(303);
      expect((await archive.editor.get(reverted.location!)).text).toContain(
        `Change set ${set} is reverted by this one.`,
      );
      expect((await archive.anonymous.get(`/en/persons/${id}`)).status).toBe(410);

      // The sample load is one change set too; after edits to its records it cannot be reverted whole.
      const sample = await archive.storage.db
        .selectFrom('change_sets')
        .select('id')
        .where('kind', '=', 'sample')
        .executeTakeFirstOrThrow();
      await submitForm(archive.editor, `/en/persons/${1}/edit`, { _reason: 'touch', display: 'Touched' });
      await archive.editor.get(`/en/changes/${sample.id}`);
      const refused = await archive.editor.post(`/en/changes/${sample.id}/revert`, {});
      expect(refused.status).toBe(409);
      expect(refused.text).toContain('changed since; revert those changes first.');
      expect((await archive.reviewer.post(`/en/changes/${sample.id}/revert`, {})).status).toBe(403);
    });
  });
}
