import { Hono } from 'hono';
import { z } from 'zod';
import { foldName } from '../search/text/normalize.ts';
import type { Env } from '../web/env.ts';
import { fill } from '../web/i18n/i18n.ts';
import { renderPage } from '../web/render.tsx';
import { parseId, parseQuery } from '../web/validate.ts';
import { PersonMergedError, getPersonPage } from './person-page.ts';
import { listPersonIndex } from './person-index.repository.ts';
import { FATES, PERSON_ROLES } from './person.ts';
import { PersonIndexView } from './person-index.views.tsx';
import { PersonPageView } from './person.views.tsx';

export const PAGE_SIZE = 50;

const blankToUndefined = (v: unknown) => (v === '' ? undefined : v);

export const personIndexQuery = z.object({
  q: z.string().max(200, 'at most 200 characters').optional(),
  fate: z.preprocess(blankToUndefined, z.enum(FATES).optional()),
  role: z.preprocess(blankToUndefined, z.enum(PERSON_ROLES).optional()),
  page: z.preprocess(blankToUndefined, z.coerce.number().int('a whole number').min(1).max(100_000).default(1)),
});

export const personRoutes = new Hono<Env>()
  .get('/', async (c) => {
    const query = parseQuery(personIndexQuery, c.req.query());
    const folded = foldName(query.q ?? '');
    const { total, rows } = await listPersonIndex(c.var.db, {
      folded,
      fate: query.fate,
      role: query.role,
      limit: PAGE_SIZE,
      offset: (query.page - 1) * PAGE_SIZE,
    });
    const t = c.var.t;
    const title = folded ? fill(t.persons.resultsFor, { q: query.q ?? '' }) : t.persons.title;
    return renderPage(
      c,
      <PersonIndexView lang={c.var.lang} t={t} title={title} query={query} total={total} rows={rows} pageSize={PAGE_SIZE} />,
      { title },
    );
  })
  .get('/:id', async (c) => {
    const id = parseId(c.req.param('id'));
    const lang = c.var.lang;
    try {
      const page = await getPersonPage(c.var.db, id, lang);
      const origin = process.env.PUBLIC_URL ?? new URL(c.req.url).origin;
      const url = `${origin}/persons/${id}`;
      return renderPage(c, <PersonPageView p={page} lang={lang} t={c.var.t} url={url} today={new Date().toISOString().slice(0, 10)} />, {
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
      });
    } catch (error) {
      if (error instanceof PersonMergedError) return c.redirect(`/${lang}/persons/${error.targetId}`, 301);
      throw error;
    }
  });
