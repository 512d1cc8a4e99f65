import type { Db } from '../db/connection.ts';
import { listMainEventsInRange } from '../events/event.repository.ts';
import { LANGS } from '../i18n/i18n.ts';
import { listPublishedPersonsInRange } from '../persons/person-index.repository.ts';
import { listPublicRowsInRange, maxId, type RecordTable } from './harvest.repository.ts';

/*
 * The sitemap (https://www.sitemaps.org/protocol.html): every public page, in the first language
 * with the other languages as alternates. A sitemap holds at most 50,000 addresses, so a larger
 * archive gets a sitemap index whose sitemaps each cover a range of ids of one record type.
 * Sitemaps are written as text while the rows are read, in batches: a document tree of 50,000
 * addresses held hundreds of megabytes.
 */

export const URLS_PER_SITEMAP = 50_000;
export const RECORD_KINDS: readonly RecordTable[] = ['persons', 'events', 'places', 'organizations', 'sources'];
const PAGES = ['/', '/persons', '/places', '/organizations', '/sources', '/about'];
const BATCH = 5_000;

const HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n';
const URLSET = `${HEAD}<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n`;
const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
const xml = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

function rowsInRange(db: Db, kind: RecordTable, range: { first: number; last: number }) {
  if (kind === 'persons') return listPublishedPersonsInRange(db, range);
  if (kind === 'events') return listMainEventsInRange(db, range);
  return listPublicRowsInRange(db, kind, range);
}

function url(origin: string, path: string, lastmod?: string): string {
  const links = LANGS.map(
    (l) => `<xhtml:link rel="alternate" hreflang="${l}" href="${xml(`${origin}/${l}${path}`)}"/>`,
  );
  const modified = lastmod ? `<lastmod>${lastmod.slice(0, 10)}</lastmod>` : '';
  return `<url><loc>${xml(`${origin}/${LANGS[0]}${path}`)}</loc>${modified}${links.join('')}</url>\n`;
}

async function* records(db: Db, origin: string, kind: RecordTable, range: { first: number; last: number }) {
  for (let first = range.first; first <= range.last; first += BATCH) {
    const rows = await rowsInRange(db, kind, { first, last: Math.min(range.last, first + BATCH - 1) });
    if (rows.length) yield rows.map((r) => url(origin, `/${kind}/${r.id}`, r.updated_at)).join('');
  }
}

/** How many sitemaps of `perFile` ids each record type needs, from its highest id. */
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
export async function* sitemapRoot(db: Db, origin: string, perFile = URLS_PER_SITEMAP): AsyncGenerator<string> {
  const parts = await slices(db, perFile);
  // The highest ids bound how many records there are: ids are never reused.
  if (PAGES.length + parts.reduce((n, p) => n + p.last, 0) <= perFile) {
    yield URLSET + PAGES.map((page) => url(origin, page)).join('');
    for (const { kind, last } of parts) yield* records(db, origin, kind, { first: 1, last });
    yield '</urlset>\n';
    return;
  }
  const files = [
    'pages',
    ...parts.flatMap(({ kind, count }) => Array.from({ length: count }, (_, i) => `${kind}-${i + 1}`)),
  ];
  yield `${HEAD}<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n`;
  yield files.map((f) => `<sitemap><loc>${xml(`${origin}/sitemaps/${f}.xml`)}</loc></sitemap>\n`).join('');
  yield '</sitemapindex>\n';
}

/** One sitemap of the index: `pages`, or the n-th range of ids of a record type; null for none. */
export async function sitemapFile(
  db: Db,
  origin: string,
  name: string,
  perFile = URLS_PER_SITEMAP,
): Promise<AsyncGenerator<string> | null> {
  if (name === 'pages')
    return (async function* () {
      yield `${URLSET}${PAGES.map((p) => url(origin, p)).join('')}</urlset>\n`;
    })();
  const m = /^(persons|events|places|organizations|sources)-([1-9]\d{0,8})$/.exec(name);
  if (!m) return null;
  const kind = m[1] as RecordTable;
  const n = Number(m[2]);
  if (n > Math.ceil((await maxId(db, kind)) / perFile)) return null;
  return (async function* () {
    yield URLSET;
    yield* records(db, origin, kind, { first: (n - 1) * perFile + 1, last: n * perFile });
    yield '</urlset>\n';
  })();
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
