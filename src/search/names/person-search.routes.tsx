import { Hono } from 'hono';
import { z } from 'zod';
import { fill } from '../../i18n/i18n.ts';
import type { Env } from '../../web/env.ts';
import { renderPage } from '../../web/render.tsx';
import { parseQuery } from '../../web/validate.ts';
import { searchFiltersSchema } from './person-search.schema.ts';
import { PersonIndexView } from './person-search.views.tsx';
import { searchPersons } from './search-thread.ts';

export const PAGE_SIZE = 50;

export const personIndexQuery = searchFiltersSchema.extend({
  page: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce.number().int('a whole number').min(1).max(200).default(1),
  ),
});

/** The person index: every published person by name, or the matches of a search with its facets. */
export const personSearchRoutes = new Hono<Env>().get('/', async (c) => {
  const query = parseQuery(personIndexQuery, c.req.query());
  const { page, sort, ...filters } = query;
  const result = await searchPersons(c.var.storage, {
    ...filters,
    sort: sort ?? (filters.q ? 'relevance' : 'name'),
    lang: c.var.lang,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  const t = c.var.t;
  const title = filters.q ? fill(t.persons.resultsFor, { q: filters.q }) : t.persons.title;
  return renderPage(
    c,
    <PersonIndexView lang={c.var.lang} t={t} title={title} query={query} result={result} pageSize={PAGE_SIZE} />,
    { title },
  );
});
