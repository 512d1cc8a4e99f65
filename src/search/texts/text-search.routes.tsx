import { Hono } from 'hono';
import { z } from 'zod';
import type { Env } from '../../web/env.ts';
import { renderPage } from '../../web/render.tsx';
import { parseQuery } from '../../web/validate.ts';
import { searchTexts } from './text-search.service.ts';
import { TextSearchView } from './text-search.views.tsx';

export const textQuery = z.object({ q: z.string().max(500, 'at most 500 characters').default('') });

/** /:lang/search: the full-text search page. */
export const textSearchRoutes = new Hono<Env>().get('/', async (c) => {
  const { q } = parseQuery(textQuery, c.req.query());
  const { total, results } = q.trim() ? await searchTexts(c.var.storage, q, 50) : { total: 0, results: [] };
  const t = c.var.t;
  return renderPage(c, <TextSearchView q={q} total={total} results={results} lang={c.var.lang} t={t} />, {
    title: t.texts.title,
  });
});
