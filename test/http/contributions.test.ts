import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertUser } from '../support/accounts.ts';
import { idOf, openTestArchive, type TestArchive } from '../support/app.ts';
import { Client } from '../support/client.ts';
import {
  contributionApp,
  contributionRows,
  contributionSettings,
  formFields,
  outboxLinks,
  pathOf,
} from '../support/contributions.ts';
import {
  cleanPdf,
  decompressionBomb,
  htmlAsJpeg,
  pdfWithCompressedScript,
  pdfWithEscapedScript,
  pdfWithScript,
  photoWithGps,
  png,
} from '../support/files.ts';
import { ENGINES } from '../support/storage.ts';

const SCRIPT = '<script>alert("x")</script><b>bold</b>\u0000';

for (const engine of ENGINES) {
  describe(`contributions over HTTP on ${engine}`, () => {
    let archive: TestArchive;
    let person: number;
    const settings = contributionSettings({
      files: { maxCount: 3, maxBytes: 2 * 2 ** 20 },
      rate: { perAddress: 1000 },
    });
    let app: ReturnType<typeof contributionApp>;

    beforeAll(async () => {
      archive = await openTestArchive(engine);
      app = contributionApp(archive.storage, settings);
      person = await idOf(archive.storage, 'persons', 'margarete-buber-neumann');
      await insertUser(archive.storage.db, { name: 'rita', role: 'reviewer' });
      await insertUser(archive.storage.db, { name: 'ed', role: 'editor' });
    });
    afterAll(async () => {
      await archive?.close();
    });

    it('offers the form on every person page and for someone not in the archive, in three languages', async () => {
      const visitor = new Client(app);
      const page = await visitor.get(`/en/persons/${person}`);
      expect(page.text).toContain(`href="/en/contribute?person=${person}"`);
      expect(page.text).toContain('Do you know more about this person?');
      for (const [lang, title] of [
        ['en', 'Do you know more about Margarete Buber-Neumann?'],
        ['de', 'Wissen Sie mehr über Margarete Buber-Neumann?'],
        ['ru', 'Вы знаете больше о человеке по имени Margarete Buber-Neumann?'],
      ] as const) {
        const form = await visitor.get(`/${lang}/contribute?person=${person}`);
        expect(form.status).toBe(200);
        expect(form.text).toContain(title);
        expect(form.text).toContain('enctype="multipart/form-data"');
        expect(form.text).toContain('name="_csrf"');
        expect(form.res.headers.get('cache-control')).toBe('private, no-store');
      }
      const open = await visitor.get('/de/contribute');
      expect(open.text).toContain('Erzählen Sie uns von jemandem');
      expect(open.text).toContain('name="subject"');
      expect((await visitor.get('/en/contribute?person=999999')).status).toBe(404);
      expect((await visitor.get('/en/contribute?person=abc')).status).toBe(404);
    });

    it('takes a contribution with a photo and a PDF without JavaScript, and mails the private link to the outbox', async () => {
      const visitor = new Client(app);
      await visitor.get(`/en/contribute?person=${person}`);
      const before = await contributionRows(archive.storage.db);
      const sent = await visitor.upload('/en/contribute', formFields({ person: String(person) }), [
        ['files', 'IMG_0042.JPG', await photoWithGps()],
        ['files', 'letter.pdf', cleanPdf()],
      ]);
      expect(sent.status).toBe(303);
      expect(sent.location).toBe('/en/contribute/thanks');
      expect((await visitor.get(sent.location!)).text).toContain('Thank you');
      expect(await contributionRows(archive.storage.db)).toBe(before + 4);

      const link = (await outboxLinks(archive.storage.db)).at(-1)!;
      const mine = await visitor.get(pathOf(link));
      expect(mine.status).toBe(200);
      expect(mine.res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(mine.res.headers.get('cache-control')).toBe('private, no-store');
      expect(mine.text).toContain('received, not yet reviewed');
      expect(mine.text).toContain('20 November 1937');
      expect(mine.text).toContain('IMG_0042.jpg');
      expect(mine.text).toContain('letter.pdf');

      const added = await visitor.upload(`${pathOf(link)}/add`, { message: 'One more thing.' }, [
        ['files', 'p.png', await png()],
      ]);
      expect(added.status).toBe(303);
      expect((await visitor.get(added.location!)).text).toContain('One more thing.');
    });

    it('answers bad input with a clear 4xx beside its field, and stores nothing', async () => {
      const visitor = new Client(app);
      await visitor.get(`/en/contribute?person=${person}`);
      const before = await contributionRows(archive.storage.db);
      const cases: [string, Record<string, string>, [string, string, Uint8Array][], number, string][] = [
        [
          'invalid e-mail',
          formFields({ person: String(person), email: 'not an address' }),
          [],
          400,
          'This is not an e-mail address.',
        ],
        ['no e-mail', formFields({ person: String(person), email: '' }), [], 400, 'Please fill this in.'],
        ['no message', formFields({ person: String(person), message: '   ' }), [], 400, 'Please fill this in.'],
        [
          'bad date',
          formFields({ person: String(person), 'dates.0.edtf': '1937-13-45' }),
          [],
          400,
          'Not a date that can be read',
        ],
        ['too long', formFields({ person: String(person), message: 'x'.repeat(20_001) }), [], 400, 'This is too long.'],
        ['no subject', formFields({ subject: '' }), [], 400, 'Please fill this in.'],
        [
          'named without a name',
          formFields({ person: String(person), consentName: 'on', name: '' }),
          [],
          400,
          'Give your name',
        ],
        ['unknown relation', formFields({ person: String(person), relation: 'spy' }), [], 400, 'Choose one.'],
        ['unknown licence', formFields({ person: String(person), licence: 'mine' }), [], 400, 'Choose a licence'],
        [
          'HTML named .jpg',
          formFields({ person: String(person) }),
          [['files', 'photo.jpg', htmlAsJpeg()]],
          400,
          'is not a JPEG, PNG, WebP or PDF file',
        ],
        [
          'PDF with a script',
          formFields({ person: String(person) }),
          [['files', 'a.pdf', pdfWithScript()]],
          400,
          'contains scripts',
        ],
        [
          'PDF with an escaped script',
          formFields({ person: String(person) }),
          [['files', 'b.pdf', pdfWithEscapedScript()]],
          400,
          'contains scripts',
        ],
        [
          'PDF with a compressed script',
          formFields({ person: String(person) }),
          [['files', 'c.pdf', pdfWithCompressedScript()]],
          400,
          'contains scripts',
        ],
        [
          'decompression bomb',
          formFields({ person: String(person) }),
          [['files', 'bomb.png', decompressionBomb()]],
          400,
          'too many pixels',
        ],
        [
          'over-large file',
          formFields({ person: String(person) }),
          [['files', 'big.jpg', new Uint8Array(3 * 2 ** 20)]],
          413,
          'larger than 2 MiB',
        ],
        [
          'too many files',
          formFields({ person: String(person) }),
          [1, 2, 3, 4].map((n) => ['files', `${n}.png`, Buffer.from([n])] as [string, string, Uint8Array]),
          400,
          'At most 3 files',
        ],
        [
          'a good file after a bad one',
          formFields({ person: String(person) }),
          [
            ['files', 'ok.pdf', cleanPdf()],
            ['files', 'x.jpg', htmlAsJpeg()],
          ],
          400,
          'x.jpg',
        ],
      ];
      for (const [what, fields, files, status, message] of cases) {
        const reply = await visitor.upload('/en/contribute', fields, files);
        expect(reply.status, what).toBe(status);
        expect(reply.text, what).toContain(message);
        expect(reply.text, what).toContain('Nothing was sent yet.');
        expect(reply.text, what).not.toContain('<script>alert');
      }
      // The form keeps what was typed, so a mistake costs nothing but the files.
      const again = await visitor.upload(
        '/en/contribute',
        formFields({ person: String(person), email: 'nope', message: 'Kept text' }),
      );
      expect(again.text).toContain('Kept text</textarea>');
      expect(again.text).toContain('aria-invalid="true"');

      const honeypot = await visitor.upload(
        '/en/contribute',
        formFields({ person: String(person), website: 'http://spam.example' }),
      );
      expect(honeypot.status).toBe(400);
      expect(honeypot.text).toContain('filled in by a program');
      const forged = await visitor.upload('/en/contribute', {
        ...formFields({ person: String(person) }),
        _csrf: 'forged',
      });
      expect(forged.status).toBe(403);
      const unknownPerson = await visitor.upload('/en/contribute', formFields({ person: '999999' }));
      expect(unknownPerson.status).toBe(404);
      expect(await contributionRows(archive.storage.db)).toBe(before);
    });

    it('keeps script and markup in every text field as text, escaped wherever it is shown', async () => {
      const visitor = new Client(app);
      await visitor.get('/en/contribute');
      const fields = Object.fromEntries(
        Object.entries(
          formFields({
            subject: SCRIPT,
            relationDetail: SCRIPT,
            message: SCRIPT,
            'dates.0.what': SCRIPT,
            places: SCRIPT,
            names: SCRIPT,
            name: SCRIPT,
            consentName: 'on',
          }),
        ),
      );
      const sent = await visitor.upload('/en/contribute', fields, [['files', `${SCRIPT}.png`, await png()]]);
      expect(sent.status).toBe(303);
      const link = (await outboxLinks(archive.storage.db)).at(-1)!;
      const mine = await visitor.get(pathOf(link));
      const reviewer = new Client(app);
      await reviewer.signIn('rita', 'rita-password');
      const id = Number(
        (
          await archive.storage.db
            .selectFrom('contributions')
            .select((eb) => eb.fn.max('id').as('id'))
            .executeTakeFirstOrThrow()
        ).id,
      );
      const review = await reviewer.get(`/en/review/${id}`);
      const queue = await reviewer.get('/en/review');
      for (const [what, page] of [
        ['sender page', mine],
        ['review page', review],
        ['queue', queue],
      ] as const) {
        expect(page.status, what).toBe(200);
        expect(page.text, what).not.toContain('<script>alert');
        expect(page.text, what).not.toContain('<b>bold</b>');
        expect(page.text, what).toContain('&lt;script&gt;');
      }
      const stored = await archive.storage.db
        .selectFrom('contributions')
        .select('message')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      // Kept as typed, less the NUL that no text needs (and PostgreSQL refuses).
      expect(stored.message).toBe(SCRIPT.replace('\u0000', ''));
    });

    it('answers a forged link with 404 and a withdrawn one with 410, after erasing the sender’s data', async () => {
      const visitor = new Client(app);
      expect((await visitor.get('/en/contribute/mine/c_forged')).status).toBe(404);
      const made = await visitor.get(`/en/contribute/mine/c_${'x'.repeat(43)}`);
      expect(made.status).toBe(404);
      expect(made.text).toContain('This link leads to no contribution.');
      await visitor.get(`/en/contribute?person=${person}`);
      await visitor.upload('/en/contribute', formFields({ person: String(person), message: 'To be withdrawn' }));
      const link = pathOf((await outboxLinks(archive.storage.db)).at(-1)!);
      await visitor.get(link);
      const unconfirmed = await visitor.upload(`${link}/withdraw`, {});
      expect(unconfirmed.status).toBe(400);
      const withdrawn = await visitor.upload(`${link}/withdraw`, { confirm: 'on' });
      expect(withdrawn.status).toBe(200);
      expect(withdrawn.text).toContain('Contribution withdrawn');
      const again = await visitor.get(link);
      expect(again.status).toBe(410);
      expect(again.text).not.toContain('To be withdrawn');
      expect((await visitor.upload(`${link}/withdraw`, { confirm: 'on' })).status).toBe(410);
      expect((await visitor.upload(`${link}/add`, { message: 'again' })).status).toBe(410);
      const rows = await archive.storage.db
        .selectFrom('contributions')
        .select('id')
        .where('message', '=', 'To be withdrawn')
        .execute();
      expect(rows).toEqual([]);
    });

    it('refuses a flood from one address with 429 and a message, and keeps answering others', async () => {
      const limited = contributionApp(archive.storage, contributionSettings({ rate: { perAddress: 3 } }), true);
      const flood = new Client(limited, { 'x-forwarded-for': '198.51.100.7' });
      await flood.get('/en/contribute');
      await archive.storage.db.deleteFrom('contribution_attempts').execute();
      const before = await contributionRows(archive.storage.db);
      const statuses: number[] = [];
      let last = '';
      for (let i = 0; i < 6; i++) {
        const reply = await flood.upload('/en/contribute', formFields({ subject: `Flood ${i}` }));
        statuses.push(reply.status);
        last = reply.text;
        if (reply.status === 429) expect(Number(reply.res.headers.get('retry-after'))).toBeGreaterThan(3000);
      }
      expect(statuses).toEqual([303, 303, 303, 429, 429, 429]);
      expect(last).toContain('Too many contributions came from your network in the last hour');
      expect(await contributionRows(archive.storage.db)).toBe(before + 6);
      const other = new Client(limited, { 'x-forwarded-for': '198.51.100.8' });
      await other.get('/en/contribute');
      expect((await other.upload('/en/contribute', formFields({ subject: 'Someone else' }))).status).toBe(303);
      expect((await flood.get('/en/')).status).toBe(200);

      // A flood from many addresses meets the limit of all together, and says so.
      const busy = contributionApp(archive.storage, contributionSettings({ rate: { perAddress: 5, total: 1 } }), true);
      await archive.storage.db.deleteFrom('contribution_attempts').execute();
      for (const [address, status] of [
        ['198.51.100.9', 303],
        ['198.51.100.10', 429],
      ] as const) {
        const visitor = new Client(busy, { 'x-forwarded-for': address });
        await visitor.get('/en/contribute');
        const reply = await visitor.upload('/en/contribute', formFields({ subject: address }));
        expect(reply.status).toBe(status);
        if (status === 429) expect(reply.text).toContain('The archive received very many contributions');
      }
    });

    it('lets reviewers read the queue and propose, editors accept; nobody else', async () => {
      const anonymous = new Client(app);
      const queue = await anonymous.get('/en/review');
      expect(queue.status).toBe(303);
      expect(queue.location).toBe('/en/sign-in?next=%2Fen%2Freview');
      const reviewer = new Client(app);
      await reviewer.signIn('rita', 'rita-password');
      const page = await reviewer.get('/en/review?status=new');
      expect(page.status).toBe(200);
      expect(page.text).toMatch(/new <span class="count">\d+<\/span>/);
      const id = Number(/\/en\/review\/(\d+)"/.exec(page.text)![1]);
      const review = await reviewer.get(`/en/review/${id}`);
      expect(review.text).toContain('The record now');
      const files = /\/en\/review\/\d+\/files\/\d+\/thumb/.exec(review.text);
      if (files) {
        const thumb = await reviewer.get(files[0]);
        expect(thumb.res.headers.get('content-type')).toBe('image/webp');
        expect((await anonymous.get(files[0])).status).toBe(303);
      }
      const proposed = await reviewer.post(`/en/review/${id}/proposals`, {
        kind: 'event',
        type: 'arrest',
        date: '1937-11-20',
      });
      expect(proposed.status).toBe(303);
      const after = await reviewer.get(proposed.location!);
      expect(after.text).toContain('The statement was written into the record as a draft.');
      expect(after.text).toContain('awaiting an editor');
      const pid = (
        await archive.storage.db
          .selectFrom('contribution_proposals')
          .select('id')
          .where('contribution_id', '=', id)
          .executeTakeFirstOrThrow()
      ).id;
      expect((await reviewer.post(`/en/review/${id}/proposals/${pid}/accept`)).status).toBe(403);
      const bad = await reviewer.post(`/en/review/${id}/proposals`, { kind: 'event', type: 'arrest', date: 'soon' });
      expect(bad.status).toBe(400);
      expect(bad.text).toContain('not a valid EDTF date');
      expect((await reviewer.post(`/en/review/${id}/proposals`, { kind: 'nonsense' })).status).toBe(400);
      expect((await reviewer.get('/en/admin/outbox')).status).toBe(403);

      const editor = new Client(app);
      await editor.signIn('ed', 'ed-password');
      await editor.get(`/en/review/${id}`);
      const accepted = await editor.post(`/en/review/${id}/proposals/${pid}/accept`);
      expect(accepted.status).toBe(303);
      expect((await editor.get(accepted.location!)).text).toContain('Accepted into the record.');
      expect((await editor.post(`/en/review/${id}/proposals/${pid}/accept`)).status).toBe(400);
      const personPage = await anonymous.get(`/en/persons/${person}`);
      expect(personPage.text).toMatch(/Communication from a relative, received \d{4}-\d{2}-\d{2}/);
    });
  });
}
