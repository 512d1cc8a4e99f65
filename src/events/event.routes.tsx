import { Hono } from 'hono';
import { formatEdtf } from '../dates/edtf.ts';
import { label } from '../i18n/i18n.ts';
import { eventLd } from '../linked-data/record-ld.ts';
import { ldContext, recordResponse } from '../linked-data/respond.ts';
import type { Env } from '../web/env.ts';
import { publicOrigin } from '../web/origin.ts';
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
    const jsonLd = eventLd(e, title, ldContext(c, publicOrigin(c)));
    return await recordResponse(c, jsonLd, () =>
      renderPage(c, <EventPageView page={page} lang={lang} t={t} title={title} />, { title, jsonLd }),
    );
  } catch (error) {
    if (error instanceof EventVariantError) return c.redirect(`/${lang}/events/${error.mainId}`, 301);
    throw error;
  }
});
