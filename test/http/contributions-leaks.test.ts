import { sql } from 'kysely';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMailer, type Mailer } from '../../src/contributions/mail.ts';
import { ARCHIVE_TABLES, DERIVED_TABLES, tablesOn } from '../../src/db/tables.ts';
import { createApp } from '../../src/web/app.tsx';
import { loggedPath } from '../../src/web/failure-log.ts';
import { insertUser, testSettings } from '../support/accounts.ts';
import { idOf, openTestArchive, type TestArchive } from '../support/app.ts';
import { Client, type Reply } from '../support/client.ts';
import { contributionApp, contributionSettings, formFields, outboxLinks, pathOf } from '../support/contributions.ts';
import { photoWithGps } from '../support/files.ts';
import { ENGINES } from '../support/storage.ts';

/*
 * The canary test: a unique string in every field a sender fills in (and in their photo's camera
 * data, their file's name and their network address), taken through the whole life of a
 * contribution, then looked for in every public page, API answer, medium, search index, log line
 * and, once the contribution is withdrawn or purged, in every table.
 */

// What only the sender wrote: never public, and gone from every table once erased.
const SENDER = {
  subject: 'canary-subject-5c1d',
  relationDetail: 'canary-relation-8e2a',
  message: 'canary-message-91f0',
  what: 'canary-what-3b7c',
  places: 'canary-places-d44e',
  names: 'canary-names-0a9b',
  name: 'canary-sender-6f12',
  email: 'canary-mail-27ab@example.org',
  file: 'canary-file-b3c8',
  exif: 'exif-canary-owner',
  address: 'canary-addr-4e0f',
  addition: 'canary-addition-7d55',
};
// What a reviewer copied into draft statements that no editor accepted: never public.
const DRAFTED = { attribute: 'canary-drafted-value-1c0e', surname: 'Canarydraftsurname', given: 'Canarydraftgiven' };
const ALL = { ...SENDER, ...DRAFTED };

function leaks(text: string, canaries: Record<string, string>): string[] {
  const lower = text.toLowerCase();
  return Object.entries(canaries)
    .filter(([, c]) => lower.includes(c.toLowerCase()))
    .map(([k]) => k);
}

