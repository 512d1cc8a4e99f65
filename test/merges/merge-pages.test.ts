import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_LINE } from '../../src/accounts/audit.ts';
import { createToken } from '../../src/accounts/token.service.ts';
import {
  loadForEditing,
  revertChangeSet,
  revertToRevision,
  saveRecord,
  undoRevision,
} from '../../src/editing/editing.service.ts';
import { upsertDuplicatePair } from '../../src/merges/merge.repository.ts';
import { findPersonById } from '../../src/persons/person.repository.ts';
import { listRecordRevisions } from '../../src/revisions/revision.repository.ts';
import { insertUser } from '../support/accounts.ts';
import { type EditingArchive, openEditingArchive, submitForm } from '../support/editing.ts';
import { ENGINES } from '../support/storage.ts';

for (const engine of ENGINES) {
  describe(`merge pages and the merge API on ${engine}`, () => {
    let archive: EditingArchive;
    let token: string;
    let reviewerToken: string;
    beforeAll(async () => {
      archive = await openEditingArchive(engine);
      token = (await createToken(archive.storage.db, archive.userIds.editor, { label: 'merge test' }, COMMAND_LINE))
        .token;
      const reviewer = await insertUser(archive.storage.db, { name: 'merge-reviewer', role: 'reviewer' });
      reviewerToken = (await createToken(archive.storage.db, reviewer.id, { label: 'merge test' }, COMMAND_LINE)).token;
    });
    afterAll(async () => {
      await archive?.close();
    });

    /** Two published records of one man, each with an arrest event of its own. */
    async function twoRecords(surname: string) {
      const editor = { userId: archive.userIds.editor };
      const ids: number[] = [];
      for (const [given, date] of [
        ['Leopold', '1938-03-02'],
        ['Leo', '1941-07'],
      ] as const) {
        const person = await saveRecord(archive.storage, editor, {
          type: 'person',
          doc: { status: 'published', names: [{ kind: 'birth', given, surname }] },
        });
        await saveRecord(archive.storage, editor, {
          type: 'event',
          doc: { type: 'arrest', date, status: 'published', participants: [{ person: person.id, role: 'subject' }] },
        });
        ids.push(person.id);
      }
      return ids as [number, number];
    }

    async function api(path: string, body?: unknown, bearer: string | null = token) {
      const headers: Record<string, string> = {};
      if (bearer) headers.authorization = `Bearer ${bearer}`;
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await archive.app.request(`/api/v1${path}`, {
        method: 'POST',
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : null };
    }

    it('merges from a person’s edit page: pick, compare side by side, confirm; then unmerges in one action', async () => {
      const [a, b] = await twoRecords('Zyxmerge');
      const edit = await archive.editor.get(`/en/persons/${a}/edit`);
      expect(edit.text).toContain(`href="/en/persons/${a}/merge"`);

      const pick = await archive.editor.get(`/en/persons/${a}/merge`);
      expect(pick.status).toBe(200);
      expect(pick.text).toContain('name="into"');
      for (const [into, words] of [
        ['abc', 'Give the number of another person.'],
        [String(a), 'Give the number of another person.'],
        ['99999999', 'There is no person 99999999.'],
      ]) {
        const refused = await archive.editor.get(`/en/persons/${a}/merge?into=${into}`);
        expect(refused.status, into).toBe(400);
        expect(refused.text).toContain(words);
        expect(refused.text).toContain('aria-invalid="true"');
      }

      const compare = await archive.editor.get(`/en/persons/${a}/merge?into=${b}`);
      expect(compare.status).toBe(200);
      expect(compare.text).toContain('Leopold');
      expect(compare.text).toContain('Leo Zyxmerge');
      expect(compare.text).toContain('arrest, 2 March 1938');
      expect(compare.text).toContain('arrest, July 1941');
      expect(compare.text).toContain(`href="/en/persons/${b}/merge?into=${a}"`);

      const form = /action="\/en\/persons\/\d+\/merge"/;
      const noReason = await submitForm(archive.editor, `/en/persons/${a}/merge?into=${b}`, {}, { which: form });
      expect(noReason.status).toBe(400);
      expect(noReason.text).toContain('Say why the two records are one person.');
      expect((await findPersonById(archive.storage.db, a))?.merged_into).toBeNull();

      const merged = await submitForm(
        archive.editor,
        `/en/persons/${a}/merge?into=${b}`,
        { reason: 'the same file, two spellings' },
        { which: form },
      );
      expect(merged.status).toBe(303);
      const mergePath = merged.location!.split('?')[0]!;
      expect(merged.location).toMatch(/^\/en\/merges\/\d+\?merged$/);
      const page = await archive.editor.get(merged.location!);
      expect(page.text).toContain(`Merged. Person ${a}’s address now leads to person ${b}.`);
      expect(page.text).toContain('the same file, two spellings');
      const redirect = await archive.anonymous.get(`/en/persons/${a}`);
      expect(redirect.status).toBe(301);
      expect(redirect.location).toBe(`/en/persons/${b}`);
      // Checked on each visit, so that an unmerge reaches browsers that followed it.
      expect(redirect.res.headers.get('cache-control')).toBe('no-cache');
      const survivor = await loadForEditing(archive.storage.db, 'person', b);
      expect((survivor.doc.names as { given: string }[]).map((n) => n.given).sort()).toEqual(['Leo', 'Leopold']);
      // The merged person's merge page is its merge.
      expect((await archive.editor.get(`/en/persons/${a}/merge`)).location).toBe(mergePath);
      // Its change set leads there rather than offering a revert of its own.
      const changeSet = (
        await archive.storage.db
          .selectFrom('merges')
          .select('change_set_id')
          .where('source_id', '=', a)
          .executeTakeFirstOrThrow()
      ).change_set_id;
      const setPage = await archive.editor.get(`/en/changes/${changeSet}`);
      expect(setPage.text).toContain(`href="/en/persons/${a}/merge"`);
      expect(setPage.text).not.toContain(`action="/en/changes/${changeSet}/revert"`);
      const audit = await archive.storage.db
        .selectFrom('audit_log')
        .select(['action', 'detail'])
        .where('target', '=', `person:${a}`)
        .execute();
      expect(audit).toContainEqual({ action: 'person_merge', detail: `into person:${b}` });

      const unmerged = await submitForm(
        archive.editor,
        mergePath,
        {},
        { which: /unmerge/, action: `${mergePath}/unmerge` },
      );
      expect(unmerged.status).toBe(303);
      expect(unmerged.location).toBe(`${mergePath}?unmerged`);
      expect((await archive.editor.get(unmerged.location!)).text).toContain('This merge was undone.');
      expect((await archive.anonymous.get(`/en/persons/${a}`)).status).toBe(200);
      const back = await loadForEditing(archive.storage.db, 'person', b);
      expect((back.doc.names as { given: string }[]).map((n) => n.given)).toEqual(['Leo']);
      const again = await archive.editor.post(`${mergePath}/unmerge`, {});
      expect(again.status).toBe(400);
      expect(again.text).toContain('This merge was undone already.');
    });

    it('sends a merged person’s number to its survivor, and refuses a reviewer and an anonymous visitor', async () => {
      const [a, b] = await twoRecords('Zyxguard');
      const [c] = await twoRecords('Zyxthird');
      const merged = await api(`/persons/${a}/merge`, { into: b, reason: 'one man' });
      expect(merged.status).toBe(200);
      const toMerged = await archive.editor.get(`/en/persons/${c}/merge?into=${a}`);
      expect(toMerged.status).toBe(303);
      expect(toMerged.location).toBe(`/en/persons/${c}/merge?into=${b}`);

      expect((await archive.reviewer.get(`/en/persons/${c}/merge`)).status).toBe(403);
      expect((await archive.reviewer.get('/en/duplicates')).status).toBe(403);
      const path = `/en/persons/${c}/merge`;
      const anonymous = await archive.anonymous.get(path);
      expect(anonymous.status).toBe(303);
      expect(anonymous.location).toBe(`/en/sign-in?next=${encodeURIComponent(path)}`);
      const forged = await archive.editor.post(path, { into: String(b), reason: 'forged', _csrf: 'forged' });
      expect(forged.status).toBe(403);
      expect((await findPersonById(archive.storage.db, c))?.merged_into).toBeNull();
    });

    it('lists likely duplicates with their evidence, to compare and merge or to dismiss', async () => {
      const [a, b] = await twoRecords('Zyxdup');
      const [c, d] = await twoRecords('Zyxpair');
      const evidence = JSON.stringify([
        { comparison: 'surname', level: 'exact', weight: 6.25, detail: 'Zyxdup' },
        { comparison: 'birth', level: 'different', weight: -2.5 },
      ]);
      await upsertDuplicatePair(archive.storage.db, { person_a: a, person_b: b, weight: 9.5, evidence });
      await upsertDuplicatePair(archive.storage.db, { person_a: c, person_b: d, weight: 3.75, evidence });
      const list = await archive.editor.get('/en/duplicates');
      expect(list.status).toBe(200);
      expect(list.text.indexOf('Leopold Zyxdup')).toBeGreaterThan(-1);
      expect(list.text.indexOf('Leopold Zyxdup')).toBeLessThan(list.text.indexOf('Leopold Zyxpair'));
      expect(list.text).toContain('surname: exact (Zyxdup) +6.3');
      expect(list.text).toContain('birth date: different −2.5');
      expect(list.text).toContain(`href="/en/persons/${b}/merge?into=${a}"`);

      const dismissed = await archive.editor.post(`/en/duplicates/${c}/${d}/dismiss`, {});
      expect(dismissed.status).toBe(303);
      expect(dismissed.location).toBe('/en/duplicates?dismissed');
      const after = await archive.editor.get(dismissed.location!);
      expect(after.text).toContain('Marked as two different people.');
      expect(after.text).not.toContain('Leopold Zyxpair');

      const merged = await api(`/persons/${b}/merge`, { into: a, reason: 'the pair' });
      expect(merged.status).toBe(200);
      expect((await archive.editor.get('/en/duplicates')).text).not.toContain('Leopold Zyxdup');
      const status = await archive.storage.db
        .selectFrom('duplicate_pairs')
        .select(['person_a', 'status'])
        .where('person_a', 'in', [a, c])
        .orderBy('person_a')
        .execute();
      expect(status).toEqual([
        { person_a: a, status: 'merged' },
        { person_a: c, status: 'dismissed' },
      ]);
    });

    it('merges and unmerges through the API, refusing bad requests with a clear 4xx and writing nothing', async () => {
      const [a, b] = await twoRecords('Zyxapi');
      const refusals: [unknown, number, RegExp][] = [
        [{ into: b }, 400, /reason/],
        [{ into: b, reason: '   ' }, 400, /reason/],
        [{ into: b, reason: 'x'.repeat(501) }, 400, /reason/],
        [{ into: a, reason: 'self' }, 400, /itself/],
        [{ into: 'b', reason: 'why' }, 400, /into/],
        [{ into: 99999999, reason: 'why' }, 404, /./],
      ];
      for (const [body, status, message] of refusals) {
        const refused = await api(`/persons/${a}/merge`, body);
        expect(refused.status, JSON.stringify(body)).toBe(status);
        expect(refused.json.error.message).toMatch(message);
      }
      expect((await api(`/persons/${a}/merge`, { into: b, reason: 'why' }, reviewerToken)).status).toBe(403);
      expect((await api(`/persons/${a}/merge`, { into: b, reason: 'why' }, null)).status).toBe(401);
      expect((await api(`/persons/${a}/unmerge`)).status).toBe(400);
      expect((await findPersonById(archive.storage.db, a))?.merged_into).toBeNull();

      const merged = await api(`/persons/${a}/merge`, { into: b, reason: 'one man' });
      expect(merged.status).toBe(200);
      expect(merged.json).toMatchObject({ source: a, target: b });
      expect(merged.json.url).toMatch(new RegExp(`/persons/${b}$`));
      expect((await api(`/persons/${a}/merge`, { into: b, reason: 'again' })).status).toBe(400);
      expect((await api(`/persons/${b}/merge`, { into: a, reason: 'into a merged one' })).status).toBe(400);

      // History cannot take a merge back in part: going back past it, undoing it or reverting its change set is refused.
      const editor = { userId: archive.userIds.editor };
      const revisions = await listRecordRevisions(archive.storage.db, 'person', b, 100);
      const mergeRevision = revisions.find((r) => r.action === 'merge')!;
      const created = revisions.find((r) => r.action === 'create')!;
      const refused = /A merge or unmerge lies between/;
      await expect(revertToRevision(archive.storage, editor, { revisionId: created.id })).rejects.toThrow(refused);
      await expect(undoRevision(archive.storage, editor, { revisionId: mergeRevision.id })).rejects.toThrow(refused);
      await expect(revertChangeSet(archive.storage, editor, { changeSetId: merged.json.changeSet })).rejects.toThrow(
        refused,
      );
      await archive.editor.get(`/en/persons/${b}/history`);
      const page = await archive.editor.post(`/en/persons/${b}/revert`, { revision: String(created.id) });
      expect(page.status).toBe(400);
      expect(page.text).toContain('A merge or unmerge lies between');
      expect(page.text).toContain('class="history"');
      const kept = await loadForEditing(archive.storage.db, 'person', b);
      expect((kept.doc.names as unknown[]).length).toBe(2);

      const unmerged = await api(`/persons/${a}/unmerge`, { reason: 'two men after all' });
      expect(unmerged.status).toBe(200);
      expect(unmerged.json).toMatchObject({ merge: merged.json.merge, source: a, target: b });
      expect((await findPersonById(archive.storage.db, a))?.merged_into).toBeNull();
      expect((await api(`/persons/${a}/unmerge`)).status).toBe(400);
    });
  });
}
