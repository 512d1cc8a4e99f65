/*
 * What the open-data formats cost on a given archive, in-process: record pages with their citation,
 * the record API, GEDCOM, the CSV exports, OAI-PMH pages and sitemap slices.
 *
 *   npx tsx bench/open-data.ts --db var/bench.sqlite [--pages 200]
 *
 * Each line gives p50 / p95 / max in ms (or the time of one export) and the bytes sent.
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openStorage } from '../src/db/connection.ts';
import { createApp } from '../src/web/app.tsx';
import { percentile } from './percentile.ts';

const { values } = parseArgs({
  options: { db: { type: 'string' }, pages: { type: 'string', default: '200' } },
});
if (!values.db) throw new Error('--db FILE or URL is needed');
const storage = await openStorage(values.db);
const app = createApp(storage);
const count = Number(values.pages);

const ids = async (table: string, where = sql`1 = 1`) =>
  (
    await sql<{
      id: number;
    }>`SELECT id FROM ${sql.table(table)} WHERE ${where} ORDER BY random() LIMIT ${count}`.execute(storage.db)
  ).rows.map((r) => r.id);

async function fetchAll(path: string) {
  const t0 = performance.now();
  const res = await app.request(path);
  const body = new Uint8Array(await res.arrayBuffer());
  if (res.status !== 200) throw new Error(`${path}: ${res.status}`);
  return { ms: performance.now() - t0, bytes: body.length };
}

async function measure(label: string, paths: string[]) {
  const times: number[] = [];
  let bytes = 0;
  for (const p of paths) {
    const r = await fetchAll(p);
    times.push(r.ms);
    bytes += r.bytes;
  }
  const at = (q: number) => (times.length ? percentile(times, q).toFixed(1) : undefined);
  console.log(
    `${label}: p50 ${at(0.5)} / p95 ${at(0.95)} / max ${at(1)} ms, ${Math.round(bytes / paths.length)} bytes each`,
  );
}

async function once(label: string, path: string) {
  const r = await fetchAll(path);
  console.log(`${label}: ${r.ms.toFixed(0)} ms, ${r.bytes} bytes`);
}

const persons = await ids('persons', sql`status = 'published' AND merged_into IS NULL`);
for (const id of persons.slice(0, 10)) await fetchAll(`/en/persons/${id}`);
await measure(
  'person page (citation rendered)',
  persons.map((id) => `/en/persons/${id}`),
);
await measure(
  'person page again (citation kept)',
  persons.map((id) => `/en/persons/${id}`),
);
await measure(
  'person page, APA',
  persons.map((id) => `/en/persons/${id}?cite=apa`),
);
await measure(
  'person JSON',
  persons.map((id) => `/api/v1/persons/${id}`),
);
await measure(
  'person GEDCOM',
  persons.map((id) => `/api/v1/persons/${id}/gedcom`),
);
await measure(
  'person BibTeX',
  persons.map((id) => `/api/v1/persons/${id}/citation?format=bibtex`),
);
await once('CSV of every person (first 10,100 by name)', '/api/v1/persons?format=csv');
await once('CSV of a filtered search', '/api/v1/persons?format=csv&fate=shot_in_ussr');
const list = (
  await sql<{
    id: number;
  }>`SELECT source_id AS id FROM list_rows GROUP BY source_id ORDER BY count(*) DESC LIMIT 1`.execute(storage.db)
).rows[0];
if (list) await once(`CSV of the longest list (source ${list.id})`, `/api/v1/lists/${list.id}/rows?format=csv`);
await once('OAI-PMH ListRecords, first page', '/oai?verb=ListRecords&metadataPrefix=oai_dc');
await once('OAI-PMH ListIdentifiers, first page', '/oai?verb=ListIdentifiers&metadataPrefix=oai_dc');
await once('sitemap.xml', '/sitemap.xml');
await once('sitemap of persons 1–50,000', '/sitemaps/persons-1.xml');
console.log(`peak RSS ${Math.round((process.resourceUsage().maxRSS * 1024) / 2 ** 20)} MiB`);
await storage.close();
