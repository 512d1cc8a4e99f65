// Performance benchmark (not part of npm test). For each population size: generate the synthetic
// persons into a fresh database, index them, then measure search latency per query class
// in-process and over HTTP with 16 concurrent clients, person-page latency, throughput, peak RSS
// and how much of the search time is spent in the SQL it runs.
//
//   npm run bench                                  # 1,000,000 and 5,000,000 persons, SQLite
//   npm run bench -- --sizes 200000 --queries 100  # a quick run
//   DATABASE_URL=postgres://… npm run bench         # the same on PostgreSQL (database is emptied)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { serve } from '@hono/node-server';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { openStorage, type Storage } from '../src/db/connection.ts';
import type { Database } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { runGenerate } from '../src/generate/generate.command.ts';
import { loadSampleAndIndex } from '../src/sample/sample-loader.ts';
import { rebuildSearchIndex } from '../src/search/search-indexer.ts';
import { type SearchParams, SearchService } from '../src/search/search.service.ts';
import { createApp } from '../src/web/app.tsx';
import { buildQuerySets, type QueryClass } from './query-sets.ts';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1000000,5000000' },
    queries: { type: 'string', default: '200' },
    seconds: { type: 'string', default: '20' },
    seed: { type: 'string', default: '7' },
    keep: { type: 'boolean', default: false },
    out: { type: 'string', default: 'bench/results' },
  },
});

const engine = process.env.DATABASE_URL ? 'postgres' : 'sqlite';
const sqlMillis = { total: 0 };

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function stats(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 100) / 100;
  return { n: s.length, p50: r(percentile(s, 50)), p95: r(percentile(s, 95)), p99: r(percentile(s, 99)), max: r(s.at(-1) ?? 0) };
}

/** SQLite storage whose Kysely logs every query's duration, for the SQL share of search time. */
function openInstrumentedSqlite(file: string): Storage {
  const database = new SQLite(file);
  database.pragma('journal_mode = WAL');
  database.pragma('foreign_keys = ON');
  database.pragma('cache_size = -262144');
  database.pragma('mmap_size = 1073741824');
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database }),
    log: (event) => {
      sqlMillis.total += event.queryDurationMillis;
    },
  });
  return { db, engine: 'sqlite', location: file, close: () => db.destroy() } as Storage;
}

async function prepare(size: number): Promise<{ storage: Storage; importSeconds: number; indexSeconds: number; file: string | null }> {
  const file = process.env.DATABASE_URL ? null : path.resolve(`var/bench/bench-${size}.sqlite`);
  if (file) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
  }
  const storage = await openStorage(file ?? (process.env.DATABASE_URL as string));
  if (!file) await sql`DROP SCHEMA public CASCADE; CREATE SCHEMA public`.execute(storage.db);
  await migrateToLatest(storage.db);
  await loadSampleAndIndex(storage);
  let started = performance.now();
  await runGenerate(storage, {
    persons: size,
    seed: Number(values.seed),
    onProgress: (p) => process.stderr.write(`\r  generating ${p.done.toLocaleString('en')} / ${size.toLocaleString('en')}   `),
  });
  const importSeconds = (performance.now() - started) / 1000;
  process.stderr.write(`\n  generated in ${importSeconds.toFixed(1)} s; indexing\n`);
  started = performance.now();
  await rebuildSearchIndex(storage, (p) => process.stderr.write(`\r  indexing ${p.done.toLocaleString('en')} / ${p.total.toLocaleString('en')}   `));
  const indexSeconds = (performance.now() - started) / 1000;
  process.stderr.write(`\n  indexed in ${indexSeconds.toFixed(1)} s\n`);
  if (file) {
    await storage.close();
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(openInstrumentedSqlite(file).db);
    return { storage: openInstrumentedSqlite(file), importSeconds, indexSeconds, file };
  }
  return { storage, importSeconds, indexSeconds, file };
}

function databaseBytes(file: string | null): number | null {
  if (!file) return null;
  return [file, `${file}-wal`].reduce((n, f) => n + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0);
}

