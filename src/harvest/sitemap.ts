import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import type { Db } from '../db/connection.ts';
import { listMainEventsInRange } from '../events/event.repository.ts';
import { LANGS } from '../i18n/i18n.ts';
import { listPublishedPersonsInRange } from '../persons/person-index.repository.ts';
import { listPublicRowsInRange, maxId, type RecordTable } from './harvest.repository.ts';
import { xmlDocument } from './xml.ts';

/*
 * The sitemap (https://www.sitemaps.org/protocol.html): every public page, in the first language
 * with the other languages as alternates. A sitemap holds at most 50,000 addresses, so a larger
 * archive gets a sitemap index whose sitemaps each cover a range of ids of one record type.
 */

export const URLS_PER_SITEMAP = 50_000;
export const RECORD_KINDS: readonly RecordTable[] = ['persons', 'events', 'places', 'organizations', 'sources'];
const PAGES = ['/', '/persons', '/places', '/organizations', '/sources', '/about'];

const SITEMAP = 'http://www.sitemaps.org/schemas/sitemap/0.9';
const XHTML = 'http://www.w3.org/1999/xhtml';

function rowsInRange(db: Db, kind: RecordTable, range: { first: number; last: number }) {
  if (kind === 'persons') return listPublishedPersonsInRange(db, range);
  if (kind === 'events') return listMainEventsInRange(db, range);
  return listPublicRowsInRange(db, kind, range);
}

async function urlset(): Promise<XMLBuilder> {
  return (await xmlDocument()).ele(SITEMAP, 'urlset', { 'xmlns:xhtml': XHTML });
}

function addUrl(set: XMLBuilder, origin: string, path: string, lastmod?: string) {
  const url = set.ele('url');
  url.ele('loc').txt(`${origin}/${LANGS[0]}${path}`);
  if (lastmod) url.ele('lastmod').txt(lastmod.slice(0, 10));
  for (const lang of LANGS)
    url.ele(XHTML, 'xhtml:link', { rel: 'alternate', hreflang: lang, href: `${origin}/${lang}${path}` });
}

async function addRecords(
  set: XMLBuilder,
  db: Db,
  origin: string,
  kind: RecordTable,
  range: { first: number; last: number },
) {
  for (const row of await rowsInRange(db, kind, range)) addUrl(set, origin, `/${kind}/${row.id}`, row.updated_at);
}

/** How many sitemaps of `perFile` ids each every record type needs, from its highest id. */
async function slices(db: Db, perFile: number): Promise<{ kind: RecordTable; last: number; count: number }[]> {
  return Promise.all(
    RECORD_KINDS.map(async (kind) => {
      const last = await maxId(db, kind);
      return { kind, last, count: Math.ceil(last / perFile) };
    }),
  );
}

/**
 * `/sitemap.xml`: every page in one sitemap while the archive's ids stay under the limit of one,
 * otherwise an index of the pages' sitemap and one sitemap per range of ids.
 */
export async function sitemapRoot(db: Db, origin: string, perFile = URLS_PER_SITEMAP): Promise<string> {
  const parts = await slices(db, perFile);
  // The highest ids bound how many records there are: ids are never reused.
  const upperBound = PAGES.length + parts.reduce((n, p) => n + p.last, 0);
  if (upperBound <= perFile) {
    const set = await urlset();
    for (const page of PAGES) addUrl(set, origin, page);
    for (const { kind, count } of parts)
      if (count) await addRecords(set, db, origin, kind, { first: 1, last: perFile });
    return set.end({ prettyPrint: true });
  }
  const index = (await xmlDocument()).ele(SITEMAP, 'sitemapindex');
  index.ele('sitemap').ele('loc').txt(`${origin}/sitemaps/pages.xml`);
  for (const { kind, count } of parts) {
    for (let n = 1; n <= count; n++) index.ele('sitemap').ele('loc').txt(`${origin}/sitemaps/${kind}-${n}.xml`);
  }
  return index.end({ prettyPrint: true });
}

/** One sitemap of the index: `pages`, or the n-th range of ids of a record type; null for none. */
export async function sitemapFile(
  db: Db,
  origin: string,
  name: string,
  perFile = URLS_PER_SITEMAP,
): Promise<string | null> {
  const set = await urlset();
  if (name === 'pages') {
    for (const page of PAGES) addUrl(set, origin, page);
    return set.end({ prettyPrint: true });
  }
  const m = /^(persons|events|places|organizations|sources)-([1-9]\d{0,8})$/.exec(name);
  if (!m) return null;
  const kind = m[1] as RecordTable;
  const n = Number(m[2]);
  const count = Math.ceil((await maxId(db, kind)) / perFile);
  if (n > count) return null;
  await addRecords(set, db, origin, kind, { first: (n - 1) * perFile + 1, last: n * perFile });
  return set.end({ prettyPrint: true });
}

/** robots.txt: crawlers read the pages, not the endless combinations of search filters. */
export function robotsTxt(origin: string): string {
  return [
    'User-agent: *',
    'Disallow: /api/',
    'Disallow: /oai',
    'Disallow: /*/search',
    'Disallow: /*/persons?',
    'Disallow: /*?cite=',
    '',
    `Sitemap: ${origin}/sitemap.xml`,
    '',
  ].join('\n');
}
