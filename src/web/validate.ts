import type { Context } from 'hono';
import type { z } from 'zod';
import { InputError, NotFoundError } from '../errors.ts';

/** Parses a record id from the URL; anything but a positive integer is simply not a page. */
export function parseId(raw: string | undefined): number {
  if (!raw || !/^[1-9]\d{0,15}$/.test(raw)) throw new NotFoundError(`no record ${raw}`);
  const id = Number(raw);
  if (!Number.isSafeInteger(id)) throw new NotFoundError(`no record ${raw}`);
  return id;
}

/** Validates query parameters against a schema; the first problem becomes a 400 message. */
export function parseQuery<T>(schema: z.ZodType<T>, query: Record<string, string>): T {
  const result = schema.safeParse(query);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue?.path.join('.') || 'query';
  // A value outside a list is named with the list, readably: a reader edited the URL by hand.
  const problem =
    issue?.code === 'invalid_value'
      ? `“${query[field] ?? ''}” is not one of ${issue.values.map(String).join(', ')}`
      : (issue?.message ?? 'not understood');
  throw new InputError(`Invalid parameter “${field}”: ${problem}.`);
}

/** The text fields of a submitted form (files left out), each field's last value, and '' for none. */
export async function readForm(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string') out[key] = value;
  return out;
}
