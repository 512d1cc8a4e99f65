import { Hono } from 'hono';
import { formatEdtf } from '../dates/edtf.ts';
import { label } from '../i18n/i18n.ts';
import type { Env } from '../web/env.ts';
import { renderPage } from '../web/render.tsx';
import { parseId } from '../web/validate.ts';
import { EventVariantError, getEventPage } from './event-page.ts';
import { EventPageView } from './event-page.views.tsx';

export const eventRoutes = new Hono<Env>().get('/:id', async (c) => {
  const id = parseId(c.req.param('id'));
  const { lang, t } = c.var;
  try {
    const page = await getEventPage(c.var.db, id, lang);
    const e = page.event;
    const title = [label(t.eventTypes, e.type), e.edtf ? formatEdtf(e.edtf, lang) : null, e.place?.name]
      .filter(Boolean)
      .join(', ');
    const origin = process.env.PUBLIC_URL ?? new URL(c.req.url).origin;
    return renderPage(c, <EventPageView page={page} lang={lang} t={t} title={title} />, {
      title,
      jsonLd: {
        '@context': 'https://schema.org',
        '@type': 'Event',
        '@id': `${origin}/events/${id}`,
        name: title,
        startDate: e.dateMin ?? undefined,
        location: e.place ? { '@type': 'Place', name: e.place.name } : undefined,
      },
    });
  } catch (error) {
    if (error instanceof EventVariantError) return c.redirect(`/${lang}/events/${error.mainId}`, 301);
    throw error;
  }
});
