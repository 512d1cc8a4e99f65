import { Hono } from 'hono';
import { citeQuery, sourceCitationItem } from '../citations/cite-record-view.ts';
import { renderCitation } from '../citations/cite-styles.ts';
import { ldContext, recordResponse } from '../linked-data/respond.ts';
import { sourceLd } from '../linked-data/source-ld.ts';
import type { Env } from '../web/env.ts';
import { publicOrigin } from '../web/origin.ts';
import { renderPage } from '../web/render.tsx';
import { parseId, parseQuery } from '../web/validate.ts';
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
    const id = parseId(c.req.param('id'));
    const { cite } = parseQuery(citeQuery, c.req.query());
    const from = Number(c.req.query('rows') ?? 0);
    const rowOffset = Number.isSafeInteger(from) && from > 0 ? from : 0;
    const s = await getSourcePage(c.var.db, id, { rowOffset });
    const origin = publicOrigin(c);
    const jsonLd = sourceLd(s, ldContext(c, origin));
    return recordResponse(c, jsonLd, async () => {
      const citation = { style: cite, html: await renderCitation(sourceCitationItem(s), cite, c.var.lang) };
      const view = (
        <SourcePageView s={s} lang={c.var.lang} t={c.var.t} url={`${origin}/sources/${id}`} cite={citation} />
      );
      return renderPage(c, view, { title: s.title, jsonLd });
    });
  });