for (const engine of ENGINES) {
  describe(`no contributor’s data in public, on ${engine}`, () => {
    let archive: TestArchive;
    beforeAll(async () => {
      archive = await openTestArchive(engine);
      await insertUser(archive.storage.db, { name: 'rita', role: 'reviewer' });
      await insertUser(archive.storage.db, { name: 'ed', role: 'editor' });
    });
    afterAll(async () => {
      await archive?.close();
    });

    it('shows none of it on a page, in an answer, a medium, the search index or the log, and erases it all', async () => {
      const said: string[] = [];
      const spies = [
        ...(['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
          vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void said.push(args.map(String).join(' '))),
        ),
        vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => said.push(String(chunk)) > 0),
        vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => said.push(String(chunk)) > 0),
      ];
      const db = archive.storage.db;
      const replies: { what: string; reply: Reply }[] = [];
      try {
        const app = contributionApp(archive.storage, contributionSettings({ retentionDays: 0 }), true);
        const person = await idOf(archive.storage, 'persons', 'margarete-buber-neumann');
        const visitor = new Client(app, { 'x-forwarded-for': SENDER.address });
        const step = async (what: string, reply: Promise<Reply>) => {
          const r = await reply;
          replies.push({ what, reply: r });
          return r;
        };

        // Two contributions, every field a canary: one about a person, one about someone new.
        const fields = {
          relationDetail: SENDER.relationDetail,
          message: SENDER.message,
          'dates.0.edtf': '1937-11-20',
          'dates.0.what': SENDER.what,
          places: SENDER.places,
          names: SENDER.names,
          name: SENDER.name,
          email: SENDER.email,
          consentContact: 'on',
          consentPublish: 'on',
          licence: 'cc-by-4.0',
        };
        await step('form', visitor.get(`/en/contribute?person=${person}`));
        await step(
          'send about a person',
          visitor.upload('/en/contribute', formFields({ ...fields, person: String(person) }), [
            ['files', `${SENDER.file}.jpg`, await photoWithGps(500, 400)],
          ]),
        );
        const first = (await outboxLinks(db)).at(-1)!;
        await step(
          'send about someone new',
          visitor.upload('/en/contribute', formFields({ ...fields, subject: SENDER.subject })),
        );
        const second = (await outboxLinks(db)).at(-1)!;
        await step(
          'bad send',
          visitor.upload('/en/contribute', formFields({ ...fields, person: String(person), email: 'x' })),
        );
        await step('sender page', visitor.get(pathOf(first)));
        await step('addition', visitor.upload(`${pathOf(first)}/add`, { message: SENDER.addition }));
        const [one, two] = (await db.selectFrom('contributions').select('id').orderBy('id').execute()).map((r) => r.id);

        // A reviewer drafts statements from both, an editor accepts some and declines one.
        const reviewer = new Client(app);
        await reviewer.signIn('rita', 'rita-password');
        await step('review', reviewer.get(`/en/review/${one}`));
        const fileId = (
          await db
            .selectFrom('contribution_files')
            .select('id')
            .where('contribution_id', '=', one!)
            .executeTakeFirstOrThrow()
        ).id;
        const forms: Record<string, string>[] = [
          { kind: 'event', type: 'arrest', date: '1937-11-20' },
          { kind: 'media', file: String(fileId), mediaKind: 'photo', caption: 'Portrait', date: '1936' },
          { kind: 'attribute', type: 'occupation', value: DRAFTED.attribute },
          { kind: 'name', nameKind: 'alias', surname: DRAFTED.surname },
        ];
        for (const form of forms)
          await step(`propose ${form.kind}`, reviewer.post(`/en/review/${one}/proposals`, form));
        await step(
          'propose person',
          reviewer.post(`/en/review/${two}/proposals`, { kind: 'person', given: DRAFTED.given, surname: 'Neu' }),
        );
        const editor = new Client(app);
        await editor.signIn('ed', 'ed-password');
        const proposals = await db
          .selectFrom('contribution_proposals')
          .select(['id', 'kind'])
          .where('contribution_id', '=', one!)
          .orderBy('id')
          .execute();
        await editor.get(`/en/review/${one}`);
        for (const p of proposals.filter((p) => p.kind === 'event' || p.kind === 'media'))
          await step(`accept ${p.kind}`, editor.post(`/en/review/${one}/proposals/${p.id}/accept`));
        const name = proposals.find((p) => p.kind === 'name')!;
        await step(
          'decline name',
          editor.post(`/en/review/${one}/proposals/${name.id}/decline`, { reason: 'unconfirmed' }),
        );

        // Before erasure the private tables do hold every canary: the checks below are not vacuous.
        let privateText = '';
        for (const t of ARCHIVE_TABLES.filter((t) => 'private' in t))
          privateText += JSON.stringify((await sql`SELECT * FROM ${sql.table(t.name)}`.execute(db)).rows);
        expect(leaks(privateText, SENDER).sort()).toEqual(
          Object.keys(SENDER)
            .filter((k) => k !== 'exif' && k !== 'address')
            .sort(),
        );

        // Every public page and answer.
        const reader = new Client(app);
        const ids = async (table: 'persons' | 'events' | 'sources' | 'places' | 'organizations') =>
          (await db.selectFrom(table).select('id').execute()).map((r) => r.id);
        const pages = [
          '/en/',
          '/de/',
          '/ru/',
          '/en/about',
          '/en/persons',
          '/en/sources',
          '/en/places',
          '/en/organizations',
        ];
        for (const c of Object.values(ALL))
          pages.push(`/en/persons?q=${encodeURIComponent(c)}`, `/en/search?q=${encodeURIComponent(c)}`);
        for (const id of await ids('persons')) pages.push(`/en/persons/${id}`);
        for (const id of await ids('events')) pages.push(`/en/events/${id}`);
        for (const id of await ids('sources')) pages.push(`/en/sources/${id}`);
        for (const id of await ids('places')) pages.push(`/en/places/${id}`);
        for (const id of await ids('organizations')) pages.push(`/en/organizations/${id}`);
        pages.push('/api/v1/openapi.json', '/api/v1/persons?limit=100', '/api/v1/dates?edtf=1937-11-20');
        // The open data: records, citations, GEDCOM, CSV, OAI-PMH and the sitemap.
        for (const id of await ids('persons'))
          pages.push(
            `/api/v1/persons/${id}`,
            `/api/v1/persons/${id}/gedcom`,
            `/api/v1/persons/${id}/citation?format=csl-json`,
            `/api/v1/persons/${id}/citation?format=bibtex`,
            `/api/v1/persons/${id}/citation?format=ris`,
          );
        for (const id of await ids('sources'))
          pages.push(`/api/v1/sources/${id}`, `/api/v1/sources/${id}/citation?format=csl-json`);
        pages.push(
          '/api/v1/persons?format=csv',
          '/oai?verb=ListRecords&metadataPrefix=oai_dc',
          '/oai?verb=ListRecords&metadataPrefix=oai_dc&set=sources',
          '/sitemap.xml',
        );
        for (const c of Object.values(ALL))
          pages.push(`/api/v1/persons?q=${encodeURIComponent(c)}`, `/api/v1/texts?q=${encodeURIComponent(c)}`);
        const shown: string[] = [];
        for (const path of pages) {
          const r = await step(path, reader.get(path));
          if (r.status === 200) shown.push(path);
        }
        for (const id of await ids('persons')) {
          const res = await app.request(`/en/persons/${id}`, { headers: { accept: 'application/ld+json' } });
          const text = await res.text();
          if (res.status === 200) shown.push(`json-ld ${id}`);
          expect(leaks(text, ALL), `JSON-LD of person ${id}`).toEqual([]);
        }
        for (const path of [
          '/api/v1/persons?format=csv',
          '/oai?verb=ListRecords&metadataPrefix=oai_dc',
          '/sitemap.xml',
        ])
          expect(shown, path).toContain(path);
        // The accepted event and photo are public, naming no one.
        const personPage = replies.find((r) => r.what === `/en/persons/${person}`)!.reply.text;
        expect(personPage).toContain('Credit: Private collection');
        expect(personPage).toMatch(/Communication from a relative, received/);
        const media = await db.selectFrom('media').select('id').where('status', '=', 'published').execute();
        expect(media).toHaveLength(1);
        for (const variant of ['original', 'web', 'thumb']) {
          const res = await app.request(`/media/${media[0]!.id}/${variant}`);
          expect(res.status).toBe(200);
          const bytes = Buffer.from(await res.arrayBuffer());
          expect((await sharp(bytes).metadata()).exif, variant).toBeUndefined();
          expect(leaks(bytes.toString('latin1'), ALL), `medium ${variant}`).toEqual([]);
        }
        // The draft person made from the second contribution is not public.
        const draftPerson = (
          await db.selectFrom('contributions').select('person_id').where('id', '=', two!).executeTakeFirstOrThrow()
        ).person_id!;
        expect((await reader.get(`/en/persons/${draftPerson}`)).status).toBe(404);

        for (const { what, reply } of replies.filter((r) => pages.includes(r.what))) {
          const headers = [...reply.res.headers].join('\n');
          // A search page repeats its own query; what it found is what must hold no canary.
          const query = new URL(what, 'http://x').searchParams.get('q');
          const body = query ? reply.text.replaceAll(query, '').replaceAll(encodeURIComponent(query), '') : reply.text;
          if (query && what.startsWith('/api/')) expect(JSON.parse(reply.text).total, what).toBe(0);
          expect(leaks(body, ALL), `body of ${what}`).toEqual([]);
          expect(leaks(headers, ALL), `headers of ${what}`).toEqual([]);
        }
        expect(shown.length).toBeGreaterThan(100);

        // Nor in any public table, the search indexes included (drafts aside, kept by the editing core).
        let publicText = '';
        for (const t of tablesOn(engine).filter((t) => !ARCHIVE_TABLES.some((a) => a.name === t && 'private' in a))) {
          if (t === 'search_fts' || t === 'text_fts') continue; // contentless full-text tables hold no text to read back
          publicText += JSON.stringify((await sql`SELECT * FROM ${sql.table(t)}`.execute(db)).rows, (_, v) =>
            v?.type === 'Buffer' ? Buffer.from(v.data).toString('latin1') : v,
          );
        }
        expect(leaks(publicText, SENDER), 'public tables').toEqual([]);
        let derived = '';
        for (const t of DERIVED_TABLES.filter(
          (t) => tablesOn(engine).includes(t) && t !== 'search_fts' && t !== 'text_fts',
        ))
          derived += JSON.stringify((await sql`SELECT * FROM ${sql.table(t)}`.execute(db)).rows);
        expect(leaks(derived, ALL), 'search indexes').toEqual([]);

        // Withdrawn, and declined then purged (retention 0 here): nothing of the senders is left anywhere.
        await visitor.get(pathOf(first));
        await step('withdraw', visitor.upload(`${pathOf(first)}/withdraw`, { confirm: 'on' }));
        await step('decline', reviewer.post(`/en/review/${two}/decline`, { reason: 'No other source.' }));
        const { purgeContributions } = await import('../../src/contributions/contribution.service.ts');
        await purgeContributions(archive.storage, { retentionDays: 0 });
        expect((await visitor.get(pathOf(second))).status).toBe(410);
        let everything = '';
        for (const t of tablesOn(engine))
          everything += JSON.stringify((await sql`SELECT * FROM ${sql.table(t)}`.execute(db)).rows);
        expect(leaks(everything, SENDER), 'any table after erasure').toEqual([]);
      } finally {
        for (const spy of spies) spy.mockRestore();
      }
      expect(leaks(said.join('\n'), ALL), 'the log').toEqual([]);
      // Each step did what it should (a failed step would make the checks vacuous).
      const statuses = Object.fromEntries(
        replies.filter((r) => !r.what.startsWith('/')).map((r) => [r.what, r.reply.status]),
      );
      expect(statuses).toEqual({
        form: 200,
        'send about a person': 303,
        'send about someone new': 303,
        'bad send': 400,
        'sender page': 200,
        addition: 303,
        review: 200,
        'propose event': 303,
        'propose media': 303,
        'propose attribute': 303,
        'propose name': 303,
        'propose person': 303,
        'accept event': 303,
        'accept media': 303,
        'decline name': 303,
        withdraw: 200,
        decline: 303,
      });
    });

    it('logs a failure on a contribution page by kind and place, never with the sender’s data or link', async () => {
      const said: string[] = [];
      const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
        vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void said.push(args.map(String).join(' '))),
      );
      try {
        const db = archive.storage.db;
        // A mailer that fails as a driver or mail server might, repeating what it was given.
        const real = createMailer(contributionSettings().mail);
        let failing = false;
        const mailer: Mailer = {
          queue: (trx, mail, at) => {
            if (failing) throw new Error(`could not queue mail to ${mail.to}: ${mail.text}`);
            return real.queue(trx, mail, at);
          },
          deliver: real.deliver,
        };
        const app = createApp(archive.storage, {
          accounts: testSettings(),
          contributions: contributionSettings(),
          mailer,
        });
        const person = await idOf(archive.storage, 'persons', 'margarete-buber-neumann');
        const visitor = new Client(app);
        await visitor.get(`/en/contribute?person=${person}`);
        const fields = formFields({ person: String(person), message: SENDER.message, email: SENDER.email });
        expect((await visitor.upload('/en/contribute', fields)).status).toBe(303);
        const link = (await outboxLinks(db)).at(-1)!;
        const contributions = await db.selectFrom('contributions').select('id').orderBy('id').execute();

        failing = true;
        await visitor.get(`/en/contribute?person=${person}`);
        const failed = await visitor.upload('/en/contribute', fields);
        expect(failed.status).toBe(500);
        expect(leaks(failed.text, ALL)).toEqual([]);
        // Nothing of the failed contribution was kept.
        expect(await db.selectFrom('contributions').select('id').orderBy('id').execute()).toEqual(contributions);
        const reviewer = new Client(app);
        await reviewer.signIn('rita', 'rita-password');
        const id = contributions.at(-1)!.id;
        await reviewer.get(`/en/review/${id}`);
        expect((await reviewer.post(`/en/review/${id}/reply`, { text: 'Thank you.' })).status).toBe(500);

        const log = said.join('\n');
        expect(log).toMatch(/Error while answering \/en\/contribute /);
        expect(leaks(log, ALL), 'the log').toEqual([]);
        expect(log).not.toContain(new URL(link).pathname.split('/').pop()!);
      } finally {
        for (const spy of spies) spy.mockRestore();
      }
      expect(loggedPath(pathOf('http://x/de/contribute/mine/c_secret/add'))).toBe('/de/contribute/mine/…/add');
      expect(loggedPath('/en/persons/5')).toBe('/en/persons/5');
    });
  });
}
