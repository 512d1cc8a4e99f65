// Performance benchmark (not part of npm test). For each population size: generate the synthetic
// persons into a fresh database, index them, then measure search latency per query class
// in-process and over HTTP with 16 concurrent clients, person-page latency, throughput, peak RSS
// and how much of the search time is spent in the SQL it runs.
//
//   npm run bench                                  # 1,000,000 and 5,000,000 persons, SQLite
//   npm run bench -- --sizes 200000 --queries 100  # a quick run
//   DATABASE_URL=postgres://… npm run bench         # the same on PostgreSQL (database is emptied)
//   npm run bench -- --sizes 1000000 --keep         # keep the database; --reuse measures it again
//   npm run bench -- --report                       # only write the Markdown again from the JSON
//   npm run bench -- --sizes 5000000 --generate-only   # only generate and keep; --reuse indexes and measures
//   npm run bench -- --sizes 5000000 --reuse --build-only  # index what is not indexed yet, measure later
//
// Search and person pages are served over HTTP by a real `fates serve --workers N` (N = --workers,
// one per core by default), whose processes' peak RSS is read from /proc.

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openStorage, type Storage } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { runGenerate } from '../src/generate/generate.command.ts';
import { countListedPersons } from '../src/persons/person-index.repository.ts';
import { loadSampleAndIndex } from '../src/sample/sample-loader.ts';
import { rebuildIndexes } from '../src/search/index/index-drain.ts';
import { implicationsComplete } from '../src/search/index/key-implication.repository.ts';
import { searchIndexFor } from '../src/search/index/search-index-for.ts';
import { type SearchParams, SearchService } from '../src/search/names/person-search.service.ts';
import { createApp } from '../src/web/app.tsx';
import { loadTest, searchUrl, startServer } from './http-load.ts';
import { percentile } from './percentile.ts';
import { buildQuerySets, type QueryClass } from './query-sets.ts';
import { timeQueries } from './query-timing.ts';
import { measureViews } from './views-bench.tsx';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000000,5000000' },
    queries: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '20' },
    seed: { type: 'string', default: '7' },
    keep: { type: 'boolean', default: false },
    reuse: { type: 'boolean', default: false },
    workers: { type: 'string', default: String(os.availableParallelism()) },
    report: { type: 'boolean', default: false },
    'generate-only': { type: 'boolean', default: false },
    'build-only': { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/results' },
  },
});

const engine = process.env.DATABASE_URL ? 'postgres' : 'sqlite';
const sqlMillis = { total: 0 };

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 100) / 100;
  return {
    n: s.length,
    p50: r(percentile(s, 0.5)),
    p95: r(percentile(s, 0.95)),
    p99: r(percentile(s, 0.99)),
    max: r(s.at(-1) ?? 0),
  };
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

async function openMeasured(target: string): Promise<Storage> {
  return timeQueries(await openStorage(target), (ms) => {
    sqlMillis.total += ms;
  });
}

interface Prepared {
  target: string;
  file: string | null;
  /** Null when an existing database was measured again (--reuse) and its build was not recorded. */
  importSeconds: number | null;
  indexSeconds: number | null;
  /** The commit whose code built the database, when it was built by an earlier run. */
  builtBy?: string;
}

/** What building a database cost, kept beside a SQLite file so that --reuse can report it. */
interface BuildRecord {
  importSeconds: number | null;
  indexSeconds: number | null;
  commit: string;
}

/** Beside the SQLite file, or in var/bench for the PostgreSQL database of that size. */
function buildRecordFile(size: number, file: string | null): string {
  return file ? `${file}.build.json` : path.resolve(`var/bench/postgres-${size}.build.json`);
}

function readBuildRecord(size: number, file: string | null): BuildRecord | null {
  const f = buildRecordFile(size, file);
  return fs.existsSync(f) ? (JSON.parse(fs.readFileSync(f, 'utf8')) as BuildRecord) : null;
}

function writeBuildRecord(size: number, file: string | null, record: BuildRecord): void {
  const f = buildRecordFile(size, file);
  fs.mkdirSync(path.dirname(f), { recursive: true });
  fs.writeFileSync(f, `${JSON.stringify(record, null, 2)}\n`);
}

