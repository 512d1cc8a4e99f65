import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/connection.ts';
import { loadForEditing, removeRecord, revertChangeSet, saveRecord } from '../../src/editing/editing.service.ts';
import { runGenerate } from '../../src/generate/generate.command.ts';
import { mergePersons } from '../../src/merges/merge.service.ts';
import { drainIndexQueue, WRITE_DRAIN } from '../../src/search/index/index-drain.ts';
import { DIRECT_PERSONS } from '../../src/search/index/index-writes.ts';
import { startRebuild } from '../../src/search/index/search-indexer.ts';
import { SearchService } from '../../src/search/names/person-search.service.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';

const editor = { userId: 5 };

function personDoc(given: string, surname: string) {
  return {
    sex: 'male',
    status: 'published',
    roles: ['victim'],
    names: [{ kind: 'birth', given, surname, lang: 'de' }],
  };
}

/**
 * Makes every write to the name index fail, as if the process died between a record's write and
 * its index entries: the failure comes after the record's rows are written in the transaction.
 */
async function breakIndexWrites(storage: Storage): Promise<void> {
  if (storage.engine === 'sqlite') {
    for (const op of ['INSERT', 'UPDATE', 'DELETE']) {
      await sql
        .raw(
          `CREATE TRIGGER crash_${op.toLowerCase()} BEFORE ${op} ON search_docs BEGIN SELECT RAISE(ABORT, 'died while indexing'); END`,
        )
        .execute(storage.db);
    }
    return;
  }
  await sql
    .raw(`CREATE FUNCTION crash_index() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'died while indexing'; END $$`)
    .execute(storage.db);
  await sql
    .raw(
      'CREATE TRIGGER crash_index BEFORE INSERT OR UPDATE OR DELETE ON search_docs FOR EACH ROW EXECUTE FUNCTION crash_index()',
    )
    .execute(storage.db);
}

async function repairIndexWrites(storage: Storage): Promise<void> {
  if (storage.engine === 'sqlite') {
    for (const op of ['insert', 'update', 'delete']) await sql.raw(`DROP TRIGGER crash_${op}`).execute(storage.db);
    return;
  }
  await sql.raw('DROP TRIGGER crash_index ON search_docs').execute(storage.db);
  await sql.raw('DROP FUNCTION crash_index()').execute(storage.db);
}

