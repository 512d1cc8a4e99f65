import { Hono } from 'hono';
import type { z } from 'zod';
import { describeEdtf } from '../dates/edtf.ts';
import { listApiRoutes } from '../lists/list-api.routes.ts';
import { isFate } from '../persons/person.ts';
import { SearchService } from '../search/names/person-search.service.ts';
import { snippetParts } from '../search/texts/text-index.ts';
import { textQuery } from '../search/texts/text-search.schema.ts';
import { searchTexts } from '../search/texts/text-search.service.ts';
import { requireRole } from '../web/auth.ts';
import type { Env } from '../web/env.ts';
import { parseQuery } from '../web/validate.ts';
import type { meResponse } from './account.schemas.ts';
import {
  datesQuery,
  type datesResponse,
  personsQuery,
  type personsResponse,
  type textsResponse,
} from './api.schemas.ts';
import { openApiDocument } from './openapi.ts';

export const apiRoutes = new Hono<Env>()
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
    const { limit, offset, sort, ...filters } = parseQuery(personsQuery, c.req.query());
    const origin = process.env.PUBLIC_URL ?? new URL(c.req.url).origin;
    const result = await new SearchService(c.var.storage).search({
      ...filters,
      sort: sort ?? (filters.q ? 'relevance' : 'name'),
      limit,
      offset,
    });
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
  });