/** Builds the name and full-text indexes of everyone; returns the seconds it took. */
async function index(storage: Storage): Promise<number> {
  const started = performance.now();
  await rebuildIndexes(storage, {
    onProgress: (p) =>
      process.stderr.write(`\r  ${p.stage} ${p.done.toLocaleString('en')} / ${p.total.toLocaleString('en')}   `),
  });
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write(`\n  indexed in ${seconds.toFixed(1)} s\n`);
  if (storage.engine === 'sqlite') await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(storage.db);
  return seconds;
}

/** Persons in the database, and whether every published one is in the name index. */
async function population(storage: Storage): Promise<{ persons: number; indexed: boolean; filtersStored: boolean }> {
  const count = async (q: ReturnType<typeof sql<{ n: number }>>) =>
    Number((await q.execute(storage.db)).rows[0]?.n ?? 0);
  const persons = await count(sql<{ n: number }>`SELECT count(*) AS n FROM persons`);
  const indexed = await count(sql<{ n: number }>`SELECT count(*) AS n FROM search_docs WHERE stored IS NOT NULL`);
  // The index holds exactly the persons the alphabetical index lists, each with what search reads
  // of it, and its key implications cover every indexed word.
  const complete = await implicationsComplete(storage.db).catch(() => false);
  return {
    persons,
    indexed: complete && indexed === (await countListedPersons(storage.db)),
    filtersStored: await searchIndexFor(storage).filtersStored(),
  };
}

