import { Hono } from 'hono';
import { NotFoundError } from '../errors.ts';
import { searchFiltersSchema } from '../search/names/person-search.schema.ts';
import { isFiltered } from '../search/names/search-summary.views.tsx';
import type { Env } from '../web/env.ts';
import { renderPage } from '../web/render.tsx';
import { parseQuery } from '../web/validate.ts';
import { toCsv } from './csv.ts';
import { CHARTS, type ChartId, getStatistics } from './statistics.service.ts';
import { StatisticsView } from './statistics.views.tsx';

/** The statistics of a search of the person index (the same parameters), as a page and each chart as CSV. */
export const statisticsRoutes = new Hono<Env>()
  .get('/', async (c) => {
    const { sort: _sort, ...filters } = parseQuery(searchFiltersSchema, c.req.query());
    const stats = await getStatistics(c.var.storage, filters, c.var.lang);
    const t = c.var.t;
    const title = isFiltered(filters) ? t.statistics.searchTitle : t.statistics.title;
    return renderPage(c, <StatisticsView stats={stats} title={title} lang={c.var.lang} t={t} q={filters} />, {
      title,
    });
  })
  .get('/:file{[a-z-]+\\.csv}', async (c) => {
    const id = c.req.param('file').slice(0, -'.csv'.length) as ChartId;
    if (!CHARTS.includes(id)) throw new NotFoundError(`no chart ${id}`);
    const { sort: _sort, ...filters } = parseQuery(searchFiltersSchema, c.req.query());
    const stats = await getStatistics(c.var.storage, filters, c.var.lang);
    const chart = stats.charts.find((ch) => ch.id === id);
    const rows = (chart?.rows ?? []).map((r) => [r.key, r.label, r.n]);
    return c.body(toCsv(['value', 'label', chart?.unit ?? 'persons'], rows), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${id}.csv"`,
    });
  });
