import type { MiddlewareHandler } from 'hono';
import { etag } from 'hono/etag';
import { archiveVersion } from '../db/engine.ts';
import type { Env } from '../web/env.ts';
import { negotiate, parseAccept } from '../web/negotiate.ts';

/** How long clients and proxies may reuse an answer before asking again (with its ETag). */
export const MAX_AGE = 300;

const hashed = etag();

/**
 * Conditional GET for the API: every successful answer gets `Cache-Control` and an `ETag`, and
 * a request whose `If-None-Match` names the current one gets 304 without a body. A JSON answer's
 * ETag is a hash of its body; a streamed one sets its own beforehand (see `versionTag`), since
 * hashing would hold the whole stream in memory.
 */
export const conditionalGet: MiddlewareHandler<Env> = async (c, next) => {
  await hashed(c, async () => {
    await next();
    if (c.res.status === 200 && !c.res.headers.has('cache-control')) {
      c.res.headers.set('cache-control', `public, max-age=${MAX_AGE}`);
    }
  });
};

/**
 * A weak ETag for an answer computed from the whole archive (a CSV export): the archive's version
 * mark, which every write renews, and the address asked for. It changes more often than the
 * content does, never less.
 */
export async function versionTag(c: Parameters<MiddlewareHandler<Env>>[0]): Promise<string> {
  const version = (await archiveVersion(c.var.db)) ?? 'new';
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(`${version} ${c.req.url}`));
  return `W/"${Buffer.from(digest).toString('base64url')}"`;
}

/**
 * Holds each answer to the request's Accept header: a malformed header is refused before any
 * work (400), and an answer of a media type the header rules out becomes 406. Which type an
 * address answers with is chosen by the address and its `format` parameter, not by Accept.
 */
export const acceptable: MiddlewareHandler<Env> = async (c, next) => {
  const accept = c.req.header('accept');
  if (accept) parseAccept(accept);
  await next();
  const type = c.res.headers.get('content-type')?.split(';')[0]?.trim();
  if (!accept || !type || c.res.status !== 200) return;
  try {
    negotiate(accept, [type]);
  } catch (error) {
    await c.res.body?.cancel();
    throw error;
  }
};
