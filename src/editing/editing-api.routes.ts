import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { z } from 'zod';
import { InputError, TooLargeError } from '../errors.ts';
import { formatPath, type Json } from '../revisions/document-diff.ts';
import { RECORD_PATHS, type RecordType } from '../revisions/revision.ts';
import { requireRole } from '../web/auth.ts';
import type { Env } from '../web/env.ts';
import { parseId, parseQuery } from '../web/validate.ts';
import {
  deleteBody,
  deleteQuery,
  type documentResponse,
  historyQuery,
  type historyResponse,
  lookupQuery,
  type lookupResponse,
  type removedResponse,
  type savedResponse,
  writeQuery,
} from './editing.schemas.ts';
import { loadForEditing, removeRecord, saveRecord } from './editing.service.ts';
import { lookupRecords, recordHistory } from './history.service.ts';
import { mergePatch } from './merge-patch.ts';

/*
 * The write API, under /api/v1: POST a record's document to create it, PATCH a JSON merge patch
 * (RFC 7386) onto its document, DELETE it with a reason; GET its document and its history. Every
 * answer about one record carries its revision as an ETag ("r123"); a write sent with If-Match
 * naming another revision is refused with 412. Editors only (bearer token or a signed-in session
 * with its CSRF header); reading documents and history needs a reviewer.
 */

/** Largest JSON body a write takes: an event's document with thousands of participants fits. */
export const MAX_WRITE_BYTES = 4 * 1024 * 1024;

const limit = bodyLimit({
  maxSize: MAX_WRITE_BYTES,
  onError: () => {
    throw new TooLargeError(MAX_WRITE_BYTES);
  },
});

export const etag = (revision: number) => `"r${revision}"`;

/**
 * The revision an `If-Match` header names: undefined without the header or for `*` (any version),
 * -1 for a value that names no revision of ours (it can match none, so the write is refused).
 */
export function ifMatchRevision(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (value === '*') return undefined;
  const first = value.split(',')[0]?.trim() ?? '';
  const match = /^(?:W\/)?"r(\d{1,15})"$/.exec(first);
  return match ? Number(match[1]) : -1;
}

async function readJson(c: Context<Env>): Promise<Json> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(merge-patch\+)?json\b/i.test(type))
    throw new InputError('Send the body as JSON (Content-Type: application/json).');
  const text = await c.req.text();
  try {
    return JSON.parse(text) as Json;
  } catch {
    throw new InputError('The body is not valid JSON.');
  }
}

function recordUrl(c: Context<Env>, type: RecordType, id: number): string {
  const origin = process.env.PUBLIC_URL ?? new URL(c.req.url).origin;
  return `${origin}/${RECORD_PATHS[type]}/${id}`;
}

const actor = (c: Context<Env>) => ({ userId: c.var.user!.id });

function routesFor(type: RecordType) {
  const path = `/${RECORD_PATHS[type]}`;
  return new Hono<Env>()
    .post(path, requireRole('editor'), limit, async (c) => {
      const { reason } = parseQuery(writeQuery, c.req.query());
      const doc = await readJson(c);
      if (typeof doc !== 'object' || doc === null || Array.isArray(doc))
        throw new InputError('Send the record’s document as a JSON object.');
      const saved = await saveRecord(c.var.storage, actor(c), { type, doc, reason, kind: 'api' });
      const body: z.infer<typeof savedResponse> = {
        id: saved.id,
        type,
        revision: saved.revision,
        changed: saved.changed,
        url: recordUrl(c, type, saved.id),
        document: saved.doc,
      };
      c.header('ETag', etag(saved.revision));
      c.header('Location', `/api/v1${path}/${saved.id}/document`);
      return c.json(body, 201);
    })
    .get(`${path}/:id/document`, requireRole('reviewer'), async (c) => {
      const id = parseId(c.req.param('id'));
      const { doc, revision, state } = await loadForEditing(c.var.db, type, id);
      const body: z.infer<typeof documentResponse> = {
        id,
        type,
        revision,
        state: state as 'published' | 'draft' | 'removed',
        document: doc,
      };
      c.header('ETag', etag(revision));
      return c.json(body);
    })
    .patch(`${path}/:id`, requireRole('editor'), limit, async (c) => {
      const id = parseId(c.req.param('id'));
      const { reason } = parseQuery(writeQuery, c.req.query());
      const patch = await readJson(c);
      if (typeof patch !== 'object' || patch === null || Array.isArray(patch))
        throw new InputError('Send a JSON merge patch: an object of the fields to change (null removes one).');
      const current = await loadForEditing(c.var.db, type, id);
      const base = ifMatchRevision(c.req.header('if-match'));
      const saved = await saveRecord(c.var.storage, actor(c), {
        type,
        id,
        doc: mergePatch(current.doc, patch),
        // Without If-Match the patch applies to the document it was merged onto, read just now.
        baseRevision: base ?? current.revision,
        reason,
        kind: 'api',
      });
      const body: z.infer<typeof savedResponse> = {
        id,
        type,
        revision: saved.revision,
        changed: saved.changed,
        url: recordUrl(c, type, id),
        document: saved.doc,
      };
      c.header('ETag', etag(saved.revision));
      return c.json(body);
    })
    .delete(`${path}/:id`, requireRole('editor'), limit, async (c) => {
      const id = parseId(c.req.param('id'));
      let reason = parseQuery(deleteQuery, c.req.query()).reason;
      if (!reason && c.req.header('content-type')) {
        const parsed = deleteBody.safeParse(await readJson(c));
        if (!parsed.success) throw new InputError('Send the reason as {"reason": "…"} of at most 500 characters.');
        reason = parsed.data.reason;
      }
      const saved = await removeRecord(c.var.storage, actor(c), {
        type,
        id,
        reason,
        baseRevision: ifMatchRevision(c.req.header('if-match')),
      });
      const body: z.infer<typeof removedResponse> = { id, type, revision: saved.revision, removed: true };
      c.header('ETag', etag(saved.revision));
      return c.json(body);
    })
    .get(`${path}/:id/history`, requireRole('reviewer'), async (c) => {
      const id = parseId(c.req.param('id'));
      const query = parseQuery(historyQuery, c.req.query());
      const { revision } = await loadForEditing(c.var.db, type, id);
      const history = await recordHistory(c.var.db, type, id, query);
      const body: z.infer<typeof historyResponse> = {
        id,
        type,
        revisions: history.revisions.map((r) => ({
          revision: r.id,
          action: r.action as z.infer<typeof historyResponse>['revisions'][number]['action'],
          at: r.at,
          user: r.userId === null ? null : { id: r.userId, name: r.user ?? '' },
          reason: r.reason,
          changeSet: {
            id: r.changeSet,
            kind: r.changeSetKind as z.infer<typeof historyResponse>['revisions'][number]['changeSet']['kind'],
            revertedBy: r.revertedBy,
          },
          changes: r.changes.map((ch) => ({ path: formatPath(ch.path), before: ch.before, after: ch.after })),
        })),
        next: history.next,
      };
      c.header('ETag', etag(revision));
      return c.json(body);
    });
}

export const editingApiRoutes = new Hono<Env>()
  .get('/lookup', requireRole('reviewer'), async (c) => {
    const { type, q } = parseQuery(lookupQuery, c.req.query());
    const body: z.infer<typeof lookupResponse> = {
      results: await lookupRecords(c.var.storage, type, q, c.var.lang),
    };
    return c.json(body);
  })
  .route('/', routesFor('person'))
  .route('/', routesFor('event'))
  .route('/', routesFor('place'))
  .route('/', routesFor('organization'))
  .route('/', routesFor('source'));
