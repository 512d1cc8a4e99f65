import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_LINE } from '../../src/accounts/audit.ts';
import {
  addToContribution,
  ContributionThrottledError,
  findByLink,
  purgeContributions,
  reserveAttempt,
  senderView,
  submitContribution,
  UnknownLinkError,
  WithdrawnError,
  withdrawContribution,
} from '../../src/contributions/contribution.service.ts';
import { type ContributionInput, contributionForm } from '../../src/contributions/contribution.ts';
import {
  acceptProposal,
  declineContribution,
  declineProposal,
  propose,
  replyToSender,
} from '../../src/contributions/proposal.service.ts';
import type { Storage } from '../../src/db/connection.ts';
import { tablesOn } from '../../src/db/tables.ts';
import { loadForEditing } from '../../src/editing/editing.service.ts';
import { checkFile } from '../../src/media/file-check.ts';
import { addMedia, prepareMediaFiles } from '../../src/media/media.service.ts';
import { mergePersons, unmerge } from '../../src/merges/merge.service.ts';
import { getPersonPage } from '../../src/persons/person-page.ts';
import { insertUser } from '../support/accounts.ts';
import { contributionApp, contributionContext, contributionSettings, outboxLinks } from '../support/contributions.ts';
import { insertPerson } from '../support/factories.ts';
import { photoWithGps } from '../support/files.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';

const LIMITS = { maxBytes: 10 * 2 ** 20, maxPixels: 50_000_000 };

function input(
  person: number | null,
  change: Partial<Record<string, unknown>> = {},
): ContributionInput & { lang: 'en' } {
  const parsed = contributionForm.parse({
    person: person === null ? '' : String(person),
    subject: person === null ? 'Hans Beispiel' : '',
    relation: 'relative',
    relationDetail: 'grandson',
    message: 'He was arrested in 1937.',
    dates: [{ edtf: '1937-11-20', what: 'arrest' }],
    places: 'Moscow',
    names: '',
    name: 'Karl Sender',
    email: 'karl@example.org',
    consentName: 'on',
    consentPublish: 'on',
    licence: 'cc-by-4.0',
    ...change,
  });
  return { ...parsed, lang: 'en' };
}

const tokenOf = (link: string) => link.split('/').pop()!;

