import { Hono } from 'hono';
import { z } from 'zod';
import { searchFiltersSchema } from '../search/search.schema.ts';
import { SearchInputError, SearchService } from '../search/search.service.ts';
import type { Env } from '../web/env.ts';
import { BadRequestError } from '../web/errors.ts';
import { fill } from '../web/i18n/i18n.ts';
import { renderPage } from '../web/render.tsx';
import { parseId, parseQuery } from '../web/validate.ts';
import { PersonPageView } from './person.views.tsx';
import { PersonIndexView } from './person-index.views.tsx';
import { getPersonPage, PersonMergedError } from './person-page.ts';

export const PAGE_SIZE = 50;

export const personIndexQuery = searchFiltersSchema.extend({
  page: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.coerce.number().int('a whole number').min(1).max(200).default(1),
  ),
});

export const personRoutes = new Hono<Env>()
  .get('/', async (c) => {
    const query = parseQuery(personIndexQuery, c.req.query());
    const { page, sort, ...filters } = query;
    const service = new SearchService(c.var.storage);
    const result = await service
      .search({
        ...filters,
        sort: sort ?? (filters.q ? 'relevance' : 'name'),
        limit: PAGE_SIZE,
        offset: (page - 1) * PAGE_SIZE,
      })
      .catch((error: unknown) => {
        if (error instanceof SearchInputError) throw new BadRequestError(error.message);
        throw error;
      });
    const t = c.var.t;
    const title = filters.q ? fill(t.persons.resultsFor, { q: filters.q }) : t.persons.title;
    return renderPage(
      c,
      <PersonIndexView lang={c.var.lang} t={t} title={title} query={query} result={result} pageSize={PAGE_SIZE} />,
      {
        title,
      },
    );
  })
  .get('/:id', async (c) => {
    const id = parseId(c.req.param('id'));
    const lang = c.var.lang;
    try {
      const page = await getPersonPage(c.var.db, id, lang);
      const origin = process.env.PUBLIC_URL ?? new URL(c.req.url).origin;
      const url = `${origin}/persons/${id}`;
      return renderPage(
        c,
        <PersonPageView p={page} lang={lang} t={c.var.t} url={url} today={new Date().toISOString().slice(0, 10)} />,
        {
          title: page.displayName,
          description: page.biography ?? undefined,
          jsonLd: {
            '@context': 'https://schema.org',
            '@type': 'Person',
            '@id': url,
            url,
            name: page.displayName,
            alternateName: [...new Set(page.names.map((n) => n.full))].filter((n) => n !== page.displayName),
            description: page.biography ?? undefined,
          },
        },
      );
    } catch (error) {
      if (error instanceof PersonMergedError) return c.redirect(`/${lang}/persons/${error.targetId}`, 301);
      throw error;
    }
  });
