import { type Context, Hono } from 'hono';
import type { z } from 'zod';
import { NotFoundError } from '../errors.ts';
import { EventVariantError, getEventPage } from '../events/event-page.ts';
import { getOrganizationPage, listOrganizationSummaries } from '../organizations/organization-page.ts';
import { getPersonPage } from '../persons/person-page.ts';
import { getPlacePage, listPlaceSummaries } from '../places/place-page.ts';
import { countRowsOfSource, listRowPage } from '../sources/source.repository.ts';
import { getSourcePage, listRowViewsOf, listSourceViews } from '../sources/source-page.ts';
import type { Env } from '../web/env.ts';
import { publicOrigin } from '../web/origin.ts';
import { parseId, parseQuery } from '../web/validate.ts';
import { listRowsCsv } from './list-csv.ts';
import {
  langQuery,
  listRowsQuery,
  type listRowsResponse,
  pageQuery,
  sourcesQuery,
  type sourcesResponse,
} from './records.schemas.ts';
import { eventRecordBody, organizationBody, personBody, placeBody, sourceBody, sourceSummaryBody } from './records.ts';

/** One page of an in-memory list, in the shape every paged answer has. */
function paged<T>(all: T[], { limit, offset }: { limit: number; offset: number }) {
  return { total: all.length, limit, offset, results: all.slice(offset, offset + limit) };
}

const isList = (kind: string, columns: unknown[]) => kind === 'list' || columns.length > 0;

/** Sources of one kind (or all), each with its page address. */
async function sourceIndex(c: Context<Env>, kind: string | undefined) {
  const origin = publicOrigin(c);
  return (await listSourceViews(c.var.db))
    .filter((s) => !kind || s.kind === kind)
    .map((s) => ({ ...sourceSummaryBody(s), url: `${origin}/sources/${s.id}` }));
}

/** Reads of single records and of the indexes of places, organizations, sources, lists, documents. */
export const recordRoutes = new Hono<Env>()
  .get('/persons/:id', async (c) => {
    const id = parseId(c.req.param('id'));
    const { lang } = parseQuery(langQuery, c.req.query());
    return c.json(personBody(await getPersonPage(c.var.db, id, lang), `${publicOrigin(c)}/persons/${id}`));
  })
  .get('/events/:id', async (c) => {
    const id = parseId(c.req.param('id'));
    const { lang } = parseQuery(langQuery, c.req.query());
    try {
      const page = await getEventPage(c.var.db, id, lang);
      return c.json(eventRecordBody(page.event, page.sources, `${publicOrigin(c)}/events/${id}`));
    } catch (error) {
      // Another source's account of an event is part of the main event's record.
      if (error instanceof EventVariantError) return c.redirect(`/api/v1/events/${error.mainId}`, 301);
      throw error;
    }
  })
  .get('/places', async (c) => {
    const query = parseQuery(pageQuery, c.req.query());
    const origin = publicOrigin(c);
    const all = (await listPlaceSummaries(c.var.db, query.lang)).map((p) => ({
      ...p,
      url: `${origin}/places/${p.id}`,
    }));
    return c.json(paged(all, query));
  })
  .get('/places/:id', async (c) => {
    const id = parseId(c.req.param('id'));
    const { lang } = parseQuery(langQuery, c.req.query());
    return c.json(placeBody(await getPlacePage(c.var.db, id, lang), `${publicOrigin(c)}/places/${id}`));
  })
  .get('/organizations', async (c) => {
    const query = parseQuery(pageQuery, c.req.query());
    const origin = publicOrigin(c);
    const all = (await listOrganizationSummaries(c.var.db, query.lang)).map((o) => ({
      ...o,
      url: `${origin}/organizations/${o.id}`,
    }));
    return c.json(paged(all, query));
  })
  .get('/organizations/:id', async (c) => {
    const id = parseId(c.req.param('id'));
    const { lang } = parseQuery(langQuery, c.req.query());
    const page = await getOrganizationPage(c.var.db, id, lang);
    return c.json(organizationBody(page, `${publicOrigin(c)}/organizations/${id}`));
  })
  .get('/sources', async (c) => {
    const { kind, ...query } = parseQuery(sourcesQuery, c.req.query());
    const body: z.infer<typeof sourcesResponse> = paged(await sourceIndex(c, kind), query);
    return c.json(body);
  })
  .get('/sources/:id', async (c) => {
    const id = parseId(c.req.param('id'));
    const page = await getSourcePage(c.var.db, id, { rows: false });
    return c.json(sourceBody(page, `${publicOrigin(c)}/sources/${id}`));
  })
  .get('/lists', async (c) => {
    return c.json(paged(await sourceIndex(c, 'list'), parseQuery(pageQuery, c.req.query())));
  })
  .get('/lists/:id', async (c) => {
    const id = parseId(c.req.param('id'));
    const page = await getSourcePage(c.var.db, id, { rows: false });
    if (!isList(page.kind, page.columns)) throw new NotFoundError(`source ${id} is not a list`);
    return c.json(sourceBody(page, `${publicOrigin(c)}/sources/${id}`));
  })
  .get('/lists/:id/rows', async (c) => {
    const id = parseId(c.req.param('id'));
    const query = parseQuery(listRowsQuery, c.req.query());
    const page = await getSourcePage(c.var.db, id, { rows: false });
    if (!isList(page.kind, page.columns)) throw new NotFoundError(`source ${id} is not a list`);
    if (query.format === 'csv') return listRowsCsv(c, page, query.bom === '1' || query.bom === 'true');
    const [rows, total] = await Promise.all([listRowPage(c.var.db, id, query), countRowsOfSource(c.var.db, id)]);
    const body: z.infer<typeof listRowsResponse> = {
      list: id,
      columns: page.columns,
      total,
      limit: query.limit,
      offset: query.offset,
      results: (await listRowViewsOf(c.var.db, rows)).map((r) => ({
        position: r.position,
        folio: r.folio,
        cells: r.cells,
        // The first person the row names, for readers of one person per row; links has them all.
        person: r.persons[0] ? { id: r.persons[0].id, name: r.persons[0].name } : null,
        status: r.persons[0]?.status ?? null,
        links: r.persons.map((p) => ({
          person: p.id,
          name: p.name,
          status: p.status as 'suggested' | 'confirmed',
          weight: p.weight,
        })),
        note: r.note,
      })),
    };
    return c.json(body);
  })
  .get('/documents', async (c) => {
    return c.json(paged(await sourceIndex(c, 'document'), parseQuery(pageQuery, c.req.query())));
  })
  .get('/documents/:id', async (c) => {
    const id = parseId(c.req.param('id'));
    const page = await getSourcePage(c.var.db, id, { rows: false });
    if (page.kind !== 'document') throw new NotFoundError(`source ${id} is not a document`);
    return c.json(sourceBody(page, `${publicOrigin(c)}/sources/${id}`));
  });
