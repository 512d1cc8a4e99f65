import type { Context } from 'hono';

/**
 * The base of permanent addresses: `PUBLIC_URL` when the archive is served behind a proxy under
 * its public name, otherwise the origin the request came to.
 */
export function publicOrigin(c: Context): string {
  return (process.env.PUBLIC_URL ?? new URL(c.req.url).origin).replace(/\/+$/, '');
}
