// What `fates dump` and `fates restore` take, on SQLite and on an embedded PostgreSQL:
//   npx tsx bench/dump-restore.ts [--persons 200000] [--seed 1]
// The source is the sample (and with --persons, that many generated persons beside it) in a
// SQLite file kept in var/bench/ between runs. Each engine restores the SQLite dump into an
// empty database (rows, then the indexes until the archive is searchable) and dumps it again.
// Results go to stdout as a Markdown table, and into bench/results/dump-restore.{json,md}, which
// keep the latest run of each engine and size, with the load average and the cpu gauge beside it.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openStorage, type Storage } from '../src/db/connection.ts';
import { dumpArchive } from '../src/db/dump.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { restoreArchive } from '../src/db/restore.ts';
import { runGenerate } from '../src/generate/generate.command.ts';
import { loadSample } from '../src/sample/sample-loader.ts';
import { drainIndexQueue } from '../src/search/index/index-drain.ts';
import { queueRebuild } from '../src/search/index/search-indexer.ts';
import { databaseUrl, startEmbeddedPostgres } from '../test/support/postgres-server.ts';

const { values } = parseArgs({
  options: { persons: { type: 'string', default: '0' }, seed: { type: 'string', default: '1' } },
});
const persons = Number(values.persons);
const seed = Number(values.seed);
const dir = path.resolve('var/bench');
fs.mkdirSync(dir, { recursive: true });
const number = new Intl.NumberFormat('en');
const seconds = (ms: number) => (ms / 1000).toFixed(ms < 10_000 ? 2 : 1);
const size = (bytes: number) =>
  bytes < 2 ** 20 ? `${(bytes / 2 ** 10).toFixed(0)} KiB` : `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/** The source archive: built once, reused by later runs of the same size and seed. */
async function source(): Promise<Storage> {
  const file = path.join(dir, `dump-source-${persons}-seed${seed}.sqlite`);
  const fresh = !fs.existsSync(file);
  const storage = await openStorage(file);
  if (fresh) {
    await migrateToLatest(storage.db);
    await loadSample(storage.db);
    if (persons > 0) await runGenerate(storage, { persons, seed });
  }
  return storage;
}

async function countPersons(storage: Storage): Promise<number> {
  const { n } = await storage.db
    .selectFrom('persons')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
}

async function dumpTo(storage: Storage, file: string): Promise<{ ms: number; rows: number; bytes: number }> {
  const out = fs.createWriteStream(file, { highWaterMark: 1 << 20 });
  const report = await dumpArchive(storage, out);
  await new Promise((resolve) => out.end(resolve));
  return { ms: report.ms, rows: report.rows, bytes: fs.statSync(file).size };
}

/** Restores `file` into an empty `target`, then writes the indexes; both times from the start. */
async function restoreFrom(target: Storage, file: string): Promise<{ rowsMs: number; searchableMs: number }> {
  const started = performance.now();
  await restoreArchive(target, fs.createReadStream(file, { highWaterMark: 1 << 20 }), {
    beforeCommit: (db) => queueRebuild(db, { names: true, texts: true }),
  });
  const rowsMs = performance.now() - started;
  await drainIndexQueue(target);
  return { rowsMs, searchableMs: performance.now() - started };
}

/** One engine's run, as bench/results/dump-restore.json keeps it. */
interface Result {
  engine: string;
  persons: number;
  rows: number;
  bytes: number;
  dumpMs: number;
  rowsMs: number;
  searchableMs: number;
  date: string;
  commit: string;
  /** The 1-minute load average before and after the run, and the cpu gauge before it (ms). */
  load: [number, number];
  gauge: number | null;
}

const load = () => Math.round((os.loadavg()[0] ?? 0) * 10) / 10;
function gauge(): number | null {
  const out = execFileSync(process.execPath, [path.resolve('bench/cpu-gauge.mjs')], { encoding: 'utf8' });
  const ms = /cpu gauge: (\d+) ms/.exec(out)?.[1];
  return ms ? Number(ms) : null;
}
const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
const loadBefore = load();
const gaugeBefore = gauge();
const results: Result[] = [];
const rate = (n: number, ms: number) => `${seconds(ms)} s (${number.format(Math.round(n / (ms / 1000)))} persons/s)`;
const line = (r: Result) =>
  `| ${r.engine} | ${number.format(r.persons)} | ${number.format(r.rows)} | ${size(r.bytes)} | ${rate(r.persons, r.dumpMs)} | ${rate(r.persons, r.rowsMs)} | ${rate(r.persons, r.searchableMs)} | ${r.date} ${r.commit}, load ${r.load[0]} → ${r.load[1]}, gauge ${r.gauge ?? '?'} ms |`;
const row = (
  engine: string,
  n: number,
  dumped: { ms: number; rows: number; bytes: number },
  restored: { rowsMs: number; searchableMs: number },
) =>
  results.push({
    engine,
    persons: n,
    rows: dumped.rows,
    bytes: dumped.bytes,
    dumpMs: Math.round(dumped.ms),
    rowsMs: Math.round(restored.rowsMs),
    searchableMs: Math.round(restored.searchableMs),
    date: new Date().toISOString().slice(0, 10),
    commit,
    load: [loadBefore, load()],
    gauge: gaugeBefore,
  });

const a = await source();
const n = await countPersons(a);
const file = path.join(dir, `dump-${persons}.jsonl`);
const fromSqlite = await dumpTo(a, file);
await a.close();

// SQLite: restore the dump into an empty file, then dump that.
const sqliteTarget = path.join(dir, `restore-${persons}.sqlite`);
for (const suffix of ['', '-wal', '-shm']) fs.rmSync(`${sqliteTarget}${suffix}`, { force: true });
const b = await openStorage(sqliteTarget);
const intoSqlite = await restoreFrom(b, file);
await b.close();
row('SQLite', n, fromSqlite, intoSqlite);

// PostgreSQL: the same, in a database of its own, dumped again from there.
const server = await startEmbeddedPostgres();
try {
  const admin = await openStorage(server.url);
  await sql`CREATE DATABASE bench_dump`.execute(admin.db);
  await admin.close();
  const pg = await openStorage(databaseUrl(server.url, 'bench_dump'));
  try {
    const intoPostgres = await restoreFrom(pg, file);
    const fromPostgres = await dumpTo(pg, path.join(dir, `dump-${persons}-postgres.jsonl`));
    row('PostgreSQL 17', n, fromPostgres, intoPostgres);
  } finally {
    await pg.close();
  }
} finally {
  await server.stop();
}
fs.rmSync(path.join(dir, `dump-${persons}-postgres.jsonl`), { force: true });

const HEAD =
  '| engine | persons | rows | dump size | dump | restore, rows written | restore until searchable | run |\n|---|---|---|---|---|---|---|---|';
console.log(`${HEAD}\n${results.map(line).join('\n')}`);

// The latest result of each engine and size is kept; earlier ones are in git history.
const jsonFile = path.resolve('bench/results/dump-restore.json');
const kept = (fs.existsSync(jsonFile) ? (JSON.parse(fs.readFileSync(jsonFile, 'utf8')) as Result[]) : []).filter(
  (old) => !results.some((r) => r.engine === old.engine && r.persons === old.persons),
);
const all = [...kept, ...results].sort((a, b) => a.persons - b.persons || a.engine.localeCompare(b.engine));
fs.writeFileSync(jsonFile, `${JSON.stringify(all, null, 2)}\n`);
fs.writeFileSync(
  path.resolve('bench/results/dump-restore.md'),
  `# Dump and restore\n\nWritten by \`npx tsx bench/dump-restore.ts [--persons N]\`: the latest run of each engine and size. The restore's rows, then until the archive is searchable, both timed from the start of the restore. The load average is the 1-minute one before and after the run on 2 cores; the cpu gauge (\`bench/cpu-gauge.mjs\`) read 2.6–3.7 s on a quiet machine.\n\n${HEAD}\n${all.map(line).join('\n')}\n`,
);
