import { Hono } from 'hono';
import { getItinerary } from '../maps/itinerary-view.ts';
import type { Env } from '../web/env.ts';
import { renderPage } from '../web/render.tsx';
import { parseId } from '../web/validate.ts';
import { PersonPageView } from './person.views.tsx';
import { getPersonPage } from './person-page.ts';

/** A person's page; a merged person's address answers 301 to the survivor (see src/errors.ts). */
export const personRoutes = new Hono<Env>().get('/:id', async (c) => {
  const id = parseId(c.req.param('id'));
  const lang = c.var.lang;
  const page = await getPersonPage(c.var.db, id, lang);
  const itinerary = await getItinerary(c.var.db, page.events, lang);
  const origin = process.env.PUBLIC_URL ?? new URL(c.req.url).origin;
  const url = `${origin}/persons/${id}`;
  return renderPage(
    c,
    <PersonPageView
      p={page}
      itinerary={itinerary}
      lang={lang}
      t={c.var.t}
      url={url}
      today={new Date().toISOString().slice(0, 10)}
    />,
    {
      title: page.displayName,
      description: page.biography ?? undefined,
      jsonLd: {
        '@context': 'https://schema.org',
        '@type': 'Person',
        '@id': url,
        url,
        name: page.displayName,
        alternateName: [...new Set(page.names.map((n) => n.full))].filter((n) => n !== page.displayName),
        description: page.biography ?? undefined,
      },
    },
  );
});
