import { Hono } from 'hono';
import { citeQuery, personCitationItem } from '../citations/cite-record-view.ts';
import { renderCitation } from '../citations/cite-styles.ts';
import { personLd } from '../linked-data/person-ld.ts';
import { ldContext, recordResponse } from '../linked-data/respond.ts';
import type { Env } from '../web/env.ts';
import { publicOrigin } from '../web/origin.ts';
import { renderPage } from '../web/render.tsx';
import { parseId, parseQuery } from '../web/validate.ts';
import { PersonPageView } from './person.views.tsx';
import { getPersonPage } from './person-page.ts';

/** A person's page; a merged person's address answers 301 to the survivor (see src/errors.ts). */
export const personRoutes = new Hono<Env>().get('/:id', async (c) => {
  const id = parseId(c.req.param('id'));
  const lang = c.var.lang;
  const { cite } = parseQuery(citeQuery, c.req.query());
  const page = await getPersonPage(c.var.db, id, lang);
  const origin = publicOrigin(c);
  const url = `${origin}/persons/${id}`;
  const jsonLd = personLd(page, ldContext(c, origin));
  return recordResponse(c, jsonLd, async () => {
    const item = personCitationItem(page, url, c.var.t.site.name, lang);
    const citation = { style: cite, html: await renderCitation(item, cite, lang) };
    return renderPage(c, <PersonPageView p={page} lang={lang} t={c.var.t} url={url} cite={citation} />, {
      title: page.displayName,
      description: page.biography ?? undefined,
      jsonLd,
    });
  });
});