for (const engine of ENGINES) {
  describe(`every edit keeps the name index true in its own transaction (${engine})`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await openTestStorage(engine);
    });
    afterEach(async () => {
      await storage.close();
    });

    const search = async (q: string) =>
      (await new SearchService(storage).search({ q, sort: 'relevance', limit: 5, offset: 0 })).results.map((r) => r.id);
    const pending = async () => (await storage.db.selectFrom('index_queue').select('id').execute()).length;
    /** `many` real generated persons, indexed: their ids. */
    const generated = async (many: number, seed: string) => {
      await runGenerate(storage, { persons: many, seed });
      await startRebuild(storage);
      await drainIndexQueue(storage);
      return (await storage.db.selectFrom('persons').select('id').orderBy('id').limit(many).execute()).map((r) => r.id);
    };

    it('leaves neither the record nor its index entry changed when indexing fails mid-write', async () => {
      const { id } = await saveRecord(storage, editor, { type: 'person', doc: personDoc('Willi', 'Harzheim') });
      const base = (await loadForEditing(storage.db, 'person', id)).revision;
      await breakIndexWrites(storage);
      const edit = saveRecord(storage, editor, {
        type: 'person',
        id,
        doc: personDoc('Willi', 'Harzfeld'),
        baseRevision: base,
      });
      await expect(edit).rejects.toThrow(/died while indexing/);
      await expect(
        removeRecord(storage, editor, { type: 'person', id, reason: 'a duplicate', baseRevision: base }),
      ).rejects.toThrow(/died while indexing/);
      await repairIndexWrites(storage);

      // The record, its history and the index all as before the failed writes.
      const now = await loadForEditing(storage.db, 'person', id);
      expect(now.revision).toBe(base);
      expect(now.state).toBe('published');
      expect(JSON.stringify(now.doc)).toContain('Harzheim');
      expect(await search('Harzheim')).toEqual([id]);
      expect(await search('Harzfeld')).toEqual([]);
      expect(await pending()).toBe(0);

      // The same edit once nothing fails: searchable as it returns, nothing left to a queue.
      await saveRecord(storage, editor, {
        type: 'person',
        id,
        doc: personDoc('Willi', 'Harzfeld'),
        baseRevision: base,
      });
      expect(await search('Harzfeld')).toEqual([id]);
      expect(await search('Harzheim')).toEqual([]);
      await removeRecord(storage, editor, { type: 'person', id, reason: 'a duplicate' });
      expect(await search('Harzfeld')).toEqual([]);
      expect(await pending()).toBe(0);
    });

    it('merges, and reverts a change set, with the index or not at all', async () => {
      const first = await saveRecord(storage, editor, { type: 'person', doc: personDoc('Willi', 'Harzheim') });
      const second = await saveRecord(storage, editor, { type: 'person', doc: personDoc('Wilhelm', 'Harzheim') });
      expect((await search('Harzheim')).sort()).toEqual([first.id, second.id].sort());

      await breakIndexWrites(storage);
      const merge = mergePersons(storage, editor, { source: second.id, target: first.id, reason: 'the same man' });
      await expect(merge).rejects.toThrow(/died while indexing/);
      await repairIndexWrites(storage);
      const row = await storage.db
        .selectFrom('persons')
        .select('merged_into')
        .where('id', '=', second.id)
        .executeTakeFirstOrThrow();
      expect(row.merged_into).toBeNull();
      expect((await search('Harzheim')).sort()).toEqual([first.id, second.id].sort());

      await mergePersons(storage, editor, { source: second.id, target: first.id, reason: 'the same man' });
      expect(await search('Harzheim')).toEqual([first.id]);
      // The survivor is found by the merged record's given name too.
      expect(await search('Wilhelm Harzheim')).toEqual([first.id]);

      // Reverting the change set that created a third person takes it out of the index with it.
      const third = await saveRecord(storage, editor, { type: 'person', doc: personDoc('Otto', 'Brachvogel') });
      const revision = await storage.db
        .selectFrom('revisions')
        .select('change_set_id')
        .where('id', '=', third.revision)
        .executeTakeFirstOrThrow();
      await breakIndexWrites(storage);
      await expect(revertChangeSet(storage, editor, { changeSetId: revision.change_set_id })).rejects.toThrow(
        /died while indexing/,
      );
      await repairIndexWrites(storage);
      expect(await search('Brachvogel')).toEqual([third.id]);
      await revertChangeSet(storage, editor, { changeSetId: revision.change_set_id });
      expect(await search('Brachvogel')).toEqual([]);
      expect(await pending()).toBe(0);
    });

    it('queues an edit touching more persons than a transaction carries, and a restart writes what a crash left', async () => {
      // More persons than an edit indexes in its own transaction, each a real generated record.
      const many = DIRECT_PERSONS + 100;
      const ids = await generated(many, 'queue');
      const period = (year: string) =>
        new SearchService(storage).search({
          event: 'deportation',
          from: year,
          to: year,
          sort: 'name',
          limit: 1,
          offset: 0,
        });
      const before = { 1936: (await period('1936')).total, 1937: (await period('1937')).total };
      const transport = (date: string) => ({
        type: 'deportation',
        date,
        status: 'published',
        participants: ids.map((person) => ({ person, role: 'subject' })),
      });

      // One transport with all of them: the write writes its share of their entries itself
      // (drainAfterWrite) and the rest in the background, and then all are searchable by its year.
      const event = await saveRecord(storage, editor, { type: 'event', doc: transport('1936-03') });
      expect(event.indexing).toBe(WRITE_DRAIN.records);
      await storage.background.settled();
      expect((await period('1936')).total).toBe(before[1936] + many);
      expect(await pending()).toBe(0);

      // The process dies while the queue is written out after the commit: the edit is kept, and
      // so is the queue of what its index entries still need.
      await breakIndexWrites(storage);
      await expect(
        saveRecord(storage, editor, {
          type: 'event',
          id: event.id,
          doc: transport('1937-10'),
          baseRevision: event.revision,
        }),
      ).rejects.toThrow(/died while indexing/);
      await repairIndexWrites(storage);
      const saved = await loadForEditing(storage.db, 'event', event.id);
      expect(JSON.stringify(saved.doc)).toContain('1937-10');
      expect(await pending()).toBeGreaterThan(0);
      expect((await period('1937')).total).toBe(before[1937]);

      // What `fates start` does first: write what is pending. Then the index agrees with the records.
      await drainIndexQueue(storage);
      expect(await pending()).toBe(0);
      expect((await period('1937')).total).toBe(before[1937] + many);
      expect((await period('1936')).total).toBe(before[1936]);
    });

    it('returns from a write that touches many persons once it has written its share, and writes the rest in the background', async () => {
      const many = DIRECT_PERSONS + 100;
      const ids = await generated(many, 'fan-out');
      const place = (name: string, kind: string, parent: number | null = null) => ({
        kind,
        parent,
        status: 'published',
        names: [{ name, lang: 'de', kind: 'current' }],
      });
      const town = await saveRecord(storage, editor, { type: 'place', doc: place('Kleinwetzdorf', 'city') });
      const land = await saveRecord(storage, editor, { type: 'place', doc: place('Wetzland', 'country') });
      await saveRecord(storage, editor, {
        type: 'event',
        doc: {
          type: 'deportation',
          date: '1936-03',
          place: town.id,
          status: 'published',
          participants: ids.map((person) => ({ person, role: 'subject' })),
        },
      });
      await storage.background.settled();
      const inLand = async () =>
        (await new SearchService(storage).search({ place: land.id, sort: 'name', limit: 1, offset: 0 })).total;
      expect(await inLand()).toBe(0);

      // The town put into the land: every one of its persons is found in the land, in the end.
      const lowered = { ...WRITE_DRAIN };
      WRITE_DRAIN.records = 500;
      try {
        const moved = await saveRecord(storage, editor, {
          type: 'place',
          id: town.id,
          doc: place('Kleinwetzdorf', 'city', land.id),
          baseRevision: town.revision,
        });
        // The write returned after its share (a transaction of persons at least), the rest queued.
        expect(moved.indexing).toBeGreaterThanOrEqual(500);
        expect(moved.indexing).toBeLessThan(many);
        expect(await pending()).toBeGreaterThan(0);
        await storage.background.settled();
        expect(await pending()).toBe(0);
        expect(await inLand()).toBe(many);

        // Closing stops the background between two transactions, the rest left in the queue for
        // the next start; nothing is lost.
        const back = await loadForEditing(storage.db, 'place', town.id);
        await saveRecord(storage, editor, {
          type: 'place',
          id: town.id,
          doc: place('Kleinwetzdorf', 'city'),
          baseRevision: back.revision,
        });
        await storage.background.stop();
        expect(await pending()).toBeGreaterThan(0);
        await drainIndexQueue(storage);
        expect(await pending()).toBe(0);
        expect(await inLand()).toBe(0);
      } finally {
        Object.assign(WRITE_DRAIN, lowered);
      }
    });
  });
}
