import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadForEditing } from '../../src/editing/editing.service.ts';
import { getProposal } from '../../src/editing/proposal.service.ts';
import { listRecordRevisions } from '../../src/revisions/revision.repository.ts';
import { idOf } from '../support/app.ts';
import { type EditingArchive, idFrom, openEditingArchive, revisionCount, submitForm } from '../support/editing.ts';
import { formEntries, postEntries } from '../support/forms.ts';
import { ENGINES } from '../support/storage.ts';

for (const engine of ENGINES) {
  describe(`reviewers' proposals on ${engine}`, () => {
    let archive: EditingArchive;
    beforeAll(async () => {
      archive = await openEditingArchive(engine);
    });
    afterAll(async () => {
      await archive?.close();
    });

    it('keeps a reviewer’s save as a proposal that an editor accepts as their revision', async () => {
      const id = await idOf(archive.storage, 'persons', 'franz-winter');
      const count = await revisionCount(archive, 'person', id);
      const form = await archive.reviewer.get(`/en/persons/${id}/edit`);
      expect(form.text).toContain('Propose this change');
      expect(form.text).not.toContain('Remove the record');
      const sent = await submitForm(archive.reviewer, `/en/persons/${id}/edit`, {
        'names.0.given': 'Frantz',
        _reason: 'spelled so in the NKVD file',
      });
      expect(sent.status).toBe(303);
      expect(sent.location).toMatch(/^\/en\/proposals\/\d+\?proposed$/);
      const proposal = idFrom(sent.location);
      expect(await revisionCount(archive, 'person', id)).toBe(count);
      const page = await archive.reviewer.get(sent.location!);
      expect(page.text).toContain('Your proposal is saved.');
      expect(page.text).toMatch(
        /<th scope="row">Name 1, given name<\/th><td class="before"><del>Franz<\/del><\/td><td class="after"><ins>Frantz<\/ins>/,
      );
      expect(page.text).not.toContain('Accept and save');
      expect((await archive.reviewer.post(`/en/proposals/${proposal}/accept`, {})).status).toBe(403);

      const list = await archive.editor.get('/en/proposals');
      expect(list.text).toContain(`href="/en/proposals/${proposal}"`);
      expect((await archive.editor.get(`/en/persons/${id}/history`)).text).toContain(`Proposal ${proposal}`);
      await archive.editor.get(`/en/proposals/${proposal}`);
      const accepted = await archive.editor.post(`/en/proposals/${proposal}/accept`, {});
      expect(accepted.status).toBe(303);
      expect(accepted.location).toMatch(new RegExp(`^/en/persons/${id}/edit\\?saved=\\d+$`));
      const { doc } = await loadForEditing(archive.storage.db, 'person', id);
      expect((doc.names as { given: string }[])[0]!.given).toBe('Frantz');
      const [latest] = await listRecordRevisions(archive.storage.db, 'person', id, 1);
      expect(latest).toMatchObject({ user_id: archive.userIds.editor, reason: 'spelled so in the NKVD file' });
      expect(await getProposal(archive.storage.db, proposal)).toMatchObject({
        status: 'accepted',
        decidedBy: archive.userIds.editor,
        revision: latest!.id,
      });
      const again = await archive.editor.post(`/en/proposals/${proposal}/accept`, {});
      expect(again.status).toBe(400);
      expect(again.text).toContain('This proposal was decided already.');
    });

    it('proposes a new record, declines another with a note', async () => {
      const sent = await submitForm(archive.reviewer, '/en/places/new', {
        kind: 'camp',
        'names.0.name': 'Zyxwlag',
        'names.0.lang': 'ru',
      });
      const proposal = idFrom(sent.location);
      expect((await archive.editor.get(`/en/proposals/${proposal}`)).text).toContain('for a new place');
      const accepted = await archive.editor.post(`/en/proposals/${proposal}/accept`, {});
      const place = idFrom(accepted.location);
      expect((await loadForEditing(archive.storage.db, 'place', place)).doc).toMatchObject({ kind: 'camp' });

      const declinedSent = await submitForm(archive.reviewer, `/en/places/${place}/edit`, { kind: 'prison' });
      const declined = idFrom(declinedSent.location);
      await archive.editor.get(`/en/proposals/${declined}`);
      const answer = await archive.editor.post(`/en/proposals/${declined}/decline`, { note: 'it was a camp' });
      expect(answer.status).toBe(303);
      const page = await archive.reviewer.get(answer.location!);
      expect(page.text).toContain('Declined.');
      expect(page.text).toContain('it was a camp');
      expect((await loadForEditing(archive.storage.db, 'place', place)).doc).toMatchObject({ kind: 'camp' });
    });

    it('refuses a stale proposal as it is, and lets an editor settle it in the form', async () => {
      const id = await idOf(archive.storage, 'persons', 'fritz-baltes');
      const sent = await submitForm(archive.reviewer, `/en/persons/${id}/edit`, { sex: 'unknown' });
      const proposal = idFrom(sent.location);
      await submitForm(archive.other, `/en/persons/${id}/edit`, { 'names.0.given': 'Friedrich' });
      await archive.editor.get(`/en/proposals/${proposal}`);
      const stale = await archive.editor.post(`/en/proposals/${proposal}/accept`, {});
      expect(stale.status).toBe(409);
      expect(stale.text).toContain('The record changed since this was proposed');
      expect((await getProposal(archive.storage.db, proposal)).status).toBe('pending');

      const form = await archive.editor.get(`/en/persons/${id}/edit?proposal=${proposal}`);
      expect(form.text).toContain(`action="/en/persons/${id}/edit?proposal=${proposal}"`);
      const entries = formEntries(form.text).map(([k, v]): [string, string] =>
        k === 'names.0.given' ? [k, 'Friedrich'] : [k, v],
      );
      const saved = await postEntries(archive.editor, `/en/persons/${id}/edit?proposal=${proposal}`, entries);
      expect(saved.status).toBe(303);
      const { doc } = await loadForEditing(archive.storage.db, 'person', id);
      expect(doc.sex).toBe('unknown');
      expect((doc.names as { given: string }[])[0]!.given).toBe('Friedrich');
      expect((await getProposal(archive.storage.db, proposal)).status).toBe('accepted');
    });

    it('checks a proposal as it would a save: problems beside their fields, nothing kept', async () => {
      const id = await idOf(archive.storage, 'persons', 'fritz-baltes');
      const before = await archive.storage.db.selectFrom('proposals').select('id').execute();
      const sent = await submitForm(archive.reviewer, `/en/persons/${id}/edit`, { 'citations.0.source': '999999' });
      expect(sent.status).toBe(400);
      expect(sent.text).toContain('id="f-citations-0-source-error">There is no such record (999999).');
      expect(await archive.storage.db.selectFrom('proposals').select('id').execute()).toEqual(before);
    });
  });
}
