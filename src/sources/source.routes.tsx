import { Hono } from 'hono';
import type { Env } from '../web/env.ts';
import { renderPage } from '../web/render.tsx';
import { parseId } from '../web/validate.ts';
import { getSourcePage, listSourceViews } from './source-page.ts';
import { SourceIndexView, SourcePageView } from './source-page.views.tsx';

export const sourceRoutes = new Hono<Env>()
  .get('/', async (c) => {
    const sources = await listSourceViews(c.var.db);
    return renderPage(c, <SourceIndexView sources={sources} lang={c.var.lang} t={c.var.t} />, {
      title: c.var.t.source.title,
    });
  })
  .get('/:id', async (c) => {
    const from = Number(c.req.query('rows') ?? 0);
    const offset = Number.isSafeInteger(from) && from > 0 ? from : 0;
    const s = await getSourcePage(c.var.db, parseId(c.req.param('id')), offset);
    return renderPage(c, <SourcePageView s={s} lang={c.var.lang} t={c.var.t} />, {
      title: s.title,
      jsonLd: {
        '@context': 'https://schema.org',
        '@type': s.kind === 'book' ? 'Book' : s.kind === 'web' || s.kind === 'article' ? 'Article' : 'CreativeWork',
        name: s.title,
        author: s.authors ?? undefined,
        url: s.url ?? undefined,
      },
    });
  });
