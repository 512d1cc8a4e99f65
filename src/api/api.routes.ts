import { Hono } from 'hono';
import type { z } from 'zod';
import { describeEdtf } from '../dates/edtf.ts';
import { PERSON_CSV_HEADER, personSearchCsvRows } from '../exports/person-search-csv.ts';
import { listApiRoutes } from '../lists/list-api.routes.ts';
import { isFate } from '../persons/person.ts';
import { searchPersons } from '../search/names/search-thread.ts';
import { snippetParts } from '../search/texts/text-index.ts';
import { textQuery } from '../search/texts/text-search.schema.ts';
import { searchTexts } from '../search/texts/text-search.service.ts';
import { requireRole } from '../web/auth.ts';
import type { Env } from '../web/env.ts';
import { publicOrigin } from '../web/origin.ts';
import { parseQuery } from '../web/validate.ts';
import type { meResponse } from './account.schemas.ts';
import {
  datesQuery,
  type datesResponse,
  personsQuery,
  type personsResponse,
  type textsResponse,
} from './api.schemas.ts';
import { csvResponse } from './csv-response.ts';
import { exportRoutes } from './exports.routes.ts';
import { acceptable, conditionalGet } from './http-cache.ts';
import { openApiDocument } from './openapi.ts';
import { recordRoutes } from './records.routes.ts';

export const apiRoutes = new Hono<Env>()
  .use('*', acceptable, conditionalGet)
  .get('/openapi.json', (c) => c.json(openApiDocument()))
  .route('/', listApiRoutes)
  .get('/dates', (c) => {
    const { edtf } = parseQuery(datesQuery, c.req.query());
    const body: z.infer<typeof datesResponse> = describeEdtf(edtf);
    return c.json(body);
  })
  .get('/me', requireRole('reviewer'), (c) => {
    const user = c.var.user!;
    const body: z.infer<typeof meResponse> = {
      id: user.id,
      name: user.name,
      displayName: user.displayName,
      role: user.role,
    };
    return c.json(body);
  })
  .get('/texts', async (c) => {
    const { q } = parseQuery(textQuery, c.req.query());
    const { total, results } = await searchTexts(c.var.storage, q, 50);
    const body: z.infer<typeof textsResponse> = {
      total,
      results: results.map((r) => ({
        ...r,
        snippet: snippetParts(r.snippet)
          .map((p) => (p.matched ? `[${p.text}]` : p.text))
          .join(''),
      })),
    };
    return c.json(body);
  })
  .get('/persons', async (c) => {
    const { limit, offset, sort, lang, format, bom, ...filters } = parseQuery(personsQuery, c.req.query());
    const origin = publicOrigin(c);
    const params = { ...filters, lang, sort: sort ?? (filters.q ? ('relevance' as const) : ('name' as const)) };
    if (format === 'csv') {
      const rows = await personSearchCsvRows(c.var.storage, params, origin);
      return csvResponse(c, 'persons.csv', PERSON_CSV_HEADER, rows, bom === '1' || bom === 'true');
    }
    const result = await searchPersons(c.var.storage, { ...params, limit, offset });
    const body: z.infer<typeof personsResponse> = {
      total: result.total,
      totalIsLowerBound: result.totalIsLowerBound,
      limit,
      offset,
      results: result.results.map((r) => ({
        id: r.id,
        url: `${origin}/persons/${r.id}`,
        name: r.name,
        sortName: r.sortName,
        fate: isFate(r.fate) ? r.fate : null,
        born: r.life.born,
        died: r.life.died,
        birthPlace: r.life.birthPlace,
        matched: r.matched ? { name: r.matched.name, how: r.matched.how } : null,
      })),
      facets: result.facets,
      facetBase: result.facetBase,
    };
    return c.json(body);
  })
  .route('/', recordRoutes)
  .route('/', exportRoutes);
