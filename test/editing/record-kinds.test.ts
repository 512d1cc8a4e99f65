import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/connection.ts';
import { removeRecord, revertToRevision, saveRecord } from '../../src/editing/editing.service.ts';
import { InvalidRecordError } from '../../src/errors.ts';
import { listRecordRevisions } from '../../src/revisions/revision.repository.ts';
import { createApp } from '../../src/web/app.tsx';
import { ENGINES, openTestStorage } from '../support/storage.ts';

const editor = { userId: 1 };

for (const engine of ENGINES) {
  describe(`editing places, organizations and sources on ${engine}`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await openTestStorage(engine);
    });
    afterEach(async () => {
      await storage.close();
    });

    it('keeps a place’s names over time, refuses a place within itself, and its page follows its status', async () => {
      const region = await saveRecord(storage, editor, {
        type: 'place',
        doc: { kind: 'region', status: 'published', names: [{ name: 'Kemerovo Oblast', lang: 'en' }] },
      });
      const city = await saveRecord(storage, editor, {
        type: 'place',
        doc: {
          kind: 'city',
          parent: region.id,
          lat: '53.76',
          lon: '87.12',
          status: 'published',
          names: [
            { name: 'Novokuznetsk', lang: 'en', kind: 'current' },
            { name: 'Stalinsk', lang: 'en', kind: 'historical', valid: '1932/1961' },
          ],
        },
      });
      expect(city.doc).toMatchObject({ lat: 53.76, names: [{ name: 'Novokuznetsk' }, { valid: '1932/1961' }] });
      const loop = await saveRecord(storage, editor, {
        type: 'place',
        id: region.id,
        doc: { ...region.doc, parent: city.id },
      }).catch((e: unknown) => e);
      expect(loop).toBeInstanceOf(InvalidRecordError);
      const half = await saveRecord(storage, editor, {
        type: 'place',
        doc: { kind: 'city', lat: '10', status: 'published', names: [{ name: 'X', lang: 'en' }] },
      }).catch((e: unknown) => e);
      expect((half as InvalidRecordError).problems).toEqual([
        { path: 'lon', message: expect.stringContaining('both') },
      ]);

      const app = createApp(storage);
      expect((await app.request(`/en/places/${city.id}`)).status).toBe(200);
      await removeRecord(storage, editor, { type: 'place', id: city.id, reason: 'merged into another record' });
      expect((await app.request(`/en/places/${city.id}`)).status).toBe(410);
      const created = (await listRecordRevisions(storage.db, 'place', city.id, 5)).find((r) => r.action === 'create');
      await revertToRevision(storage, editor, { revisionId: created!.id });
      expect((await app.request(`/en/places/${city.id}`)).status).toBe(200);
    });

    it('edits an organization and a source with its texts; drafts stay off the public pages', async () => {
      const org = await saveRecord(storage, editor, {
        type: 'organization',
        doc: { kind: 'police', status: 'draft', names: [{ name: 'NKVD', abbreviation: 'НКВД', lang: 'ru' }] },
      });
      const app = createApp(storage);
      expect((await app.request(`/en/organizations/${org.id}`)).status).toBe(404);
      await saveRecord(storage, editor, { type: 'organization', id: org.id, doc: { ...org.doc, status: 'published' } });
      expect((await app.request(`/en/organizations/${org.id}`)).status).toBe(200);

      const source = await saveRecord(storage, editor, {
        type: 'source',
        doc: {
          kind: 'archival',
          title: 'Protocol of 5 January 1938',
          archive: 'ГА РФ',
          fond: '10035',
          status: 'published',
          texts: [{ kind: 'transcription', lang: 'ru', text: 'Протокол' }],
        },
      });
      const textId = (source.doc as { texts: { id: number }[] }).texts[0]!.id;
      const edited = await saveRecord(storage, editor, {
        type: 'source',
        id: source.id,
        doc: { ...source.doc, texts: [{ id: textId, kind: 'transcription', lang: 'ru', text: 'Протокол № 1' }] },
      });
      expect(edited.doc).toMatchObject({ texts: [{ id: textId, text: 'Протокол № 1' }] });
      const bad = await saveRecord(storage, editor, {
        type: 'source',
        doc: { kind: 'web', title: ' ', url: 'not a url' },
      }).catch((e: unknown) => e);
      expect((bad as InvalidRecordError).problems.map((p) => p.path).sort()).toEqual(['title', 'url']);
    });
  });
}
