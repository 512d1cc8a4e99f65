import { Readable } from 'node:stream';
import { type Context, Hono } from 'hono';
import { messages } from '../i18n/i18n.ts';
import type { Env } from '../web/env.ts';
import { publicOrigin } from '../web/origin.ts';
import { answerOai } from './oai.ts';
import { robotsTxt, sitemapFile, sitemapRoot } from './sitemap.ts';

/** Text written piece by piece, sent as it is written. */
const stream = (pieces: AsyncIterable<string>) =>
  Readable.toWeb(Readable.from(pieces, { objectMode: false })) as ReadableStream<Uint8Array>;

const XML = { 'content-type': 'text/xml; charset=utf-8' };
const CACHED = { 'cache-control': 'public, max-age=3600' };

/** Where harvesters write to; `FATES_ADMIN_EMAIL` names it, else the archive's host. */
function adminEmail(origin: string): string {
  return process.env.FATES_ADMIN_EMAIL ?? `archive@${new URL(origin).hostname}`;
}

async function oai(c: Context<Env>, args: Record<string, string[]>) {
  const origin = publicOrigin(c);
  const xml = await answerOai(args, {
    db: c.var.db,
    origin,
    repositoryName: messages('en').site.name,
    adminEmail: adminEmail(origin),
    now: new Date(),
  });
  return c.body(xml, 200, XML);
}

/** OAI-PMH for harvesters, the sitemap and robots.txt for crawlers. */
export const harvestRoutes = new Hono<Env>()
  .get('/oai', (c) => oai(c, c.req.queries()))
  .post('/oai', async (c) => {
    const form = await c.req.parseBody({ all: true });
    const args = Object.fromEntries(
      Object.entries(form).map(([k, v]) => [k, (Array.isArray(v) ? v : [v]).map((x) => String(x))]),
    );
    return oai(c, args);
  })
  .get('/sitemap.xml', (c) => c.body(stream(sitemapRoot(c.var.db, publicOrigin(c))), 200, { ...XML, ...CACHED }))
  .get('/sitemaps/:file{[a-z]+(-[0-9]+)?\\.xml}', async (c) => {
    const xml = await sitemapFile(c.var.db, publicOrigin(c), c.req.param('file').replace(/\.xml$/, ''));
    return xml === null ? c.notFound() : c.body(stream(xml), 200, { ...XML, ...CACHED });
  })
  .get('/robots.txt', (c) =>
    c.body(robotsTxt(publicOrigin(c)), 200, { 'content-type': 'text/plain; charset=utf-8', ...CACHED }),
  );
