import { Hono } from 'hono';
import { z } from 'zod';
import { searchFiltersSchema } from '../search/names/person-search.schema.ts';
import { isFiltered } from '../search/names/search-summary.views.tsx';
import type { Env } from '../web/env.ts';
import { renderPage } from '../web/render.tsx';
import { parseQuery } from '../web/validate.ts';
import { defaultLayer, getSearchMap, MAP_LAYERS } from './search-map.ts';
import { SearchMapView } from './search-map.views.tsx';

const mapQuery = searchFiltersSchema.extend({
  show: z.preprocess((v) => (v === '' ? undefined : v), z.enum(MAP_LAYERS).optional()),
});

/** The map of a search of the person index: the same parameters, and which places to show. */
export const mapRoutes = new Hono<Env>().get('/', async (c) => {
  const { show, sort: _sort, ...filters } = parseQuery(mapQuery, c.req.query());
  const t = c.var.t;
  const layer = show ?? defaultLayer(filters);
  const m = await getSearchMap(c.var.storage, filters, layer, c.var.lang);
  const title = isFiltered(filters) ? t.maps.searchTitle : t.maps.archiveTitle;
  return renderPage(c, <SearchMapView m={m} q={filters} title={title} lang={c.var.lang} t={t} />, { title });
});
