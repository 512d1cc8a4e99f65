import { Hono } from 'hono';
import { organizationLd } from '../linked-data/record-ld.ts';
import { ldContext, recordResponse } from '../linked-data/respond.ts';
import type { Env } from '../web/env.ts';
import { publicOrigin } from '../web/origin.ts';
import { renderPage } from '../web/render.tsx';
import { parseId } from '../web/validate.ts';
import { OrganizationIndexView, OrganizationPageView } from './organization.views.tsx';
import { getOrganizationPage, listOrganizationSummaries } from './organization-page.ts';

export const organizationRoutes = new Hono<Env>()
  .get('/', async (c) => {
    const orgs = await listOrganizationSummaries(c.var.db, c.var.lang);
    return renderPage(c, <OrganizationIndexView orgs={orgs} lang={c.var.lang} t={c.var.t} />, {
      title: c.var.t.organization.title,
    });
  })
  .get('/:id', async (c) => {
    const o = await getOrganizationPage(c.var.db, parseId(c.req.param('id')), c.var.lang);
    const jsonLd = organizationLd(o, ldContext(c, publicOrigin(c)));
    return recordResponse(c, jsonLd, () =>
      renderPage(c, <OrganizationPageView o={o} lang={c.var.lang} t={c.var.t} />, { title: o.name, jsonLd }),
    );
  });
