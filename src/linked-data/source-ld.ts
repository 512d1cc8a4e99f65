import type { CreativeWork, Dataset, Graph, Person } from 'schema-dts';
import { dataLicence } from '../archive/data-licence.ts';
import type { SourcePage } from '../sources/source-page.ts';
import { compact, datasetUri, isoDate, type LdContext, recordGraph, recordUri } from './ld-values.ts';

/** Authors as stored, "Surname, Given; Surname, Given", as schema.org persons. */
export function authorsOf(authors: string | null): Person[] {
  return (authors ?? '')
    .split(';')
    .map((a) => a.trim())
    .filter(Boolean)
    .map((a) => {
      const [family, given] = a.split(',').map((s) => s.trim());
      return compact({
        '@type': 'Person' as const,
        name: given ? `${given} ${family}` : a,
        familyName: given ? family : undefined,
        givenName: given || undefined,
      });
    });
}

const TYPES: Record<string, 'Book' | 'Article' | 'WebPage' | 'ArchiveComponent' | 'CreativeWork'> = {
  book: 'Book',
  article: 'Article',
  web: 'WebPage',
  archival: 'ArchiveComponent',
  list: 'ArchiveComponent',
  document: 'ArchiveComponent',
};

/**
 * A source: a book, article or web page as a creative work, an archival unit, list or document
 * as an archive component with the archive holding it and its place there.
 */
export function sourceLd(s: SourcePage, ctx: LdContext): Graph {
  const type = TYPES[s.kind] ?? 'CreativeWork';
  const archival = type === 'ArchiveComponent';
  const work = compact({
    '@type': type,
    '@id': `${recordUri(ctx, 'sources', s.id)}#source`,
    url: recordUri(ctx, 'sources', s.id),
    name: s.title,
    author: authorsOf(s.authors),
    datePublished: isoDate(s.date),
    publisher: s.publisher ? { '@type': 'Organization' as const, name: s.publisher } : undefined,
    locationCreated: s.publicationPlace ? { '@type': 'Place' as const, name: s.publicationPlace } : undefined,
    isPartOf: s.parentId
      ? { '@id': `${recordUri(ctx, 'sources', s.parentId)}#source` }
      : s.container
        ? { '@type': 'CreativeWork' as const, name: s.container }
        : undefined,
    inLanguage: s.language ?? undefined,
    sameAs: s.url ?? undefined,
    description: s.note ?? undefined,
    ...(archival
      ? {
          holdingArchive: s.archive ? { '@type': 'ArchiveOrganization' as const, name: s.archive } : undefined,
          itemLocation: s.archiveLocation ?? undefined,
        }
      : {}),
  }) as CreativeWork;
  return recordGraph(ctx, recordUri(ctx, 'sources', s.id), work, s.updatedAt);
}

/** The whole archive as a dataset: what it covers, under which licence, and where to get it. */
export function datasetLd(
  ctx: LdContext,
  about: { name: string; description: string },
): Dataset & { '@context': string } {
  const licence = dataLicence();
  const download = (name: string, encodingFormat: string, contentUrl: string) => ({
    '@type': 'DataDownload' as const,
    name,
    encodingFormat,
    contentUrl: `${ctx.origin}${contentUrl}`,
  });
  return {
    '@context': 'https://schema.org',
    '@type': 'Dataset',
    '@id': datasetUri(ctx),
    url: `${ctx.origin}/`,
    name: about.name,
    description: about.description,
    license: licence.url ?? licence.name,
    isAccessibleForFree: true,
    inLanguage: ['en', 'de', 'ru'],
    temporalCoverage: '1918/1991',
    keywords: ['NKVD', 'Gestapo', 'emigrants', 'Soviet Union', 'Great Terror', 'political repression'],
    distribution: [
      download('API (OpenAPI 3.1)', 'application/json', '/api/v1/openapi.json'),
      download('Persons as CSV', 'text/csv', '/api/v1/persons?format=csv'),
      download('OAI-PMH (Dublin Core)', 'application/xml', '/oai?verb=Identify'),
      download('Sitemap', 'application/xml', '/sitemap.xml'),
    ],
  };
}
