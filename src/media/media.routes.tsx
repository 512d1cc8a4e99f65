import { Hono } from 'hono';
import { NotFoundError } from '../errors.ts';
import type { Env } from '../web/env.ts';
import { parseId } from '../web/validate.ts';
import { findPublishedMediaFile } from './media.repository.ts';
import { VARIANTS } from './media.ts';

/**
 * The bytes of published media: `/media/12/thumb`, `/media/12/web`, `/media/12/original`. Drafts
 * and unknown sizes are not found. Each answer says exactly its type and may not be sniffed or run
 * as a page, so a file can never act as HTML or script on this site.
 */
export const mediaRoutes = new Hono<Env>().get('/:id/:variant', async (c) => {
  const id = parseId(c.req.param('id'));
  const variant = c.req.param('variant');
  if (!(VARIANTS as readonly string[]).includes(variant)) throw new NotFoundError(`media ${id} ${variant}`);
  const file = await findPublishedMediaFile(c.var.db, id, variant);
  if (!file) throw new NotFoundError(`media ${id} ${variant}`);
  const etag = `"${file.sha256}"`;
  const headers: Record<string, string> = {
    'content-type': file.mime,
    'cache-control': 'public, max-age=86400',
    etag,
    'x-content-type-options': 'nosniff',
    'content-security-policy': "default-src 'none'; sandbox",
    'cross-origin-resource-policy': 'same-origin',
  };
  if (file.mime === 'application/pdf') headers['content-disposition'] = `inline; filename="fates-media-${id}.pdf"`;
  if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
  return c.body(new Uint8Array(file.data), 200, headers);
});
