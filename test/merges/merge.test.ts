import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Storage } from '../../src/db/connection.ts';
import { saveRecord } from '../../src/editing/editing.service.ts';
import { findRowAt } from '../../src/lists/list.repository.ts';
import { importList } from '../../src/lists/list-import.service.ts';
import { decideLink } from '../../src/lists/review.service.ts';
import { scanDuplicatesIfDue, scanMinutesFromEnv } from '../../src/merges/duplicate-housekeeping.ts';
import { listOpenDuplicatePairs } from '../../src/merges/merge.repository.ts';
import { findDuplicates, mergePersons, scanForDuplicates, unmerge } from '../../src/merges/merge.service.ts';
import { dismissDuplicatePair } from '../../src/merges/merge-review.service.ts';
import { getMeta } from '../../src/sample/sample.repository.ts';
import { SearchService } from '../../src/search/names/person-search.service.ts';
import { insertListRowLink } from '../../src/sources/list-row.repository.ts';
import { createApp } from '../../src/web/app.tsx';
import { fileOf } from '../lists/list-files.ts';
import { dumpTables, ENGINES, openTestStorage } from '../support/storage.ts';

const editor = { userId: 3 };
/** The row saying a process is scanning for duplicates. */
const LEASE = 'duplicates.scan_lease';

describe('how often a server scans for duplicates', () => {
  it('reads FATES_DUPLICATE_SCAN_MINUTES, 0 for never, and falls back on a wrong value', () => {
    expect(scanMinutesFromEnv(undefined)).toBe(10);
    expect(scanMinutesFromEnv('0')).toBe(0);
    expect(scanMinutesFromEnv('60')).toBe(60);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(scanMinutesFromEnv('often')).toBe(10);
    expect(scanMinutesFromEnv('-5')).toBe(10);
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
  });
});

