import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_LINE } from '../../src/accounts/audit.ts';
import { createToken } from '../../src/accounts/token.service.ts';
import type { Storage } from '../../src/db/connection.ts';
import { createApp } from '../../src/web/app.tsx';
import { insertUser, testSettings } from '../support/accounts.ts';
import { insertPerson } from '../support/factories.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';

const LIST = `№;Фамилия;Имя;Отчество;Год рождения
1;Цукер;Макс;Яковлевич;1898
2;Бубер-Нейман;Маргарита;Генриховна;ок. 1901
3;Неизвестный;Иван;;
`;

for (const engine of ENGINES) {
  describe(`lists API on ${engine}`, () => {
    let storage: Storage;
    let app: ReturnType<typeof createApp>;
    let editor: string;
    let reviewer: string;
    let zucker: number;
    let listId: number;

    beforeAll(async () => {
      storage = await openTestStorage(engine);
      app = createApp(storage, { accounts: testSettings() });
      const e = await insertUser(storage.db, { name: 'the-editor', role: 'editor' });
      const r = await insertUser(storage.db, { name: 'the-reviewer', role: 'reviewer' });
      editor = (await createToken(storage.db, e.id, { label: 'test' }, COMMAND_LINE)).token;
      reviewer = (await createToken(storage.db, r.id, { label: 'test' }, COMMAND_LINE)).token;
      zucker = await insertPerson(storage, { names: [{ given: 'Max', surname: 'Zucker' }] });
    });
    afterAll(async () => {
      await storage?.close();
    });

    const call = async (
      method: string,
      path: string,
      init: { token?: string; body?: string | Uint8Array; json?: unknown } = {},
    ) => {
      const headers: Record<string, string> = {};
      if (init.token) headers.authorization = `Bearer ${init.token}`;
      if (init.json !== undefined) headers['content-type'] = 'application/json';
      const res = await app.request(path, {
        method,
        headers,
        body: init.json !== undefined ? JSON.stringify(init.json) : init.body,
      });
      const text = await res.text();
      // biome-ignore lint/suspicious/noExplicitAny: the answers' shapes are what the test checks.
      return { status: res.status, body: (text ? JSON.parse(text) : null) as Record<string, any> };
    };
    const countRows = async () =>
      Number(
        (
          await storage.db
            .selectFrom('list_rows')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    it('reports on a dry run and keeps nothing', async () => {
      const before = await countRows();
      const files = Number(
        (
          await storage.db
            .selectFrom('list_files')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      const { status, body } = await call('POST', '/api/v1/lists/import?dryRun=1&name=moskau.csv', {
        token: editor,
        body: LIST,
      });
      expect(status).toBe(200);
      expect(body).toMatchObject({ dryRun: true, list: null, changeSet: null, rows: 3 });
      expect(body.report.file).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ';' });
      expect(body.report.columns.map((c: { role: string | null }) => c.role)).toEqual([
        'no',
        'surname',
        'given',
        'patronymic',
        'birth',
      ]);
      expect(body.report.errors).toBe(0);
      expect(await countRows()).toBe(before);
      const filesAfter = Number(
        (
          await storage.db
            .selectFrom('list_files')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
      expect(filesAfter).toBe(files);
    });

    it('names the line and column of what is wrong, and imports nothing', async () => {
      const before = await countRows();
      const ragged = `Name;Geboren\nMax Zucker;1898\nMargarete Buber;1901;Potsdam\n`;
      const dry = await call('POST', '/api/v1/lists/import?dryRun=1&name=b.csv', { token: editor, body: ragged });
      expect(dry.status).toBe(200);
      expect(dry.body.report.errors).toBe(1);
      expect(dry.body.report.problems[0]).toMatchObject({ level: 'error', code: 'too_many_cells', line: 3 });
      expect(dry.body.report.problems[0].message).toMatch(/line 3/i);
      const refused = await call('POST', '/api/v1/lists/import?title=B&name=b.csv', { token: editor, body: ragged });
      expect(refused.status).toBe(400);
      expect(refused.body.error.message).toMatch(/line 3/i);
      const empty = await call('POST', '/api/v1/lists/import?title=E&name=e.csv', { token: editor, body: '' });
      expect(empty.status).toBe(400);
      const binary = await call('POST', '/api/v1/lists/import?title=E&name=e.csv', {
        token: editor,
        body: new Uint8Array([0x41, 0x00, 0x42, 0x0a]),
      });
      expect(binary.status).toBe(400);
      expect((await call('POST', '/api/v1/lists/import?name=a.csv', { token: editor, body: LIST })).status).toBe(400);
      expect(
        (await call('POST', '/api/v1/lists/import?title=A&encoding=latin9', { token: editor, body: LIST })).status,
      ).toBe(400);
      expect(await countRows()).toBe(before);
    });

    it('imports a file as one change set, and refuses the same file again unless asked', async () => {
      const { status, body } = await call('POST', '/api/v1/lists/import?title=Moskau&name=moskau.csv&asOf=1938', {
        token: editor,
        body: LIST,
      });
      expect(status).toBe(201);
      expect(body).toMatchObject({ dryRun: false, rows: 3, list: expect.any(Number), changeSet: expect.any(Number) });
      listId = body.list;
      const again = await call('POST', '/api/v1/lists/import?title=Moskau&name=moskau.csv', {
        token: editor,
        body: LIST,
      });
      expect(again.status).toBe(400);
      expect(again.body.error.message).toContain(`(number ${listId})`);
      expect(again.body.error.message).toContain('again=1');
      const twice = await call('POST', '/api/v1/lists/import?title=Moskau%202&name=moskau.csv&again=1', {
        token: editor,
        body: LIST,
      });
      expect(twice.status).toBe(201);
      const draft = await call('POST', '/api/v1/lists/import?title=Entwurf&name=d.csv&draft=1', {
        token: editor,
        body: 'Name\nMax Zucker\n',
      });
      expect(draft.status).toBe(201);
      expect((await call('GET', `/api/v1/lists/${draft.body.list}`)).status).toBe(404);
      expect((await call('GET', `/api/v1/lists/${draft.body.list}/rows`)).status).toBe(404);
    });

    it('gives a list with its columns and their roles, and its as-of date', async () => {
      const { status, body } = await call('GET', `/api/v1/lists/${listId}`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ id: listId, title: 'Moskau', asOf: '1938', rowCount: 3 });
      expect(body.columns[1]).toEqual({ key: expect.any(String), label: 'Фамилия', role: 'surname' });
      expect((await call('GET', '/api/v1/lists/99999999')).status).toBe(404);
      expect((await call('GET', '/api/v1/lists/abc')).status).toBe(404);
    });

    it('pages the rows as written, each with its links', async () => {
      const { status, body } = await call('GET', `/api/v1/lists/${listId}/rows?limit=2&offset=1`);
      expect(status).toBe(200);
      expect(body).toMatchObject({ list: listId, total: 3, limit: 2, offset: 1 });
      expect(body.results.map((r: { position: number }) => r.position)).toEqual([2, 3]);
      const surname = (await call('GET', `/api/v1/lists/${listId}`)).body.columns[1].key;
      expect(body.results[0].cells[surname]).toBe('Бубер-Нейман');
      expect(body.results[0].links).toEqual([]);
      expect((await call('GET', `/api/v1/lists/${listId}/rows?limit=0`)).status).toBe(400);
      expect((await call('GET', `/api/v1/lists/${listId}/rows?offset=-1`)).status).toBe(400);
    });

    it('lets an editor decide a link, shown in the rows, and keeps readers and reviewers out of writes', async () => {
      const decide = (token: string | undefined, json: unknown, position = 1) =>
        call('POST', `/api/v1/lists/${listId}/rows/${position}/links`, { token, json });
      expect((await decide(undefined, { person: zucker, decision: 'confirmed' })).status).toBe(401);
      expect((await decide(reviewer, { person: zucker, decision: 'confirmed' })).status).toBe(403);
      expect((await decide(editor, { person: zucker, decision: 'maybe' })).status).toBe(400);
      expect((await decide(editor, { person: 99999999, decision: 'confirmed' })).status).toBe(400);
      expect((await decide(editor, { person: zucker, decision: 'confirmed' }, 99)).status).toBe(404);
      const ok = await decide(editor, { person: zucker, decision: 'confirmed' });
      expect(ok.status).toBe(200);
      expect(ok.body.changeSet).toEqual(expect.any(Number));
      const rows = await call('GET', `/api/v1/lists/${listId}/rows?limit=1`);
      expect(rows.body.results[0].links).toEqual([
        { person: zucker, name: 'Max Zucker', status: 'confirmed', weight: null },
      ]);
      expect(rows.body.results[0].person).toEqual({ id: zucker, name: 'Max Zucker' });
      const bad = await app.request(`/api/v1/lists/${listId}/rows/1/links`, {
        method: 'POST',
        headers: { authorization: `Bearer ${editor}`, 'content-type': 'application/json' },
        body: '{not json',
      });
      expect(bad.status).toBe(400);
    });

    it('proposes links by record linkage for rows that have none', async () => {
      expect((await call('POST', `/api/v1/lists/${listId}/link`)).status).toBe(401);
      expect((await call('POST', `/api/v1/lists/${listId}/link?max=0`, { token: editor })).status).toBe(400);
      expect((await call('POST', '/api/v1/lists/99999999/link', { token: editor })).status).toBe(404);
      const { status, body } = await call('POST', `/api/v1/lists/${listId}/link?max=1`, { token: editor });
      expect(status).toBe(200);
      // Row 1 is decided already: rows 2 and 3 are left, one looked at.
      expect(body.rows).toBe(1);
      expect(body.suggested + body.review + body.unmatched).toBe(1);
      expect(body.remaining).toBe(1);
      expect(body.last).toBe(2);
      const rest = await call('POST', `/api/v1/lists/${listId}/link?after=${body.last}`, { token: editor });
      expect(rest.body).toMatchObject({ rows: 1, remaining: 0, last: 3 });
    });

    it('creates a list and adds rows as written, refusing cells of no column', async () => {
      const created = await call('POST', '/api/v1/lists', {
        token: editor,
        json: {
          title: 'Liste B',
          columns: [
            { key: 'name', label: 'Name', role: 'name' },
            { key: 'note', label: 'Bemerkung' },
          ],
        },
      });
      expect(created.status).toBe(201);
      const id = created.body.id as number;
      const added = await call('POST', `/api/v1/lists/${id}/rows`, {
        token: editor,
        json: { rows: [{ cells: { name: 'Fritz Baltes und Franz Winter' } }, { cells: { name: 'Max Zucker' } }] },
      });
      expect(added.status).toBe(201);
      expect(added.body.positions).toEqual([1, 2]);
      const wrong = await call('POST', `/api/v1/lists/${id}/rows`, {
        token: editor,
        json: { rows: [{ cells: { nome: 'x' } }] },
      });
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.message).toContain('nome');
      expect((await call('POST', '/api/v1/lists', { token: editor, json: { title: '' } })).status).toBe(400);
      const rows = await call('GET', `/api/v1/lists/${id}/rows`);
      expect(rows.body.results.map((r: { cells: unknown }) => r.cells)).toEqual([
        { name: 'Fritz Baltes und Franz Winter' },
        { name: 'Max Zucker' },
      ]);
    });
  });
}