async function prepare(size: number): Promise<Prepared | null> {
  const file = process.env.DATABASE_URL ? null : path.resolve(`var/bench/bench-${size}.sqlite`);
  const target = file ?? (process.env.DATABASE_URL as string);
  if (values.reuse) {
    const storage = await openStorage(target);
    try {
      await migrateToLatest(storage.db).catch(() => []); // a database built by an older version
      const found = await population(storage).catch(() => null); // not a Fates database yet: build it
      if (found && found.persons >= size) {
        process.stderr.write(`  measuring the existing ${found.persons.toLocaleString('en')} persons again\n`);
        const record = readBuildRecord(size, file) ?? { importSeconds: null, indexSeconds: null, commit: 'unknown' };
        if (!found.indexed) {
          process.stderr.write('  its search index is incomplete: indexing\n');
          record.indexSeconds = await index(storage);
          record.commit = gitCommit();
          writeBuildRecord(size, file, record);
        } else if (!found.filtersStored) {
          // Indexed before the filters' bitsets were stored with the index (fates reindex --bitsets).
          const started = performance.now();
          const stored = await searchIndexFor(storage).storeFilters();
          process.stderr.write(
            `  stored the bitsets of ${stored} filters in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
          );
        }
        return {
          target,
          file,
          importSeconds: record.importSeconds,
          indexSeconds: record.indexSeconds,
          builtBy: record.commit,
        };
      }
    } finally {
      await storage.close();
    }
  }
  if (file) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  }
  fs.rmSync(buildRecordFile(size, file), { force: true });
  const storage = await openStorage(target);
  if (!file) await sql`DROP SCHEMA public CASCADE; CREATE SCHEMA public`.execute(storage.db);
  await migrateToLatest(storage.db);
  await loadSampleAndIndex(storage);
  const started = performance.now();
  await runGenerate(storage, {
    persons: size,
    seed: Number(values.seed),
    onProgress: (p) =>
      process.stderr.write(`\r  generating ${p.done.toLocaleString('en')} / ${size.toLocaleString('en')}   `),
  });
  const importSeconds = (performance.now() - started) / 1000;
  process.stderr.write(`\n  generated in ${importSeconds.toFixed(1)} s\n`);
  writeBuildRecord(size, file, { importSeconds, indexSeconds: null, commit: gitCommit() });
  if (values['generate-only']) {
    // A long build in two stages: --reuse later finds the index incomplete and builds it.
    await storage.close();
    return null;
  }
  process.stderr.write('  indexing\n');
  const indexSeconds = await index(storage);
  writeBuildRecord(size, file, { importSeconds, indexSeconds, commit: gitCommit() });
  await storage.close();
  return { target, file, importSeconds, indexSeconds };
}

function databaseBytes(file: string | null): number | null {
  if (!file) return null;
  return [file, `${file}-wal`].reduce((n, f) => n + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);
}

/**
 * Each class is measured after warming the caches with other queries of its kind (`warm`, drawn
 * from other persons): what a process that has served a while has cached, but none of the
 * measured queries themselves.
 */
async function inProcess(
  service: SearchService,
  sets: Record<QueryClass, SearchParams[]>,
  warm: Record<QueryClass, SearchParams[]>,
) {
  const out: Record<string, ReturnType<typeof stats> & { sqlShare: number }> = {};
  for (const [cls, queries] of Object.entries(sets)) {
    for (const q of warm[cls as QueryClass]) await service.search(q);
    const times: number[] = [];
    let sqlTime = 0;
    for (const q of queries) {
      const before = sqlMillis.total;
      const t0 = performance.now();
      await service.search(q);
      times.push(performance.now() - t0);
      sqlTime += sqlMillis.total - before;
    }
    const total = times.reduce((a, b) => a + b, 0);
    out[cls] = { ...stats(times), sqlShare: Math.round((sqlTime / total) * 1000) / 1000 };
    console.log(`  in-process ${cls.padEnd(9)} ${JSON.stringify(out[cls])}`);
  }
  return out;
}

/** The classes' queries taken in turn, so that any stretch of a load test asks every class alike. */
function interleaved(sets: Record<QueryClass, SearchParams[]>): SearchParams[] {
  const lists = Object.values(sets);
  const out: SearchParams[] = [];
  for (let i = 0; i < Math.max(...lists.map((l) => l.length)); i++)
    for (const l of lists) if (i < l.length) out.push(l[i] as SearchParams);
  return out;
}

/** Warm-up queries per class, asked before the measured ones in-process and over HTTP. */
const WARM_QUERIES = 50;
/** Queries per class for the HTTP run: enough that a 20-s run asks none twice (else a warning says so). */
const HTTP_QUERIES = 2_500;

const results: Record<string, unknown>[] = [];
const queryCount = Number(values.queries);
const seconds = Number(values.seconds);
const workers = Number(values.workers);

for (const size of values.report ? [] : values.sizes.split(',').map(Number)) {
  console.log(`\n${engine}: ${size.toLocaleString('en')} synthetic persons`);
  const prepared = await prepare(size);
  if (!prepared || values['build-only']) continue;
  const storage = await openMeasured(prepared.target);
  const service = new SearchService(storage);
  // Three sets of the same kinds from different persons: one warms the caches, one is measured
  // in-process, one over HTTP, where it is large enough that no query is asked twice.
  const seed = Number(values.seed);
  const warmSets = await buildQuerySets(storage, WARM_QUERIES, seed + 1);
  const sets = await buildQuerySets(storage, queryCount, seed);
  const httpSets = await buildQuerySets(storage, HTTP_QUERIES, seed + 2);
  const search = await inProcess(service, sets, warmSets);

  const app = createApp(storage);
  const personIds = (
    await sql<{ id: number }>`SELECT id FROM persons ORDER BY random() LIMIT ${queryCount}`.execute(storage.db)
  ).rows.map((r) => r.id);
  for (const id of personIds.slice(0, 10)) await (await app.request(`/en/persons/${id}`)).text();
  // The same pages twice: first as a visitor finds them (read from disk where the file cache
  // does not hold them), then again with their pages cached, which is the code's own cost.
  const visit = async () => {
    const times: number[] = [];
    for (const id of personIds) {
      const t0 = performance.now();
      const res = await app.request(`/en/persons/${id}`);
      await res.text();
      times.push(performance.now() - t0);
    }
    return stats(times);
  };
  const personPage = await visit();
  console.log(`  in-process person page ${JSON.stringify(personPage)}`);
  const personPageAgain = await visit();
  console.log(`  in-process person page, same pages again ${JSON.stringify(personPageAgain)}`);
  const views = await measureViews(storage, app, queryCount, personIds);
  const viewStats = {
    statistics: stats(views.statistics),
    searchMap: stats(views.searchMap),
    searchMap100k: views.searchMap100k.length > 0 ? stats(views.searchMap100k) : null,
    itinerary: stats(views.itinerary),
  };
  for (const [name, s] of Object.entries(viewStats)) console.log(`  in-process ${name} ${JSON.stringify(s)}`);
  const benchRss = process.resourceUsage().maxRSS * 1024;
  await storage.close();

  const server = await startServer(prepared.target, workers);
  await loadTest(server.url, interleaved(warmSets).map(searchUrl), Math.min(5, seconds), 16); // warm the server's caches
  const searchPaths = interleaved(httpSets).map(searchUrl);
  const httpSearch = await loadTest(server.url, searchPaths, seconds, 16);
  const repeated = Math.max(0, httpSearch.latencies.length - searchPaths.length);
  if (repeated > 0)
    process.stderr.write(`  ${repeated} HTTP searches repeated a query already asked; raise HTTP_QUERIES\n`);
  const httpSearchStats = {
    ...stats(httpSearch.latencies),
    errors: httpSearch.errors,
    requestsPerSecond: Math.round(httpSearch.latencies.length / httpSearch.seconds),
  };
  console.log(`  HTTP search, 16 clients ${JSON.stringify(httpSearchStats)}`);
  const httpPages = await loadTest(
    server.url,
    personIds.map((id) => `/en/persons/${id}`),
    seconds,
    16,
  );
  const httpPageStats = {
    ...stats(httpPages.latencies),
    errors: httpPages.errors,
    requestsPerSecond: Math.round(httpPages.latencies.length / httpPages.seconds),
  };
  console.log(`  HTTP person page, 16 clients ${JSON.stringify(httpPageStats)}`);
  const httpViews = await loadTest(server.url, views.paths, seconds, 16);
  const httpViewStats = {
    ...stats(httpViews.latencies),
    errors: httpViews.errors,
    requestsPerSecond: Math.round(httpViews.latencies.length / httpViews.seconds),
  };
  console.log(`  HTTP statistics and maps, 16 clients ${JSON.stringify(httpViewStats)}`);
  const serverRss = server.peakRss();
  const serverResident = server.resident();
  await server.stop();

  const sqlShare = Object.values(search).reduce((n, s) => n + s.sqlShare, 0) / Object.keys(search).length;
  const perSecond = (seconds: number | null) => (seconds === null ? null : Math.round(size / seconds));
  const row = {
    engine,
    persons: size,
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    date: new Date().toISOString().slice(0, 10),
    commit: gitCommit(),
    builtBy: prepared.builtBy,
    importPersonsPerSecond: perSecond(prepared.importSeconds),
    indexPersonsPerSecond: perSecond(prepared.indexSeconds),
    importAndIndexPersonsPerSecond:
      prepared.importSeconds === null || prepared.indexSeconds === null
        ? null
        : perSecond(prepared.importSeconds + prepared.indexSeconds),
    databaseBytes: databaseBytes(prepared.file),
    searchInProcess: search,
    serverProcesses: workers,
    searchOverHttp16: httpSearchStats,
    personPageInProcess: personPage,
    personPageInProcessAgain: personPageAgain,
    personPageOverHttp16: httpPageStats,
    factsLoadSeconds: views.factsLoadSeconds,
    viewsPersonsCounted: views.personsCounted,
    statisticsInProcess: viewStats.statistics,
    searchMapInProcess: viewStats.searchMap,
    searchMap100kInProcess: viewStats.searchMap100k,
    itineraryInProcess: viewStats.itinerary,
    viewsOverHttp16: httpViewStats,
    appToSqlRatio: Math.round((1 / Math.max(sqlShare, 0.001)) * 100) / 100,
    /** The serving process with the highest peak RSS (a worker; the primary only forks). */
    serverPeakRssBytes: Math.max(...serverRss),
    serverPeakRssPerProcessBytes: serverRss,
    /** At the end of the run: how much of each process's memory is its own and how much mapped database file. */
    serverResidentAtEnd: serverResident,
    /** The benchmark process itself, which also generated and indexed when it built the database. */
    benchPeakRssBytes: benchRss,
  };
  results.push(row);
  const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
  console.log(
    `  import ${row.importPersonsPerSecond ?? '-'}/s, index ${row.indexPersonsPerSecond ?? '-'}/s, db ${row.databaseBytes === null ? 'n/a' : `${(row.databaseBytes / 2 ** 30).toFixed(2)} GiB`}, app/SQL ${row.appToSqlRatio}, server peak RSS ${serverRss.map(mib).join(' + ')}, bench ${mib(benchRss)}`,
  );
  if (prepared.file && !values.keep && !values.reuse)
    for (const f of [prepared.file, `${prepared.file}-wal`, `${prepared.file}-shm`]) fs.rmSync(f, { force: true });
}

interface Latency {
  p50: number;
  p95: number;
  p99: number;
}
interface BenchRow {
  engine: string;
  persons: number;
  machine: string;
  date: string;
  importPersonsPerSecond: number | null;
  indexPersonsPerSecond: number | null;
  importAndIndexPersonsPerSecond: number | null;
  databaseBytes: number | null;
  searchInProcess: Record<string, Latency & { sqlShare: number }>;
  serverProcesses: number;
  searchOverHttp16: Latency & { requestsPerSecond: number; errors: number };
  personPageInProcess: Latency;
  /** The same pages right after, their database pages cached (absent in older results). */
  personPageInProcessAgain?: Latency;
  personPageOverHttp16: Latency & { requestsPerSecond: number; errors: number };
  /** The maps' and statistics' measures (absent in older results). */
  factsLoadSeconds?: number;
  viewsPersonsCounted?: { min: number; max: number };
  statisticsInProcess?: Latency & { n: number };
  searchMapInProcess?: Latency & { n: number };
  searchMap100kInProcess?: (Latency & { n: number }) | null;
  itineraryInProcess?: Latency;
  viewsOverHttp16?: Latency & { requestsPerSecond: number; errors: number };
  appToSqlRatio: number;
  serverPeakRssBytes: number;
  serverResidentAtEnd?: { anon: number; file: number }[];
  benchPeakRssBytes: number;
  commit: string;
  /** The commit whose code built (generated and indexed) the database, when another one measured it. */
  builtBy?: string;
}

const ms = (s: Latency) => `${s.p50} / ${s.p95} / ${s.p99}`;
const rate = (n: number | null) =>
  n === null ? 'not measured (an existing database was measured again)' : `${n.toLocaleString('en')} persons/s`;
const mib = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;

function renderMarkdown(engineName: string, rows: BenchRow[]): string {
  const md = [
    `# Benchmark (${engineName})`,
    '',
    'Written by `npm run bench`; see bench/bench.ts for what each line measures.',
    '',
  ];
  for (const row of rows) {
    const built = row.builtBy
      ? ` The database was built by commit ${row.builtBy.slice(0, 7)} and measured again by ${row.commit.slice(0, 7)}.`
      : ` Commit ${row.commit?.slice(0, 7)}.`;
    md.push(`## ${row.persons.toLocaleString('en')} persons`, '', `${row.machine}; ${row.date}.${built}`, '');
    md.push('| measure | value |', '|---|---|');
    md.push(`| import (generate + write) | ${rate(row.importPersonsPerSecond)} |`);
    md.push(`| indexing (name and full-text indexes) | ${rate(row.indexPersonsPerSecond)} |`);
    md.push(`| import and index together | ${rate(row.importAndIndexPersonsPerSecond)} |`);
    if (row.databaseBytes !== null) md.push(`| database size | ${(row.databaseBytes / 2 ** 30).toFixed(2)} GiB |`);
    for (const [cls, s] of Object.entries(row.searchInProcess))
      md.push(`| search ${cls}, in-process p50 / p95 / p99 | ${ms(s)} ms |`);
    md.push(`| person page, in-process p50 / p95 / p99 | ${ms(row.personPageInProcess)} ms |`);
    if (row.personPageInProcessAgain)
      md.push(`| the same person pages again, in-process p50 / p95 / p99 | ${ms(row.personPageInProcessAgain)} ms |`);
    md.push(
      `| search over HTTP, 16 clients, ${row.serverProcesses} server processes, p50 / p95 / p99 | ${ms(row.searchOverHttp16)} ms (${row.searchOverHttp16.requestsPerSecond} req/s, ${row.searchOverHttp16.errors} errors) |`,
    );
    md.push(
      `| person page over HTTP, 16 clients, p50 / p95 / p99 | ${ms(row.personPageOverHttp16)} ms (${row.personPageOverHttp16.requestsPerSecond} req/s, ${row.personPageOverHttp16.errors} errors) |`,
    );
    if (row.statisticsInProcess && row.searchMapInProcess && row.itineraryInProcess) {
      const counted = row.viewsPersonsCounted;
      md.push(
        `| statistics page, in-process p50 / p95 / p99 (searches counting ${counted?.min.toLocaleString('en')} to ${counted?.max.toLocaleString('en')} persons) | ${ms(row.statisticsInProcess)} ms |`,
        `| map of a search, in-process p50 / p95 / p99 (the same searches) | ${ms(row.searchMapInProcess)} ms |`,
        `| map of a search counting 100,000 persons or more, in-process p50 / p95 / p99 | ${row.searchMap100kInProcess ? `${ms(row.searchMap100kInProcess)} ms (${row.searchMap100kInProcess.n} requests)` : 'no such search at this size'} |`,
        `| a person's road of life (itinerary map), in-process p50 / p95 / p99 | ${ms(row.itineraryInProcess)} ms |`,
        `| every person's facts read into a server process | ${row.factsLoadSeconds} s |`,
      );
    }
    if (row.viewsOverHttp16)
      md.push(
        `| statistics and maps over HTTP, 16 clients, p50 / p95 / p99 | ${ms(row.viewsOverHttp16)} ms (${row.viewsOverHttp16.requestsPerSecond} req/s, ${row.viewsOverHttp16.errors} errors) |`,
      );
    md.push(
      `| app search time ÷ the time of the SQL it runs (below 1 where queries overlap on several connections) | ${row.appToSqlRatio} |`,
    );
    md.push(`| peak RSS of a server process | ${mib(row.serverPeakRssBytes)} |`);
    const biggest = row.serverResidentAtEnd?.reduce((a, b) => (a.anon + a.file >= b.anon + b.file ? a : b));
    if (biggest)
      md.push(
        `| of which at the end: own memory / mapped database file | ${mib(biggest.anon)} / ${mib(biggest.file)} |`,
      );
    md.push(
      `| peak RSS of the benchmark process (generation, indexing, in-process runs) | ${mib(row.benchPeakRssBytes)} |`,
      '',
    );
  }
  return md.join('\n');
}

// Rows of other sizes measured earlier stay; a size measured again replaces its row.
fs.mkdirSync(values.out, { recursive: true });
for (const engineName of values.report ? ['sqlite', 'postgres'] : [engine]) {
  const jsonFile = path.join(values.out, `bench-${engineName}.json`);
  if (values.report && !fs.existsSync(jsonFile)) continue;
  const earlier: BenchRow[] = fs.existsSync(jsonFile) ? JSON.parse(fs.readFileSync(jsonFile, 'utf8')) : [];
  const measured = results as unknown as BenchRow[];
  const rows = [
    ...earlier.filter((e) => !measured.some((m) => m.persons === e.persons) && 'serverPeakRssBytes' in e),
    ...measured,
  ].sort((a, b) => a.persons - b.persons);
  fs.writeFileSync(jsonFile, `${JSON.stringify(rows, null, 2)}\n`);
  fs.writeFileSync(path.join(values.out, `bench-${engineName}.md`), renderMarkdown(engineName, rows));
}