async function inProcess(service: SearchService, sets: Record<QueryClass, SearchParams[]>) {
  const out: Record<string, ReturnType<typeof stats> & { sqlShare: number }> = {};
  for (const [cls, queries] of Object.entries(sets)) {
    for (const q of queries.slice(0, 10)) await service.search(q); // warm the caches
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

function toUrl(q: SearchParams): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && k !== 'offset') params.set(k, String(v));
  return `/api/v1/persons?${params}`;
}

/** 16 clients in a worker thread, so the server's event loop is not shared with them. */
function loadTest(base: string, paths: string[], seconds: number, concurrency: number): Promise<{ latencies: number[]; errors: number; seconds: number }> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    (async () => {
      const { base, paths, seconds, concurrency } = workerData;
      const latencies = []; let errors = 0; let i = 0;
      const end = Date.now() + seconds * 1000;
      async function client() {
        while (Date.now() < end) {
          const p = paths[i++ % paths.length];
          const t0 = performance.now();
          try { const r = await fetch(base + p); await r.arrayBuffer(); if (!r.ok) errors++; } catch { errors++; }
          latencies.push(performance.now() - t0);
        }
      }
      const started = performance.now();
      await Promise.all(Array.from({ length: concurrency }, client));
      parentPort.postMessage({ latencies, errors, seconds: (performance.now() - started) / 1000 });
    })();`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { base, paths, seconds, concurrency } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

const results: Record<string, unknown>[] = [];
const queryCount = Number(values.queries);
const seconds = Number(values.seconds);

for (const size of values.sizes.split(',').map(Number)) {
  console.log(`\n${engine}: ${size.toLocaleString('en')} synthetic persons`);
  const { storage, importSeconds, indexSeconds, file } = await prepare(size);
  const service = new SearchService(storage);
  const sets = await buildQuerySets(storage, queryCount, Number(values.seed));
  const search = await inProcess(service, sets);

  const app = createApp(storage);
  const personIds = (await sql<{ id: number }>`SELECT id FROM persons ORDER BY random() LIMIT ${queryCount}`.execute(storage.db)).rows.map((r) => r.id);
  for (const id of personIds.slice(0, 10)) await app.request(`/en/persons/${id}`);
  const pageTimes: number[] = [];
  for (const id of personIds) {
    const t0 = performance.now();
    const res = await app.request(`/en/persons/${id}`);
    await res.text();
    pageTimes.push(performance.now() - t0);
  }
  const personPage = stats(pageTimes);
  console.log(`  in-process person page ${JSON.stringify(personPage)}`);

  const server = await new Promise<{ close(): void; port: number }>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => resolve({ close: () => s.close(), port: info.port }));
  });
  const base = `http://127.0.0.1:${server.port}`;
  const searchPaths = Object.values(sets).flat().map(toUrl);
  const httpSearch = await loadTest(base, searchPaths, seconds, 16);
  const httpSearchStats = { ...stats(httpSearch.latencies), errors: httpSearch.errors, requestsPerSecond: Math.round(httpSearch.latencies.length / httpSearch.seconds) };
  console.log(`  HTTP search, 16 clients ${JSON.stringify(httpSearchStats)}`);
  const httpPages = await loadTest(base, personIds.map((id) => `/en/persons/${id}`), seconds, 16);
  const httpPageStats = { ...stats(httpPages.latencies), errors: httpPages.errors, requestsPerSecond: Math.round(httpPages.latencies.length / httpPages.seconds) };
  console.log(`  HTTP person page, 16 clients ${JSON.stringify(httpPageStats)}`);
  server.close();

  const sqlShare = Object.values(search).reduce((n, s) => n + s.sqlShare, 0) / Object.keys(search).length;
  const row = {
    engine,
    persons: size,
    machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
    date: new Date().toISOString().slice(0, 10),
    importPersonsPerSecond: Math.round(size / importSeconds),
    indexPersonsPerSecond: Math.round(size / indexSeconds),
    importAndIndexPersonsPerSecond: Math.round(size / (importSeconds + indexSeconds)),
    databaseBytes: databaseBytes(file),
    searchInProcess: search,
    searchOverHttp16: httpSearchStats,
    personPageInProcess: personPage,
    personPageOverHttp16: httpPageStats,
    // Query durations are logged only on the instrumented SQLite connection.
    appToSqlRatio: engine === 'sqlite' ? Math.round((1 / Math.max(sqlShare, 0.001)) * 100) / 100 : null,
    peakRssBytes: process.resourceUsage().maxRSS * 1024,
  };
  results.push(row);
  console.log(`  import ${row.importPersonsPerSecond}/s, index ${row.indexPersonsPerSecond}/s, db ${row.databaseBytes === null ? 'n/a' : `${(row.databaseBytes / 2 ** 30).toFixed(2)} GiB`}, app/SQL ${row.appToSqlRatio ?? 'n/a'}, peak RSS ${(row.peakRssBytes / 2 ** 20).toFixed(0)} MiB`);
  await storage.close();
  if (file && !values.keep) for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
}

