import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMMAND_LINE } from '../../src/accounts/audit.ts';
import { createToken, revokeToken } from '../../src/accounts/token.service.ts';
import { loadForEditing } from '../../src/editing/editing.service.ts';
import { insertUser } from '../support/accounts.ts';
import { idOf, openTestArchive, type TestArchive } from '../support/app.ts';
import { ENGINES } from '../support/storage.ts';

for (const engine of ENGINES) {
  describe(`the write API on ${engine}`, () => {
    let archive: TestArchive;
    const tokens: Record<string, string> = {};
    const tokenIds: Record<string, number> = {};
    beforeAll(async () => {
      archive = await openTestArchive(engine);
      for (const role of ['editor', 'reviewer'] as const) {
        const user = await insertUser(archive.storage.db, { name: `api-${role}`, role });
        const created = await createToken(archive.storage.db, user.id, { label: 'test' }, COMMAND_LINE);
        tokens[role] = created.token;
        tokenIds[role] = created.id;
      }
    });
    afterAll(async () => {
      await archive?.close();
    });

    async function call(
      method: string,
      path: string,
      options: { body?: unknown; token?: string | null; headers?: Record<string, string>; raw?: string } = {},
    ) {
      const headers: Record<string, string> = { ...options.headers };
      const token = options.token === undefined ? tokens.editor : options.token;
      if (token) headers.authorization = `Bearer ${token}`;
      if (options.body !== undefined || options.raw !== undefined) headers['content-type'] ??= 'application/json';
      const res = await archive.app.request(`/api/v1${path}`, {
        method,
        headers,
        body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
      });
      const text = await res.text();
      return { status: res.status, json: text ? JSON.parse(text) : null, res };
    }

    it('creates a person from the least document, with its revision as ETag, findable at once', async () => {
      const created = await call('POST', '/persons?reason=from%20the%20API', {
        body: { names: [{ given: 'Anna', surname: 'Zyxapi' }], status: 'published' },
      });
      expect(created.status).toBe(201);
      expect(created.res.headers.get('etag')).toBe(`"r${created.json.revision}"`);
      expect(created.res.headers.get('location')).toBe(`/api/v1/persons/${created.json.id}/document`);
      expect(created.json).toMatchObject({
        type: 'person',
        changed: true,
        document: { sex: 'unknown', status: 'published', names: [{ kind: 'birth', given: 'Anna', surname: 'Zyxapi' }] },
      });
      expect(created.json.url).toMatch(new RegExp(`/persons/${created.json.id}$`));
      const found = await call('GET', '/persons?q=Zyxapi', { token: null });
      expect(found.json.results.map((r: { id: number }) => r.id)).toEqual([created.json.id]);
      const history = await call('GET', `/persons/${created.json.id}/history`);
      expect(history.json.revisions).toMatchObject([
        { action: 'create', reason: 'from the API', user: { name: 'api-editor' }, changeSet: { kind: 'api' } },
      ]);
    });

    it('patches a document (RFC 7386), honours If-Match with 412, and reads the document with its ETag', async () => {
      const id = await idOf(archive.storage, 'persons', 'ernst-fabisch');
      const read = await call('GET', `/persons/${id}/document`);
      expect(read.status).toBe(200);
      const etag = read.res.headers.get('etag')!;
      expect(etag).toBe(`"r${read.json.revision}"`);
      const patched = await call('PATCH', `/persons/${id}`, {
        body: { sex: 'male', biography: { de: 'Bergmann aus dem Ruhrgebiet.' } },
        headers: { 'if-match': etag, 'content-type': 'application/merge-patch+json' },
      });
      expect(patched.status).toBe(200);
      expect(patched.json.document).toMatchObject({ sex: 'male', biography: { de: 'Bergmann aus dem Ruhrgebiet.' } });
      expect(patched.json.document.names).toEqual(read.json.document.names);
      const newEtag = patched.res.headers.get('etag');
      expect(newEtag).not.toBe(etag);

      const stale = await call('PATCH', `/persons/${id}`, { body: { sex: 'female' }, headers: { 'if-match': etag } });
      expect(stale.status).toBe(412);
      expect(stale.json.error).toMatchObject({ code: 'precondition_failed', currentRevision: patched.json.revision });
      expect(
        (await call('PATCH', `/persons/${id}`, { body: { sex: 'female' }, headers: { 'if-match': '"x"' } })).status,
      ).toBe(412);
      expect((await loadForEditing(archive.storage.db, 'person', id)).doc).toMatchObject({ sex: 'male' });

      const same = await call('PATCH', `/persons/${id}`, { body: { sex: 'male' }, headers: { 'if-match': newEtag! } });
      expect(same.json).toMatchObject({ changed: false, revision: patched.json.revision });
      const removedKey = await call('PATCH', `/persons/${id}`, { body: { biography: { de: null } } });
      expect(removedKey.json.document.biography).not.toHaveProperty('de');
    });

    it('answers invalid documents with each field’s problem, and saves nothing', async () => {
      const id = await idOf(archive.storage, 'persons', 'ernst-fabisch');
      const before = await loadForEditing(archive.storage.db, 'person', id);
      const bad = await call('PATCH', `/persons/${id}`, {
        body: {
          sex: 'x',
          names: [{ given: 'E', surname: 'F', valid: '1937-13-45' }],
          citations: [{ source: 999999 }],
          biography: { en: 'y'.repeat(20_001) },
        },
      });
      expect(bad.status).toBe(400);
      expect(bad.json.error.code).toBe('bad_request');
      expect(bad.json.error.problems.map((p: { path: string }) => p.path).sort()).toEqual([
        'biography.en',
        'names.0.valid',
        'sex',
      ]);
      const unknown = await call('POST', '/events', {
        body: { type: 'arrest', participants: [{ person: id, role: 'subject' }], citations: [{ source: 999999 }] },
      });
      expect(unknown.status).toBe(400);
      expect(unknown.json.error.problems).toEqual([
        { path: 'citations.0.source', message: 'there is no source with the number 999999' },
      ]);
      expect((await call('POST', '/persons', { body: {} })).json.error.problems).toEqual([
        { path: 'names', message: expect.any(String) },
      ]);
      expect((await call('POST', '/persons', { raw: '{"names": [' })).status).toBe(400);
      expect((await call('POST', '/persons', { raw: '[]' })).status).toBe(400);
      expect(
        (await call('POST', '/persons', { raw: 'names=x', headers: { 'content-type': 'text/plain' } })).status,
      ).toBe(400);
      expect((await call('PATCH', '/persons/999999', { body: { sex: 'male' } })).status).toBe(404);
      expect((await call('PATCH', '/persons/abc', { body: { sex: 'male' } })).status).toBe(404);
      expect((await loadForEditing(archive.storage.db, 'person', id)).doc).toEqual(before.doc);
      const big = await call('POST', '/persons', { raw: `{"note":"${'x'.repeat(5 * 1024 * 1024)}"}` });
      expect(big.status).toBe(413);
    });

    it('removes a record with a reason (410 afterwards), and works for every kind of record', async () => {
      const place = await call('POST', '/places', {
        body: { kind: 'city', status: 'published', names: [{ name: 'Zyxwstadt', lang: 'de' }] },
      });
      expect(place.status).toBe(201);
      const org = await call('POST', '/organizations', {
        body: { kind: 'party', place: place.json.id, names: [{ name: 'Zyxw-Partei' }] },
      });
      expect(org.status).toBe(201);
      const source = await call('POST', '/sources', { body: { kind: 'book', title: 'Zyxw-Buch' } });
      expect(source.status).toBe(201);
      const event = await call('POST', '/events', {
        body: {
          type: 'meeting',
          place: place.json.id,
          organization: org.json.id,
          citations: [{ source: source.json.id }],
        },
      });
      expect(event.status).toBe(201);
      expect(event.json.document).toMatchObject({ status: 'draft', citations: [{ source: source.json.id }] });

      expect((await call('DELETE', `/places/${place.json.id}`)).status).toBe(400);
      const removed = await call('DELETE', `/places/${place.json.id}`, { body: { reason: 'no such town' } });
      expect(removed.status).toBe(200);
      expect(removed.json).toMatchObject({ id: place.json.id, removed: true });
      expect((await archive.app.request(`/en/places/${place.json.id}`)).status).toBe(410);
      expect((await call('DELETE', `/places/${place.json.id}?reason=again`)).status).toBe(410);
      expect((await call('PATCH', `/places/${place.json.id}`, { body: { kind: 'camp' } })).status).toBe(410);
      // A removed place can no longer be named by an edit.
      const refused = await call('PATCH', `/organizations/${org.json.id}`, { body: { kind: 'union' } });
      expect(refused.json.error.problems).toEqual([{ path: 'place', message: `place ${place.json.id} was removed` }]);
      const orgRemoved = await call('DELETE', `/organizations/${org.json.id}?reason=test`, {
        headers: { 'if-match': '"r1"' },
      });
      expect(orgRemoved.status).toBe(412);
    });

    it('refuses anonymous callers, reviewers and revoked tokens, and writes nothing for them', async () => {
      const id = await idOf(archive.storage, 'persons', 'willy-harzheim');
      const before = await loadForEditing(archive.storage.db, 'person', id);
      const anonymous = await call('PATCH', `/persons/${id}`, { body: { sex: 'female' }, token: null });
      expect(anonymous.status).toBe(401);
      expect((await call('GET', `/persons/${id}/history`, { token: null })).status).toBe(401);
      const reviewer = await call('PATCH', `/persons/${id}`, { body: { sex: 'female' }, token: tokens.reviewer });
      expect(reviewer.status).toBe(403);
      expect(
        (await call('POST', '/persons', { body: { names: [{ surname: 'X' }] }, token: tokens.reviewer })).status,
      ).toBe(403);
      expect((await call('DELETE', `/persons/${id}?reason=x`, { token: tokens.reviewer })).status).toBe(403);
      expect((await call('GET', `/persons/${id}/history`, { token: tokens.reviewer })).status).toBe(200);
      const lookup = await call('GET', '/lookup?type=place&q=mosc', { token: tokens.reviewer });
      expect(lookup.json.results).toContainEqual(
        expect.objectContaining({ id: await idOf(archive.storage, 'places', 'moscow'), label: 'Moscow' }),
      );
      expect((await call('GET', '/lookup?type=place&q=', { token: tokens.reviewer })).status).toBe(400);
      expect((await call('GET', '/lookup?type=place&q=mosc', { token: null })).status).toBe(401);

      const other = await insertUser(archive.storage.db, { name: 'api-revoked', role: 'editor' });
      const token = await createToken(archive.storage.db, other.id, { label: 'soon revoked' }, COMMAND_LINE);
      await revokeToken(archive.storage.db, token.id, COMMAND_LINE);
      const revoked = await call('PATCH', `/persons/${id}`, { body: { sex: 'female' }, token: token.token });
      expect(revoked.status).toBe(401);
      expect(revoked.json.error.code).toBe('invalid_token');
      // A browser's cookie session needs its CSRF header for a write.
      const cookie = await archive.app.request(`/api/v1/persons/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', cookie: 'fates_session=forged' },
        body: '{"sex":"female"}',
      });
      expect(cookie.status).toBe(401);
      expect((await loadForEditing(archive.storage.db, 'person', id)).doc).toEqual(before.doc);
    });
  });
}
