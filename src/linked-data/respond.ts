import type { Context } from 'hono';
import { licenceLinkHeader } from '../archive/data-licence.ts';
import type { Env } from '../web/env.ts';
import { negotiate } from '../web/negotiate.ts';
import type { LdContext } from './ld-values.ts';

export const JSON_LD = 'application/ld+json';

/** Where the archive lives and the reader's language, for a record's JSON-LD. */
export function ldContext(c: Context<Env>, origin: string): LdContext {
  return { origin, lang: c.var.lang };
}

/**
 * A record page's answer: its JSON-LD to a client that asks for `application/ld+json`, the page
 * (with the same JSON-LD embedded) to everyone else. The Accept header decides, so `Vary` says so.
 */
export async function recordResponse(
  c: Context<Env>,
  jsonLd: object,
  page: () => Promise<Response> | Response,
): Promise<Response> {
  const type = negotiate(c.req.header('accept'), ['text/html', JSON_LD]);
  c.header('vary', 'Accept');
  if (type === JSON_LD) {
    return c.body(JSON.stringify(jsonLd), 200, { 'content-type': `${JSON_LD}; charset=utf-8`, ...licenceLinkHeader() });
  }
  return page();
}