for (const engine of ENGINES) {
  describe(`contributions on ${engine}`, () => {
    let storage: Storage;
    let person: number;
    const ctx = contributionContext();
    const reviewer = { userId: 0, audit: COMMAND_LINE };
    const editor = { userId: 0, audit: COMMAND_LINE };

    beforeAll(async () => {
      storage = await openTestStorage(engine);
      person = await insertPerson(storage, {
        names: [{ given: 'Ernst', surname: 'Beispiel' }],
        events: [{ type: 'birth', date: '1901' }],
      });
      reviewer.userId = (await insertUser(storage.db, { name: 'rita', role: 'reviewer' })).id;
      editor.userId = (await insertUser(storage.db, { name: 'ed', role: 'editor' })).id;
    });
    afterAll(async () => {
      await storage?.close();
    });

    it('stores a contribution with its files stripped of metadata, and mails a private link kept only as a digest', async () => {
      const file = await checkFile('IMG_0001.JPG', await photoWithGps(), LIMITS);
      const { id } = await submitContribution(storage, ctx, input(person), [file]);
      const row = await storage.db
        .selectFrom('contributions')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        person_id: person,
        status: 'new',
        sender_email: 'karl@example.org',
        consent_name: 1,
      });
      const stored = await storage.db
        .selectFrom('contribution_files')
        .selectAll()
        .where('contribution_id', '=', id)
        .execute();
      expect(stored).toHaveLength(1);
      expect(stored[0]!.name).toBe('IMG_0001.jpg');
      expect((await sharp(stored[0]!.data).metadata()).exif).toBeUndefined();
      expect(stored[0]!.data.includes('CanaryCam')).toBe(false);
      expect(stored[0]!.thumb).not.toBeNull();

      const [link] = (await outboxLinks(storage.db)).slice(-1);
      expect(link).toMatch(/^http:\/\/archive\.test\/en\/contribute\/mine\/c_[\w-]{43}$/);
      const token = tokenOf(link!);
      expect(row.token_hash).not.toContain(token);
      expect((await findByLink(storage.db, token)).id).toBe(id);
      const view = await senderView(storage.db, token);
      expect(view.person).toEqual({ id: person, name: 'Ernst Beispiel' });
      expect(view.files).toHaveLength(1);
    });

    it('refuses forged links and, after withdrawal, the link itself; withdrawal erases the sender’s data', async () => {
      await expect(findByLink(storage.db, 'c_forged')).rejects.toBeInstanceOf(UnknownLinkError);
      await expect(findByLink(storage.db, `c_${'A'.repeat(43)}`)).rejects.toBeInstanceOf(UnknownLinkError);
      const file = await checkFile(
        'letter.png',
        await sharp({ create: { width: 20, height: 20, channels: 3, background: '#fff' } })
          .png()
          .toBuffer(),
        LIMITS,
      );
      const { id } = await submitContribution(storage, ctx, input(person), [file]);
      const token = tokenOf((await outboxLinks(storage.db)).at(-1)!);
      await addToContribution(storage, ctx, token, { message: 'Also: he wrote letters.' }, []);
      await propose(storage, id, { kind: 'attribute', type: 'occupation', value: 'miner', date: null }, reviewer, 'en');

      await withdrawContribution(storage, ctx, token);
      await expect(findByLink(storage.db, token)).rejects.toBeInstanceOf(WithdrawnError);
      const row = await storage.db
        .selectFrom('contributions')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({
        status: 'withdrawn',
        message: null,
        sender_name: null,
        sender_email: null,
        dates: null,
        places: null,
        relation_detail: null,
      });
      expect(row.erased_at).not.toBeNull();
      for (const table of ['contribution_files', 'contribution_messages', 'mail_outbox'] as const) {
        const left = await storage.db.selectFrom(table).selectAll().where('contribution_id', '=', id).execute();
        expect(left, table).toEqual([]);
      }
      // The draft it had led to is out of the record again.
      const { doc } = await loadForEditing(storage.db, 'person', person);
      expect(JSON.stringify(doc)).not.toContain('miner');
    });

    it('turns a contribution into draft statements citing it, which an editor accepts into the record or declines', async () => {
      const file = await checkFile('photo.jpg', await photoWithGps(400, 300), LIMITS);
      const { id } = await submitContribution(storage, ctx, input(person), [file]);
      const event = await propose(
        storage,
        id,
        { kind: 'event', type: 'arrest', date: '1937-11-20', placeText: null, note: null },
        reviewer,
        'en',
      );
      const name = await propose(
        storage,
        id,
        { kind: 'name', nameKind: 'alias', given: 'Hans', surname: 'Berger', patronymic: null, full: null },
        reviewer,
        'en',
      );
      const fileId = (
        await storage.db
          .selectFrom('contribution_files')
          .select('id')
          .where('contribution_id', '=', id)
          .executeTakeFirstOrThrow()
      ).id;
      const media = await propose(
        storage,
        id,
        { kind: 'media', file: fileId, mediaKind: 'photo', caption: 'In Moscow', date: '1936', credit: null },
        reviewer,
        'en',
      );
      let row = await storage.db.selectFrom('contributions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.status).toBe('in_review');
      expect(row.source_id).not.toBeNull();

      // Drafts: on no public page; the source is a draft too.
      let page = await getPersonPage(storage.db, person, 'en');
      expect(page.events.some((e) => e.type === 'arrest' && e.edtf === '1937-11-20')).toBe(false);
      expect(page.names.some((n) => n.full.includes('Berger'))).toBe(false);
      expect(page.media).toEqual([]);
      expect((await loadForEditing(storage.db, 'source', row.source_id!)).state).toBe('draft');

      await acceptProposal(storage, ctx, id, event, editor);
      await acceptProposal(storage, ctx, id, media, editor);
      await declineProposal(storage, id, name, editor, 'No other source knows this alias.');

      page = await getPersonPage(storage.db, person, 'en');
      const arrest = page.events.find((e) => e.type === 'arrest' && e.edtf === '1937-11-20');
      expect(arrest).toBeDefined();
      const source = await loadForEditing(storage.db, 'source', row.source_id!);
      expect(source.state).toBe('published');
      expect(source.doc).toMatchObject({ kind: 'note', authors: 'Karl Sender', date: row.received_at.slice(0, 10) });
      expect(String(source.doc.title)).toMatch(/^Communication from a relative, received \d{4}-\d{2}-\d{2}$/);
      expect(page.sources.map((s) => s.id)).toContain(row.source_id);
      expect(page.names.some((n) => n.full.includes('Berger'))).toBe(false);
      expect(page.media).toHaveLength(1);
      expect(page.media[0]).toMatchObject({
        caption: 'In Moscow',
        date: '1936',
        credit: 'Karl Sender',
        licence: 'cc-by-4.0',
        sourceId: row.source_id,
      });
      const sizes = await storage.db
        .selectFrom('media_files')
        .select(['variant', 'width'])
        .where('media_id', '=', page.media[0]!.id)
        .orderBy('variant')
        .execute();
      expect(sizes).toEqual([
        { variant: 'original', width: 400 },
        { variant: 'thumb', width: 360 },
        { variant: 'web', width: 400 },
      ]);

      row = await storage.db.selectFrom('contributions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      expect(row.status).toBe('used');
      const proposals = await storage.db
        .selectFrom('contribution_proposals')
        .select(['id', 'status'])
        .where('contribution_id', '=', id)
        .orderBy('id')
        .execute();
      expect(proposals.map((p) => p.status)).toEqual(['accepted', 'declined', 'accepted']);
      // Each record change is a revision.
      const revisions = await storage.db
        .selectFrom('revisions')
        .innerJoin('change_sets', 'change_sets.id', 'revisions.change_set_id')
        .select(['change_sets.reason'])
        .where('change_sets.reason', 'like', `%contribution ${id}%`)
        .execute();
      expect(revisions.length).toBeGreaterThanOrEqual(3);
      const mail = await storage.db
        .selectFrom('mail_outbox')
        .select('subject')
        .where('contribution_id', '=', id)
        .orderBy('id')
        .execute();
      expect(mail.map((m) => m.subject)).toEqual([
        'Your contribution to the Fates archive',
        'Your contribution is now in the Fates archive',
      ]);
    });

    it('makes a new person from a contribution about someone not in the archive', async () => {
      const { id } = await submitContribution(storage, ctx, input(null), []);
      await expect(
        propose(
          storage,
          id,
          { kind: 'event', type: 'birth', date: '1901', placeText: null, note: null },
          reviewer,
          'en',
        ),
      ).rejects.toThrow(/person first/);
      const p = await propose(
        storage,
        id,
        { kind: 'person', given: 'Hans', surname: 'Beispiel', sex: 'male' },
        reviewer,
        'en',
      );
      const row = await storage.db
        .selectFrom('contributions')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row.person_id).not.toBeNull();
      expect((await loadForEditing(storage.db, 'person', row.person_id!)).state).toBe('draft');
      await acceptProposal(storage, ctx, id, p, editor);
      const page = await getPersonPage(storage.db, row.person_id!, 'en');
      expect(page.displayName).toBe('Hans Beispiel');
    });

    it('replies to the sender, and declines with a reason that starts the retention period', async () => {
      const { id } = await submitContribution(storage, ctx, input(person), []);
      await replyToSender(storage, ctx, id, 'Do you have a photo?', reviewer);
      const token = tokenOf((await outboxLinks(storage.db)).at(-1)!);
      const view = await senderView(storage.db, token);
      expect(view.contribution.status).toBe('answered');
      expect(view.messages.map((m) => [m.author, m.body])).toEqual([['archive', 'Do you have a photo?']]);
      await addToContribution(storage, ctx, token, { message: 'No, sorry.' }, []);
      expect((await senderView(storage.db, token)).contribution.status).toBe('in_review');
      await declineContribution(storage, ctx, id, 'We cannot confirm it from any other source.', reviewer);
      const row = await storage.db
        .selectFrom('contributions')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      expect(row).toMatchObject({ status: 'declined', decline_reason: 'We cannot confirm it from any other source.' });
      expect(row.closed_at).not.toBeNull();
    });

    it('erases withdrawn and declined contributions’ data once the retention period is over, and only those', async () => {
      const now = new Date();
      const old = await submitContribution(
        storage,
        { ...ctx, now: new Date(now.getTime() - 100 * 86_400_000) },
        input(person),
        [],
      );
      await declineContribution(
        storage,
        { ...ctx, now: new Date(now.getTime() - 95 * 86_400_000) },
        old.id,
        'Not about this person.',
        reviewer,
      );
      const recent = await submitContribution(storage, ctx, input(person), []);
      await declineContribution(storage, ctx, recent.id, 'Not about this person.', reviewer);
      const open = await submitContribution(storage, ctx, input(person), []);

      expect(await purgeContributions(storage, { retentionDays: 90 }, now)).toBeGreaterThanOrEqual(1);
      const rows = await storage.db
        .selectFrom('contributions')
        .select(['id', 'erased_at', 'message'])
        .where('id', 'in', [old.id, recent.id, open.id])
        .orderBy('id')
        .execute();
      expect(rows.map((r) => [r.erased_at !== null, r.message !== null])).toEqual([
        [true, false],
        [false, true],
        [false, true],
      ]);
      expect(await purgeContributions(storage, { retentionDays: 90 }, now)).toBe(0);
      // Now, not the start of the test: on a busy machine the decline above may be seconds after it.
      await purgeContributions(storage, { retentionDays: 0 }, new Date());
      const after = await storage.db
        .selectFrom('contributions')
        .select(['id', 'erased_at'])
        .where('id', 'in', [recent.id, open.id])
        .orderBy('id')
        .execute();
      expect(after.map((r) => r.erased_at !== null)).toEqual([true, false]);
    });

    it('limits contributions per address and in all within the window', async () => {
      const settings = contributionSettings({ rate: { perAddress: 2, total: 3 } });
      const at = new Date('2026-12-07T10:00:00Z');
      await storage.db.deleteFrom('contribution_attempts').execute();
      await reserveAttempt(storage.db, '203.0.113.1', settings, at);
      await reserveAttempt(storage.db, '203.0.113.1', settings, at);
      const refused = await reserveAttempt(storage.db, '203.0.113.1', settings, at).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(ContributionThrottledError);
      expect(refused).toMatchObject({ retryAfterSeconds: 3600, scope: 'address' });
      await reserveAttempt(storage.db, '203.0.113.2', settings, at);
      await expect(reserveAttempt(storage.db, '203.0.113.3', settings, at)).rejects.toMatchObject({
        name: 'ContributionThrottledError',
        scope: 'all',
      });
      // An hour later the window is free again.
      await reserveAttempt(storage.db, '203.0.113.1', settings, new Date(at.getTime() + 3_601_000));
      const keys = await storage.db.selectFrom('contribution_attempts').select('address_key').execute();
      expect(keys.every((k) => !k.address_key.includes('203.0.113'))).toBe(true);
    });

    it('takes a named sender’s name out of the record and its history when they withdraw after acceptance', async () => {
      const sender = 'Wilhelmine Zeugin';
      const file = await checkFile('photo.jpg', await photoWithGps(200, 150), LIMITS);
      const { id } = await submitContribution(storage, ctx, input(person, { name: sender }), [file]);
      const token = tokenOf((await outboxLinks(storage.db)).at(-1)!);
      const fileId = (
        await storage.db
          .selectFrom('contribution_files')
          .select('id')
          .where('contribution_id', '=', id)
          .executeTakeFirstOrThrow()
      ).id;
      const medium = await propose(
        storage,
        id,
        { kind: 'media', file: fileId, mediaKind: 'photo', caption: 'At home', date: null, credit: null },
        reviewer,
        'en',
      );
      await acceptProposal(storage, ctx, id, medium, editor);
      const everything = async () => {
        let text = '';
        for (const t of tablesOn(engine))
          text += JSON.stringify((await sql`SELECT * FROM ${sql.table(t)}`.execute(storage.db)).rows);
        return text;
      };
      expect(await everything()).toContain(sender);

      await withdrawContribution(storage, ctx, token);
      expect(await everything()).not.toContain(sender);
      // The photo stays, credited to no one by name.
      const media = (await getPersonPage(storage.db, person, 'en')).media.find((m) => m.caption === 'At home');
      expect(media?.credit).toBe('Private collection');
    });

    it('publishes no file its sender did not allow to be published', async () => {
      const file = await checkFile('photo.jpg', await photoWithGps(200, 150), LIMITS);
      const { id } = await submitContribution(storage, ctx, input(person, { consentPublish: '', licence: '' }), [file]);
      const row = await storage.db
        .selectFrom('contribution_files')
        .select('id')
        .where('contribution_id', '=', id)
        .executeTakeFirstOrThrow();
      const refused = propose(
        storage,
        id,
        { kind: 'media', file: row.id, mediaKind: 'photo', caption: null, date: null, credit: null },
        reviewer,
        'en',
      );
      await expect(refused).rejects.toThrow('did not allow');
      expect(
        await storage.db.selectFrom('contribution_proposals').select('id').where('contribution_id', '=', id).execute(),
      ).toEqual([]);
    });

    it('carries a merged person’s photos and the contributions about them to the survivor, and back on unmerge', async () => {
      const twin = await insertPerson(storage, { names: [{ given: 'Ernst', surname: 'Beyspiel' }] });
      const survivor = await insertPerson(storage, { names: [{ given: 'Ernst', surname: 'Beispiel' }] });
      const photo = await checkFile('p.jpg', await photoWithGps(300, 200), LIMITS);
      const medium = await addMedia(storage.db, {
        recordType: 'person',
        recordId: twin,
        kind: 'photo',
        caption: 'On the steps',
        date: '1930',
        credit: 'Family',
        licence: 'cc-by-4.0',
        sourceId: null,
        files: await prepareMediaFiles(photo),
      });
      const { id: contribution } = await submitContribution(storage, ctx, input(twin), []);
      const about = async () =>
        (
          await storage.db
            .selectFrom('contributions')
            .select('person_id')
            .where('id', '=', contribution)
            .executeTakeFirstOrThrow()
        ).person_id;

      const { mergeId } = await mergePersons(storage, editor, { source: twin, target: survivor, reason: 'one man' });
      expect((await getPersonPage(storage.db, survivor, 'en')).media.map((m) => m.id)).toEqual([medium]);
      expect(await about()).toBe(survivor);
      // A form opened at the merged address before the merge and sent after it goes to the survivor.
      const late = await submitContribution(storage, ctx, input(twin), []);
      const lateRow = await storage.db
        .selectFrom('contributions')
        .select('person_id')
        .where('id', '=', late.id)
        .executeTakeFirstOrThrow();
      expect(lateRow.person_id).toBe(survivor);
      const form = await contributionApp(storage).request(`/de/contribute?person=${twin}`);
      expect([form.status, form.headers.get('location')]).toEqual([301, `/de/contribute?person=${survivor}`]);
      await unmerge(storage, editor, { mergeId });
      expect((await getPersonPage(storage.db, survivor, 'en')).media).toEqual([]);
      expect((await getPersonPage(storage.db, twin, 'en')).media.map((m) => m.id)).toEqual([medium]);
      expect(await about()).toBe(twin);
    });
  });
}
