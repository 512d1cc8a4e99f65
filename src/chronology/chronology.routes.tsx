import { Hono } from 'hono';
import { z } from 'zod';
import { formatEdtf } from '../dates/edtf.ts';
import { InputError } from '../errors.ts';
import { fill } from '../i18n/i18n.ts';
import type { Env } from '../web/env.ts';
import { renderPage } from '../web/render.tsx';
import { parseQuery } from '../web/validate.ts';
import { FIRST_YEAR, getChronology, LAST_YEAR } from './chronology.service.ts';
import { ChronologyView } from './chronology.views.tsx';

const blank = (v: unknown) => (v === '' ? undefined : v);
const zoomQuery = z.object({
  year: z.preprocess(
    blank,
    z.coerce
      .number()
      .int('a whole year')
      .min(FIRST_YEAR, `a year from ${FIRST_YEAR} to ${LAST_YEAR}`)
      .max(LAST_YEAR, `a year from ${FIRST_YEAR} to ${LAST_YEAR}`)
      .optional(),
  ),
  month: z.preprocess(blank, z.coerce.number().int('a month from 1 to 12').min(1).max(12).optional()),
});

/** The chronology of the expulsions and handovers, 1937–1941, zoomed to a year or a month. */
export const chronologyRoutes = new Hono<Env>().get('/', async (c) => {
  const zoom = parseQuery(zoomQuery, c.req.query());
  if (zoom.month !== undefined && zoom.year === undefined) throw new InputError('A month (month) needs a year (year).');
  const t = c.var.t;
  const chronology = await getChronology(c.var.db, zoom, c.var.lang);
  const title =
    zoom.year === undefined
      ? fill(t.chronology.title, { from: FIRST_YEAR, to: LAST_YEAR })
      : fill(t.chronology.titleOf, {
          period: zoom.month
            ? formatEdtf(`${zoom.year}-${String(zoom.month).padStart(2, '0')}`, c.var.lang)
            : zoom.year,
        });
  return renderPage(c, <ChronologyView c={chronology} title={title} lang={c.var.lang} t={t} />, { title });
});
