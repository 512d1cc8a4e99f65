import { Hono } from 'hono';
import { z } from 'zod';
import { searchFiltersSchema } from '../search/names/person-search.schema.ts';
import { SearchService } from '../search/names/person-search.service.ts';
import { snippetParts } from '../search/texts/text-index.ts';
import { textQuery } from '../search/texts/text-search.routes.tsx';
import { searchTexts } from '../search/texts/text-search.service.ts';
import type { Env } from '../web/env.ts';
import { parseQuery } from '../web/validate.ts';
import { openApiDocument } from './openapi.ts';

export const MAX_LIMIT = 100;

export const apiPersonsQuery = searchFiltersSchema.extend({
  // Larger limits are capped rather than refused, so a client asking for "all" still gets a page.
  limit: z
    .preprocess(
      (v) => (v === '' ? undefined : v),
      z.coerce.number().int('a whole number').min(1, 'at least 1').default(20),
    )
    .transform((n) => Math.min(n, MAX_LIMIT)),
  offset: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce.number().int('a whole number').min(0, 'not negative').max(10_000, 'at most 10000').default(0),
  ),
});

export const apiRoutes = new Hono<Env>()
  .get('/openapi.json', (c) => c.json(openApiDocument()))
  .get('/texts', async (c) => {
    const { q } = parseQuery(textQuery, c.req.query());
    const { total, results } = await searchTexts(c.var.storage, q, 50);
    return c.json({
      total,
      results: results.map((r) => ({
        ...r,
        snippet: snippetParts(r.snippet)
          .map((p) => (p.matched ? `[${p.text}]` : p.text))
          .join(''),
      })),
    });
  })
  .get('/persons', async (c) => {
    const { limit, offset, sort, ...filters } = parseQuery(apiPersonsQuery, c.req.query());
    const origin = process.env.PUBLIC_URL ?? new URL(c.req.url).origin;
    const result = await new SearchService(c.var.storage).search({
      ...filters,
      sort: sort ?? (filters.q ? 'relevance' : 'name'),
      limit,
      offset,
    });
    return c.json({
      total: result.total,
      totalIsLowerBound: result.totalIsLowerBound,
      limit,
      offset,
      results: result.results.map((r) => ({
        id: r.id,
        url: `${origin}/persons/${r.id}`,
        name: r.name,
        sortName: r.sortName,
        fate: r.fate,
        matched: r.matched ? { name: r.matched.name, how: r.matched.how } : null,
      })),
      facets: result.facets,
      facetBase: result.facetBase,
    });
  });
