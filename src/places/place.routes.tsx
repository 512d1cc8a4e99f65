import { Hono } from 'hono';
import { placeLd } from '../linked-data/record-ld.ts';
import { ldContext, recordResponse } from '../linked-data/respond.ts';
import type { Env } from '../web/env.ts';
import { publicOrigin } from '../web/origin.ts';
import { renderPage } from '../web/render.tsx';
import { parseId } from '../web/validate.ts';
import { PlaceIndexView, PlacePageView } from './place.views.tsx';
import { getPlacePage, listPlaceSummaries } from './place-page.ts';

export const placeRoutes = new Hono<Env>()
  .get('/', async (c) => {
    const places = await listPlaceSummaries(c.var.db, c.var.lang);
    return renderPage(c, <PlaceIndexView places={places} lang={c.var.lang} t={c.var.t} />, {
      title: c.var.t.place.title,
    });
  })
  .get('/:id', async (c) => {
    const page = await getPlacePage(c.var.db, parseId(c.req.param('id')), c.var.lang);
    const jsonLd = placeLd(page, ldContext(c, publicOrigin(c)));
    return recordResponse(c, jsonLd, () =>
      renderPage(c, <PlacePageView p={page} lang={c.var.lang} t={c.var.t} />, { title: page.name, jsonLd }),
    );
  });
