import { Hono } from 'hono';
import { ldContext, recordResponse } from '../linked-data/respond.ts';
import { sourceLd } from '../linked-data/source-ld.ts';
import type { Env } from '../web/env.ts';
import { publicOrigin } from '../web/origin.ts';
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
    const s = await getSourcePage(c.var.db, parseId(c.req.param('id')));
    const jsonLd = sourceLd(s, ldContext(c, publicOrigin(c)));
    return recordResponse(c, jsonLd, () =>
      renderPage(c, <SourcePageView s={s} lang={c.var.lang} t={c.var.t} />, { title: s.title, jsonLd }),
    );
  });