for (const engine of ENGINES) {
  describe(`merging persons on ${engine}`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await openTestStorage(engine);
    });
    afterEach(async () => {
      await storage.close();
    });

    /** Two records of Leopold Kraus, each with statements, an event they share and one of their own, a relative. */
    async function twoRecords() {
      const first = await saveRecord(storage, editor, {
        type: 'person',
        doc: {
          status: 'published',
          sex: 'male',
          roles: ['victim'],
          biography: { en: 'Worker from Vienna.' },
          names: [{ kind: 'birth', given: 'Leopold', surname: 'Kraus', lang: 'de' }],
        },
      });
      const second = await saveRecord(storage, editor, {
        type: 'person',
        doc: {
          status: 'published',
          sex: 'male',
          roles: ['victim', 'witness'],
          biography: { en: 'Arrested in Moscow.', de: 'In Moskau verhaftet.' },
          names: [{ kind: 'as-written', full: 'Краус Леопольд Яковлевич', lang: 'ru' }],
        },
      });
      const wife = await saveRecord(storage, editor, {
        type: 'person',
        doc: {
          status: 'published',
          names: [{ kind: 'birth', given: 'Anna', surname: 'Kraus' }],
          relationships: [{ type: 'spouse', relatedPerson: second.id }],
        },
      });
      const shared = await saveRecord(storage, editor, {
        type: 'event',
        doc: {
          type: 'arrest',
          date: '1938-03',
          status: 'published',
          participants: [
            { person: first.id, role: 'subject' },
            { person: second.id, role: 'subject' },
          ],
        },
      });
      const own = await saveRecord(storage, editor, {
        type: 'event',
        doc: {
          type: 'execution',
          date: '1938-05-28',
          status: 'published',
          participants: [{ person: second.id, role: 'subject' }],
        },
      });
      return { first: first.id, second: second.id, wife: wife.id, shared: shared.id, own: own.id };
    }

    it('moves every statement to the survivor, answers 301 at the merged address, and unmerges exactly', async () => {
      const r = await twoRecords();
      const before = await dumpTables(storage);
      const { mergeId } = await mergePersons(storage, editor, {
        source: r.second,
        target: r.first,
        reason: 'one person',
      });

      const app = createApp(storage);
      const moved = await app.request(`/en/persons/${r.second}`);
      expect(moved.status).toBe(301);
      expect(moved.headers.get('location')).toBe(`/en/persons/${r.first}`);
      const page = await (await app.request(`/en/persons/${r.first}`)).text();
      expect(page).toContain('Краус Леопольд Яковлевич');
      const search = await new SearchService(storage).search({ q: 'Краус', sort: 'relevance', limit: 5, offset: 0 });
      expect(search.results[0]?.id).toBe(r.first);
      expect(search.results.map((p) => p.id)).not.toContain(r.second);
      const fate = await storage.db.selectFrom('persons').select('fate').where('id', '=', r.first).executeTakeFirst();
      expect(fate?.fate).toBe('shot_in_ussr');

      await unmerge(storage, editor, { mergeId });
      const after = await dumpTables(storage);
      // Both records exactly as before: their rows, participations, relatives; history grows.
      for (const table of Object.keys(before)) {
        if (['change_sets', 'revisions', 'merges', 'audit_log', 'persons'].includes(table)) continue;
        expect(after[table], table).toEqual(before[table]);
      }
      const strip = (rows: unknown[]) => (rows as Record<string, unknown>[]).map(({ updated_at: _, ...row }) => row);
      expect(strip(after.persons as unknown[])).toEqual(strip(before.persons as unknown[]));
      expect((await app.request(`/en/persons/${r.second}`)).status).toBe(200);
    });

    it('moves the merged person’s links to list rows to the survivor, not where a row names both, and back', async () => {
      const r = await twoRecords();
      const list = await importList(
        storage,
        editor,
        fileOf('kraus.csv', 'Name\n"Kraus, Leopold"\nKraus Leopold Jakowlewitsch\n'),
        { title: 'Kraus' },
      );
      const rowAt = async (position: number) => (await findRowAt(storage.db, list.listId, position))!.id;
      const one = await rowAt(1);
      const both = await rowAt(2);
      await decideLink(storage, editor, { rowId: one, personId: r.second, decision: 'confirmed' });
      await insertListRowLink(storage.db, { row_id: both, person_id: r.first, status: 'review', weight: 3 });
      await insertListRowLink(storage.db, { row_id: both, person_id: r.second, status: 'suggested', weight: 9 });
      const links = () =>
        storage.db
          .selectFrom('list_row_links')
          .select(['row_id', 'person_id', 'status'])
          .orderBy('row_id')
          .orderBy('status')
          .execute();
      const before = await links();

      const { mergeId } = await mergePersons(storage, editor, { source: r.second, target: r.first, reason: 'one' });
      expect(await links()).toEqual([
        { row_id: one, person_id: r.first, status: 'confirmed' },
        { row_id: both, person_id: r.first, status: 'review' },
        { row_id: both, person_id: r.second, status: 'suggested' },
      ]);
      const page = await (await createApp(storage).request(`/en/persons/${r.first}`)).text();
      expect(page).toContain('Kraus, Leopold');

      await unmerge(storage, editor, { mergeId });
      expect(await links()).toEqual(before);
    });

    it('keeps what the survivor gained since when unmerging', async () => {
      const r = await twoRecords();
      const { mergeId } = await mergePersons(storage, editor, {
        source: r.second,
        target: r.first,
        reason: 'one person',
      });
      const survivor = await saveRecord(storage, editor, {
        type: 'person',
        id: r.first,
        doc: {
          status: 'published',
          sex: 'male',
          roles: ['victim'],
          names: [
            { kind: 'birth', given: 'Leopold', surname: 'Kraus', lang: 'de' },
            { kind: 'alias', given: 'Jakob', surname: 'Sommer' },
          ],
        },
      }).catch((e: unknown) => e);
      expect(survivor).not.toBeInstanceOf(Error);
      await unmerge(storage, editor, { mergeId });
      const names = await storage.db.selectFrom('names').select(['person_id', 'surname']).orderBy('id').execute();
      expect(names.filter((n) => n.surname === 'Sommer').map((n) => n.person_id)).toEqual([r.first]);
    });

    it('refuses a merge into itself, into a merged record, of a merged record, and an unmerge twice', async () => {
      const r = await twoRecords();
      await expect(mergePersons(storage, editor, { source: r.first, target: r.first, reason: 'x' })).rejects.toThrow(
        /itself/,
      );
      await expect(mergePersons(storage, editor, { source: r.second, target: r.first, reason: ' ' })).rejects.toThrow(
        /why/,
      );
      const { mergeId } = await mergePersons(storage, editor, {
        source: r.second,
        target: r.first,
        reason: 'one person',
      });
      await expect(mergePersons(storage, editor, { source: r.wife, target: r.second, reason: 'x' })).rejects.toThrow(
        /merged into/,
      );
      await expect(mergePersons(storage, editor, { source: r.second, target: r.wife, reason: 'x' })).rejects.toThrow(
        /merged already/,
      );
      // A cycle would need the survivor merged into the merged one: refused as a merge of a merged record.
      await expect(mergePersons(storage, editor, { source: r.first, target: r.second, reason: 'x' })).rejects.toThrow(
        /merged into/,
      );
      await unmerge(storage, editor, { mergeId });
      await expect(unmerge(storage, editor, { mergeId })).rejects.toThrow(/already/);
    });

    it('finds the two records as likely duplicates, with their evidence', async () => {
      const r = await twoRecords();
      await findDuplicates(storage, [r.first, r.second, r.wife], { minWeight: -10 });
      const pairs = await listOpenDuplicatePairs(storage.db, { limit: 10, offset: 0 });
      const pair = pairs.find(
        (p) => p.person_a === Math.min(r.first, r.second) && p.person_b === Math.max(r.first, r.second),
      );
      expect(pair).toBeDefined();
      expect(JSON.parse(pair!.evidence).map((e: { comparison: string }) => e.comparison)).toContain('surname');
    });

    it('scans the whole archive first, then only the persons changed since, and keeps decided pairs decided', async () => {
      const r = await twoRecords();
      const first = await scanForDuplicates(storage, { scope: 'changed', minWeight: -10 });
      expect(first).toMatchObject({ scope: 'all', persons: 3 });
      const pairOf = async () =>
        (await listOpenDuplicatePairs(storage.db, { limit: 10, offset: 0 })).find(
          (p) => p.person_a === Math.min(r.first, r.second) && p.person_b === Math.max(r.first, r.second),
        );
      expect(await pairOf()).toBeDefined();
      expect(first.pairs).toBeGreaterThan(0);

      // Nothing changed: nothing compared.
      expect(await scanForDuplicates(storage, { scope: 'changed', minWeight: -10 })).toEqual({
        scope: 'changed',
        persons: 0,
        pairs: 0,
      });

      // A new record of the same man is compared on the next scan, and only it.
      const third = await saveRecord(storage, editor, {
        type: 'person',
        doc: { status: 'published', names: [{ kind: 'birth', given: 'Leopold', surname: 'Krauss' }] },
      });
      const next = await scanForDuplicates(storage, { scope: 'changed', minWeight: -10 });
      expect(next).toMatchObject({ scope: 'changed', persons: 1 });
      const pairs = await listOpenDuplicatePairs(storage.db, { limit: 10, offset: 0 });
      expect(pairs.some((p) => p.person_b === third.id && [r.first, r.second].includes(p.person_a))).toBe(true);

      // A pair an editor dismissed is not offered again by a later scan.
      await dismissDuplicatePair(storage.db, r.first, r.second);
      await scanForDuplicates(storage, { scope: 'all', minWeight: -10 });
      expect(await pairOf()).toBeUndefined();
    });

    it('is scanned for by a server on its own when few persons wait, by one process at a time', async () => {
      await twoRecords();
      // Another process is scanning: this one leaves it to that one.
      await storage.db
        .insertInto('meta')
        .values({ key: LEASE, value: String(Date.now()) })
        .execute();
      expect(await scanDuplicatesIfDue(storage)).toEqual({ outcome: 'busy' });
      // Half an hour later that process is taken to have died while scanning.
      expect(await scanDuplicatesIfDue(storage, { now: Date.now() + 31 * 60_000 })).toMatchObject({
        outcome: 'scanned',
        scan: { scope: 'all', persons: 3 },
      });
      expect(await getMeta(storage.db, LEASE)).toBeUndefined();
      expect(await scanDuplicatesIfDue(storage)).toEqual({ outcome: 'nothing new' });
      await saveRecord(storage, editor, {
        type: 'person',
        doc: { status: 'published', names: [{ kind: 'birth', given: 'Leopold', surname: 'Krauss' }] },
      });
      // More than a server compares on its own: left to `fates duplicates`.
      expect(await scanDuplicatesIfDue(storage, { most: 0 })).toEqual({ outcome: 'too many', persons: 1 });
      expect(await scanDuplicatesIfDue(storage)).toMatchObject({
        outcome: 'scanned',
        scan: { scope: 'changed', persons: 1 },
      });
    });
  });
}
