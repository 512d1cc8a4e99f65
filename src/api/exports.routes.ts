import { type Context, Hono } from 'hono';
import { licenceLinkHeader } from '../archive/data-licence.ts';
import { CITATION_FORMATS, type CitationFormat, formatCitation } from '../citations/citation-formats.ts';
import { personCitationItem, sourceCitationItem } from '../citations/cite-record-view.ts';
import type { CslItem } from '../citations/csl-item.ts';
import { GEDCOM_TYPE, personGedcom } from '../exports/gedcom-export.ts';
import { messages } from '../i18n/i18n.ts';
import { getPersonPage } from '../persons/person-page.ts';
import { getSourcePage } from '../sources/source-page.ts';
import type { Env } from '../web/env.ts';
import { publicOrigin } from '../web/origin.ts';
import { parseId, parseQuery } from '../web/validate.ts';
import { citationQuery, gedcomQuery } from './exports.schemas.ts';

/** A citation as a file to save, named after the record. */
async function citationFile(c: Context<Env>, item: CslItem, format: CitationFormat, name: string) {
  const { type, extension } = CITATION_FORMATS[format];
  return c.body(await formatCitation([item], format), 200, {
    'content-type': `${type}; charset=utf-8`,
    'content-disposition': `attachment; filename="${name}.${extension}"`,
    ...licenceLinkHeader(),
  });
}

/** Downloads of records in the formats other programs read: citations, family trees. */
export const exportRoutes = new Hono<Env>()
  .get('/persons/:id/citation', async (c) => {
    const id = parseId(c.req.param('id'));
    const { lang, format } = parseQuery(citationQuery, c.req.query());
    const page = await getPersonPage(c.var.db, id, lang);
    const item = personCitationItem(page, `${publicOrigin(c)}/persons/${id}`, messages(lang).site.name, lang);
    return citationFile(c, item, format, `fates-person-${id}`);
  })
  .get('/persons/:id/gedcom', async (c) => {
    const id = parseId(c.req.param('id'));
    const { lang } = parseQuery(gedcomQuery, c.req.query());
    const file = await personGedcom(c.var.db, id, { origin: publicOrigin(c), lang, today: new Date() });
    return c.body(file, 200, {
      'content-type': `${GEDCOM_TYPE}; charset=utf-8`,
      'content-disposition': `attachment; filename="fates-person-${id}.ged"`,
      ...licenceLinkHeader(),
    });
  })
  .get('/sources/:id/citation', async (c) => {
    const id = parseId(c.req.param('id'));
    const { format } = parseQuery(citationQuery, c.req.query());
    const item = sourceCitationItem(await getSourcePage(c.var.db, id, { rows: false }));
    return citationFile(c, item, format, `fates-source-${id}`);
  });
