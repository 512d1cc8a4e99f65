import { Hono } from 'hono';
import type { Env } from '../../web/env.ts';
import { renderPage } from '../../web/render.tsx';
import { parseQuery } from '../../web/validate.ts';
import { textQuery } from './text-search.schema.ts';
import { searchTexts } from './text-search.service.ts';
import { TextSearchView } from './text-search.views.tsx';

/** /:lang/search: the full-text search page. */
export const textSearchRoutes = new Hono<Env>().get('/', async (c) => {
  const { q } = parseQuery(textQuery, c.req.query());
  const { total, results } = q.trim() ? await searchTexts(c.var.storage, q, 50) : { total: 0, results: [] };
  const t = c.var.t;
  return renderPage(c, <TextSearchView q={q} total={total} results={results} lang={c.var.lang} t={t} />, {
    title: t.texts.title,
  });
});
