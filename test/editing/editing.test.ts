import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/connection.ts';
import {
  loadForEditing,
  removeRecord,
  revertChangeSet,
  revertToRevision,
  revisionChanges,
  saveRecord,
  UndoConflictError,
  undoRevision,
} from '../../src/editing/editing.service.ts';
import { EditConflictError, GoneError, InvalidRecordError } from '../../src/errors.ts';
import { formatPath } from '../../src/revisions/document-diff.ts';
import { findRevision, listRecordRevisions } from '../../src/revisions/revision.repository.ts';
import { SearchService } from '../../src/search/names/person-search.service.ts';
import { createApp } from '../../src/web/app.tsx';
import { ENGINES, openTestStorage } from '../support/storage.ts';

const editor = { userId: 7 };

/** A person's document as an editor submits it. */
function personDoc(extra: Record<string, unknown> = {}) {
  return {
    sex: 'male',
    status: 'published',
    roles: ['victim'],
    names: [{ kind: 'birth', given: 'Willi', surname: 'Harzheim', lang: 'de' }],
    ...extra,
  };
}

for (const engine of ENGINES) {
  describe(`editing records on ${engine}`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await openTestStorage(engine);
    });
    afterEach(async () => {
      await storage.close();
    });

    const search = async (q: string) =>
      (await new SearchService(storage).search({ q, sort: 'relevance', limit: 5, offset: 0 })).results.map((r) => r.id);

    it('creates a person from a document, findable at once, with a first revision', async () => {
      const saved = await saveRecord(storage, editor, {
        type: 'person',
        doc: personDoc(),
        reason: 'from the 1937 list',
      });
      expect(saved.changed).toBe(true);
      expect(await search('Harzheim')).toEqual([saved.id]);
      const history = await listRecordRevisions(storage.db, 'person', saved.id, 10);
      expect(history).toMatchObject([
        { id: saved.revision, action: 'create', user_id: 7, reason: 'from the 1937 list' },
      ]);
    });

    it('keeps the ids of the statements it keeps, and records what changed field by field', async () => {
      const created = await saveRecord(storage, editor, { type: 'person', doc: personDoc() });
      const doc = structuredClone(created.doc) as { names: { id: number; surname: string }[] };
      const nameId = doc.names[0]!.id;
      doc.names[0]!.surname = 'Harzheym';
      const edited = await saveRecord(storage, editor, {
        type: 'person',
        id: created.id,
        doc,
        baseRevision: created.revision,
      });
      expect((edited.doc as typeof doc).names[0]!.id).toBe(nameId);
      const changes = await revisionChanges(storage.db, (await findRevision(storage.db, edited.revision))!);
      expect(changes.changes.map((c) => formatPath(c.path))).toEqual(
        [`names[#${nameId}].surname`, 'sort', 'display'].filter((p) =>
          changes.changes.some((c) => formatPath(c.path) === p),
        ),
      );
      expect(changes.changes.find((c) => formatPath(c.path).endsWith('surname'))).toMatchObject({
        before: 'Harzheim',
        after: 'Harzheym',
      });
      expect(await search('Harzheym')).toEqual([created.id]);
    });

    it('writes nothing for a document that changes nothing', async () => {
      const created = await saveRecord(storage, editor, { type: 'person', doc: personDoc() });
      const again = await saveRecord(storage, editor, { type: 'person', id: created.id, doc: created.doc });
      expect(again).toMatchObject({ changed: false, revision: created.revision });
      expect(await listRecordRevisions(storage.db, 'person', created.id, 10)).toHaveLength(1);
    });

    it('refuses an edit made on a stale version, and saves nothing of it', async () => {
      const created = await saveRecord(storage, editor, { type: 'person', doc: personDoc() });
      await saveRecord(storage, editor, {
        type: 'person',
        id: created.id,
        doc: personDoc({ sex: 'unknown' }),
        baseRevision: created.revision,
      });
      await expect(
        saveRecord(
          storage,
          { userId: 8 },
          {
            type: 'person',
            id: created.id,
            doc: personDoc({ roles: ['witness'] }),
            baseRevision: created.revision,
          },
        ),
      ).rejects.toBeInstanceOf(EditConflictError);
      const { doc } = await loadForEditing(storage.db, 'person', created.id);
      expect(doc).toMatchObject({ sex: 'unknown', roles: ['victim'] });
    });

    it('refuses an invalid document naming each field, and saves nothing', async () => {
      const bad = personDoc({ names: [{ kind: 'birth' }], sex: 'x' });
      const error = await saveRecord(storage, editor, { type: 'person', doc: bad }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidRecordError);
      expect((error as InvalidRecordError).problems.map((p) => p.path).sort()).toEqual(['names.0.surname', 'sex']);
      const dated = personDoc({ attributes: [{ type: 'occupation', value: 'miner', date: '1937-13-45' }] });
      const dateError = await saveRecord(storage, editor, { type: 'person', doc: dated }).catch((e: unknown) => e);
      expect((dateError as InvalidRecordError).problems).toEqual([
        { path: 'attributes.0.date', message: expect.stringContaining('EDTF') },
      ]);
      expect(await search('Harzheim')).toEqual([]);
    });

    it('reverts to an earlier revision, as a new revision', async () => {
      const created = await saveRecord(storage, editor, { type: 'person', doc: personDoc() });
      await saveRecord(storage, editor, { type: 'person', id: created.id, doc: personDoc({ sex: 'unknown' }) });
      const reverted = await revertToRevision(storage, editor, { revisionId: created.revision });
      expect(reverted.doc).toMatchObject({ sex: 'male' });
      const actions = (await listRecordRevisions(storage.db, 'person', created.id, 10)).map((r) => r.action);
      expect(actions).toEqual(['revert', 'update', 'create']);
    });

    it('undoes one change and keeps a later one elsewhere; refuses when a later one touched the same field', async () => {
      const created = await saveRecord(storage, editor, { type: 'person', doc: personDoc() });
      const sexChange = await saveRecord(storage, editor, {
        type: 'person',
        id: created.id,
        doc: { ...created.doc, sex: 'unknown' },
      });
      const rolesChange = await saveRecord(storage, editor, {
        type: 'person',
        id: created.id,
        doc: { ...sexChange.doc, roles: ['victim', 'witness'] },
      });
      const undone = await undoRevision(storage, editor, { revisionId: sexChange.revision });
      expect(undone.doc).toMatchObject({ sex: 'male', roles: ['victim', 'witness'] });
      await saveRecord(storage, editor, { type: 'person', id: created.id, doc: { ...undone.doc, roles: ['witness'] } });
      await expect(undoRevision(storage, editor, { revisionId: rolesChange.revision })).rejects.toBeInstanceOf(
        UndoConflictError,
      );
    });

    it('removes a record with a reason, out of search, and restores it whole', async () => {
      const created = await saveRecord(storage, editor, {
        type: 'person',
        doc: personDoc({ biography: { en: 'Miner from the Ruhr.' } }),
      });
      await expect(removeRecord(storage, editor, { type: 'person', id: created.id, reason: '' })).rejects.toThrow(
        /why/,
      );
      const removed = await removeRecord(storage, editor, { type: 'person', id: created.id, reason: 'a duplicate' });
      expect(await search('Harzheim')).toEqual([]);
      await expect(
        saveRecord(storage, editor, { type: 'person', id: created.id, doc: personDoc() }),
      ).rejects.toBeInstanceOf(GoneError);
      const history = await listRecordRevisions(storage.db, 'person', created.id, 10);
      const beforeRemoval = history.find((r) => r.action === 'create')!;
      const restored = await revertToRevision(storage, editor, { revisionId: beforeRemoval.id });
      expect(restored.doc).toMatchObject({ status: 'published', biography: { en: 'Miner from the Ruhr.' } });
      expect(await search('Harzheim')).toEqual([created.id]);
      expect(removed.revision).toBeLessThan(restored.revision);
    });

    it('reverts a whole change set, and refuses once the records changed since', async () => {
      const created = await saveRecord(storage, editor, { type: 'person', doc: personDoc() });
      const createSet = (await findRevision(storage.db, created.revision))!.change_set_id;
      const result = await revertChangeSet(storage, editor, { changeSetId: createSet });
      expect(result.records).toBe(1);
      expect(await search('Harzheim')).toEqual([]);
      await expect(revertChangeSet(storage, editor, { changeSetId: createSet })).rejects.toThrow(/already/);
      const other = await saveRecord(storage, editor, { type: 'person', doc: personDoc() });
      await saveRecord(storage, editor, { type: 'person', id: other.id, doc: personDoc({ sex: 'unknown' }) });
      const otherSet = (await findRevision(storage.db, other.revision))!.change_set_id;
      await expect(revertChangeSet(storage, editor, { changeSetId: otherSet })).rejects.toThrow(/changed since/);
    });

    it('keeps citations of every statement and drafts of statements', async () => {
      const source = await storage.db
        .insertInto('sources')
        .values({ kind: 'book', title: 'Gedenkbuch' })
        .returning('id')
        .executeTakeFirstOrThrow();
      const saved = await saveRecord(storage, editor, {
        type: 'person',
        doc: personDoc({
          names: [
            {
              kind: 'birth',
              given: 'Willi',
              surname: 'Harzheim',
              citations: [{ source: source.id, locator: 'p. 12', quote: 'Harzheim, Willi' }],
            },
            { kind: 'alias', given: 'Hans', surname: 'Schwarz', status: 'draft' },
          ],
          citations: [{ source: source.id, locator: 'p. 11' }],
        }),
      });
      expect(saved.doc).toMatchObject({
        names: [
          { citations: [{ source: source.id, locator: 'p. 12', quote: 'Harzheim, Willi' }], status: 'published' },
          { surname: 'Schwarz', status: 'draft' },
        ],
        citations: [{ source: source.id, locator: 'p. 11' }],
      });
      // The draft alias is the editors' alone: not searchable, not on the public page.
      expect(await search('Hans Schwarz')).toEqual([]);
      const page = await createApp(storage).request(`/en/persons/${saved.id}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('Harzheim');
      expect(html).not.toContain('Schwarz');
    });

    it('answers 410 at a removed record’s address, and 404 for a draft record', async () => {
      const app = createApp(storage);
      const draft = await saveRecord(storage, editor, { type: 'person', doc: personDoc({ status: 'draft' }) });
      expect((await app.request(`/en/persons/${draft.id}`)).status).toBe(404);
      const published = await saveRecord(storage, editor, { type: 'person', doc: personDoc() });
      await removeRecord(storage, editor, { type: 'person', id: published.id, reason: 'a duplicate' });
      const gone = await app.request(`/en/persons/${published.id}`);
      expect(gone.status).toBe(410);
      expect(await gone.text()).not.toContain('Harzheim');
    });

    it('edits an event with its participants and variants, and keeps their fates and facets true', async () => {
      const person = await saveRecord(storage, editor, { type: 'person', doc: personDoc() });
      const event = await saveRecord(storage, editor, {
        type: 'event',
        doc: {
          type: 'execution',
          date: '1937-12-27',
          status: 'published',
          participants: [{ person: person.id, role: 'subject' }],
          variants: [{ date: '1937-12-17', note: 'another list gives the 17th' }],
        },
      });
      expect(event.doc).toMatchObject({ date: '1937-12-27', variants: [{ date: '1937-12-17' }] });
      const fateOf = async () =>
        (await storage.db.selectFrom('persons').select('fate').where('id', '=', person.id).executeTakeFirst())?.fate;
      expect(await fateOf()).toBe('shot_in_ussr');
      const found = await new SearchService(storage).search({
        q: 'Harzheim',
        event: 'execution',
        from: '1937',
        to: '1937',
        sort: 'relevance',
        limit: 5,
        offset: 0,
      });
      expect(found.results.map((r) => r.id)).toEqual([person.id]);
      await removeRecord(storage, editor, { type: 'event', id: event.id, reason: 'wrong person' });
      expect(await fateOf()).not.toBe('shot_in_ussr');
    });
  });
}
