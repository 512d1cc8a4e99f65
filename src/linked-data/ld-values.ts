import type { Graph, Thing } from 'schema-dts';
import { dataLicence } from '../archive/data-licence.ts';

/** What every linked-data description needs to know: where the archive lives. */
export interface LdContext {
  origin: string;
  lang: string;
}

/** A record's identifier: its permanent, language-neutral address. */
export const recordUri = (ctx: LdContext, kind: string, id: number) => `${ctx.origin}/${kind}/${id}`;

/** The archive as a dataset, which every record page is part of. */
export const datasetUri = (ctx: LdContext) => `${ctx.origin}/#dataset`;

/**
 * An EDTF date as schema.org's Date (ISO 8601) when it is one: a day, a month or a year without
 * qualifiers. Approximate, uncertain and unspecified dates have no ISO form and are left out.
 */
export function isoDate(edtf: string | null | undefined): string | undefined {
  return edtf && /^\d{4}(-\d{2}(-\d{2})?)?$/.test(edtf) ? edtf : undefined;
}

/** Start and end of an EDTF interval (`1938/1940`), each when it is an ISO date. */
export function isoSpan(edtf: string | null | undefined): { start?: string; end?: string } {
  if (!edtf) return {};
  const [start, end] = edtf.split('/');
  return end === undefined ? { start: isoDate(start) } : { start: isoDate(start), end: isoDate(end) };
}

/** Authority files' addresses for the ids a record has: Wikidata, GND, GeoNames. */
export function sameAs(ids: { wikidata?: string | null; gnd?: string | null; geonames?: string | null }) {
  const links = [
    ids.wikidata && `http://www.wikidata.org/entity/${ids.wikidata}`,
    ids.gnd && `https://d-nb.info/gnd/${ids.gnd}`,
    ids.geonames && `https://sws.geonames.org/${ids.geonames}/`,
  ].filter((l): l is string => Boolean(l));
  return links.length ? links : undefined;
}

/** Removes empty values, so that the JSON-LD states only what is known. */
export function compact<T extends object>(value: T): T {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== undefined && v !== null && !(Array.isArray(v) && v.length === 0)),
  ) as T;
}

/**
 * A record's JSON-LD: the record itself and the page describing it, which carries the licence,
 * the last change and the archive it belongs to.
 */
export function recordGraph(ctx: LdContext, pageUri: string, record: Thing, dateModified?: string): Graph {
  const licence = dataLicence();
  return {
    '@context': 'https://schema.org',
    '@graph': [
      compact({
        '@type': 'ItemPage',
        '@id': pageUri,
        url: pageUri,
        about: { '@id': (record as { '@id'?: string })['@id'] ?? pageUri },
        license: licence.url ?? licence.name,
        dateModified: dateModified?.slice(0, 10),
        inLanguage: ctx.lang,
        isPartOf: { '@id': datasetUri(ctx) },
      }),
      record,
    ],
  } as Graph;
}
