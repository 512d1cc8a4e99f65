import { type Context, Hono } from 'hono';
import type { z } from 'zod';
import { recordAudit } from '../accounts/audit.service.ts';
import { InputError } from '../errors.ts';
import { auditActor, requireRole } from '../web/auth.ts';
import type { Env } from '../web/env.ts';
import { parseId } from '../web/validate.ts';
import { mergeBody, type mergeResponse, unmergeBody, type unmergeResponse } from './merge.schemas.ts';
import { mergePersons } from './merge.service.ts';
import { unmergePerson } from './merge-review.service.ts';

/* `POST /api/v1/persons/{id}/merge` and `…/unmerge`, for editors (bearer token, or a session with its CSRF header). */

async function readBody<T>(c: Context<Env>, schema: z.ZodType<T>, optional: boolean): Promise<T> {
  const text = await c.req.text();
  if (optional && text.trim() === '') return schema.parse({});
  if (!/^application\/json\b/i.test(c.req.header('content-type') ?? ''))
    throw new InputError('Send the body as JSON (Content-Type: application/json).');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new InputError('The body is not valid JSON.');
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError(`Invalid “${issue?.path.join('.') || 'body'}”: ${issue?.message ?? 'not understood'}.`);
  }
  return parsed.data;
}

export const mergeApiRoutes = new Hono<Env>()
  .post('/persons/:id/merge', requireRole('editor'), async (c) => {
    const id = parseId(c.req.param('id'));
    const { into, reason } = await readBody(c, mergeBody, false);
    const done = await mergePersons(c.var.storage, { userId: c.var.user!.id }, { source: id, target: into, reason });
    await recordAudit(c.var.db, {
      actor: auditActor(c),
      action: 'person_merge',
      target: `person:${id}`,
      detail: `into person:${into}`,
    });
    const origin = process.env.PUBLIC_URL ?? new URL(c.req.url).origin;
    const body: z.infer<typeof mergeResponse> = {
      merge: done.mergeId,
      changeSet: done.changeSet,
      source: id,
      target: into,
      url: `${origin}/persons/${into}`,
    };
    return c.json(body);
  })
  .post('/persons/:id/unmerge', requireRole('editor'), async (c) => {
    const id = parseId(c.req.param('id'));
    const { reason } = await readBody(c, unmergeBody, true);
    const done = await unmergePerson(c.var.storage, { userId: c.var.user!.id }, id, reason ?? null);
    await recordAudit(c.var.db, {
      actor: auditActor(c),
      action: 'person_unmerge',
      target: `person:${done.source}`,
      detail: `from person:${done.target}`,
    });
    const body: z.infer<typeof unmergeResponse> = {
      merge: done.mergeId,
      changeSet: done.changeSet,
      source: done.source,
      target: done.target,
    };
    return c.json(body);
  });
