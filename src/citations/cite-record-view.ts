import { z } from 'zod';
import { dataLicence, licenceLine } from '../archive/data-licence.ts';
import type { Lang } from '../i18n/i18n.ts';
import type { PersonPage } from '../persons/person-page.ts';
import type { SourcePage } from '../sources/source-page.ts';
import { CITE_STYLES } from './cite-styles.ts';
import { type CslItem, cslDate, cslItem, cslNames } from './csl-item.ts';

/** How each kind of source is cited: its CSL item type. */
const TYPES: Record<string, string> = {
  book: 'book',
  article: 'article-journal',
  web: 'webpage',
  interview: 'interview',
  archival: 'manuscript',
  list: 'document',
  document: 'document',
  note: 'document',
};

const today = () => new Date().toISOString().slice(0, 10);

/**
 * A record page of the archive, cited as a page of a database: its title, the archive's name,
 * its permanent address and the day it was read. Its last change is not a publication date, so
 * styles give the day of access instead.
 */
export function pageCitationItem(page: {
  id: string;
  title: string;
  url: string;
  site: string;
  lang: string;
}): CslItem {
  return cslItem({
    id: page.id,
    type: 'webpage',
    title: page.title,
    'container-title': page.site,
    URL: page.url,
    accessed: cslDate(today()),
    language: page.lang,
    license: licenceLine(dataLicence()),
  });
}

/** The style a record page shows its citation in: `?cite=apa`; Chicago unless asked. */
export const citeQuery = z.object({
  cite: z.preprocess((v) => (v === '' ? undefined : v), z.enum(CITE_STYLES).default('chicago')),
});

/** A person's page, cited. */
export function personCitationItem(p: PersonPage, url: string, site: string, lang: Lang): CslItem {
  return pageCitationItem({ id: `fates-person-${p.id}`, title: p.displayName, url, site, lang });
}

/** A source cited for itself, archival units with their archive and place in it. */
export function sourceCitationItem(s: SourcePage): CslItem {
  const type = TYPES[s.kind] ?? 'document';
  return cslItem({
    id: `fates-source-${s.id}`,
    type: s.kind === 'article' && !s.container ? 'article' : type,
    title: s.title,
    author: cslNames(s.authors),
    'container-title': s.container ?? undefined,
    publisher: s.publisher ?? undefined,
    'publisher-place': s.publicationPlace ?? undefined,
    issued: cslDate(s.date),
    accessed: s.url ? cslDate(s.accessed) : undefined,
    URL: s.url ?? undefined,
    language: s.language ?? undefined,
    archive: s.archive ?? undefined,
    archive_location: s.archiveLocation ?? undefined,
    note: s.note ?? undefined,
  });
}