fs.mkdirSync(values.out, { recursive: true });
fs.writeFileSync(path.join(values.out, `bench-${engine}.json`), `${JSON.stringify(results, null, 2)}\n`);
const ms = (s: { p50: number; p95: number; p99: number }) => `${s.p50} / ${s.p95} / ${s.p99}`;
const md = [`# Benchmark (${engine})`, ''];
for (const r of results as (typeof results[number] & Record<string, never>)[]) {
  const row = r as unknown as {
    persons: number; machine: string; date: string; importPersonsPerSecond: number; indexPersonsPerSecond: number; importAndIndexPersonsPerSecond: number;
    databaseBytes: number | null; searchInProcess: Record<string, { p50: number; p95: number; p99: number; sqlShare: number }>;
    searchOverHttp16: { p50: number; p95: number; p99: number; requestsPerSecond: number; errors: number };
    personPageInProcess: { p50: number; p95: number; p99: number };
    personPageOverHttp16: { p50: number; p95: number; p99: number; requestsPerSecond: number };
    appToSqlRatio: number | null; peakRssBytes: number;
  };
  md.push(`## ${row.persons.toLocaleString('en')} persons`, '', `${row.machine}; ${row.date}.`, '');
  md.push('| measure | value |', '|---|---|');
  md.push(`| import (generate + write) | ${row.importPersonsPerSecond.toLocaleString('en')} persons/s |`);
  md.push(`| search indexing | ${row.indexPersonsPerSecond.toLocaleString('en')} persons/s |`);
  md.push(`| import and index together | ${row.importAndIndexPersonsPerSecond.toLocaleString('en')} persons/s |`);
  if (row.databaseBytes !== null) md.push(`| database size | ${(row.databaseBytes / 2 ** 30).toFixed(2)} GiB |`);
  for (const [cls, s] of Object.entries(row.searchInProcess)) md.push(`| search ${cls}, in-process p50 / p95 / p99 | ${ms(s)} ms |`);
  md.push(`| search over HTTP, 16 clients, p50 / p95 / p99 | ${ms(row.searchOverHttp16)} ms (${row.searchOverHttp16.requestsPerSecond} req/s, ${row.searchOverHttp16.errors} errors) |`);
  md.push(`| person page, in-process p50 / p95 / p99 | ${ms(row.personPageInProcess)} ms |`);
  md.push(`| person page over HTTP, 16 clients | ${ms(row.personPageOverHttp16)} ms (${row.personPageOverHttp16.requestsPerSecond} req/s) |`);
  md.push(`| app search time ÷ its SQL time | ${row.appToSqlRatio ?? 'not measured on this engine'} |`);
  md.push(`| peak RSS | ${(row.peakRssBytes / 2 ** 20).toFixed(0)} MiB |`, '');
}
fs.writeFileSync(path.join(values.out, `bench-${engine}.md`), md.join('\n'));
