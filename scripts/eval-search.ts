// Name-search quality: runs the query sets of bench/eval/ (public, own, and the real Soviet-file
// spellings, whose persons join the sample data) against the sample data alone and mixed into a
// synthetic population, printing recall@1, recall@10 and MRR for Fates' search beside two
// baselines on the same data. Results go to bench/results/.
//
//   npm run eval:search                       # sample alone and sample + 1,000,000 synthetic
//   npm run eval:search -- --persons 100000   # a smaller population
//   npm run eval:search -- --queries my.tsv   # one set of your own instead
//   DATABASE_URL=postgres://… npm run eval:search   # the same on PostgreSQL
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import type { Storage } from '../src/db/connection.ts';
import { SearchService } from '../src/search/names/person-search.service.ts';
import { openEvalArchive } from './eval/archive.ts';

interface Query {
  query: string;
  expected: string[];
  technique: string;
  /** False for a name the archive cannot know by that form (a party name, a passport name). */
  knowable: boolean;
}

interface QuerySet {
  name: string;
  file: string;
  /** Only the queries whose person the archive can know by that name. */
  knowableOnly?: boolean;
}

/** The sets measured by default; the real set also counts its knowable queries apart. */
const QUERY_SETS: QuerySet[] = [
  { name: 'public', file: 'bench/eval/public-queries.tsv' },
  { name: 'own', file: 'bench/eval/own-queries.tsv' },
  { name: 'real', file: 'bench/eval/real/queries.tsv' },
  { name: 'real-knowable', file: 'bench/eval/real/queries.tsv', knowableOnly: true },
];

type Ranker = (q: string) => Promise<string[]>;

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '1' },
    queries: { type: 'string' },
    out: { type: 'string', default: 'bench/results' },
  },
});

function readQueries(set: QuerySet): Query[] {
  const [header = '', ...lines] = fs.readFileSync(set.file, 'utf8').trim().split('\n');
  const knowableColumn = header.split('\t').indexOf('knowable');
  const queries = lines.map((l) => {
    const cells = l.split('\t');
    const [query = '', expected = '', technique = ''] = cells;
    const knowable = knowableColumn < 0 || cells[knowableColumn] !== 'no';
    return { query, expected: expected.split('|').map((e) => e.toLowerCase()), technique, knowable };
  });
  return set.knowableOnly ? queries.filter((q) => q.knowable) : queries;
}

async function measure(queries: Query[], rank: Ranker) {
  let r1 = 0;
  let r10 = 0;
  let mrr = 0;
  const misses: string[] = [];
  for (const q of queries) {
    const names = await rank(q.query);
    const at = names.findIndex((n) => q.expected.some((e) => n.toLowerCase().includes(e)));
    if (at === 0) r1++;
    if (at >= 0 && at < 10) {
      r10++;
      mrr += 1 / (at + 1);
    }
    if (at !== 0) misses.push(at < 0 ? `${q.query} (not in top 10)` : `${q.query} (rank ${at + 1})`);
  }
  const n = queries.length;
  return { recall1: r1 / n, recall10: r10 / n, mrr: mrr / n, misses };
}

/** Fates' own search. */
function fates(storage: Storage): Ranker {
  const service = new SearchService(storage);
  return async (q) => (await service.search({ q, sort: 'relevance', limit: 10, offset: 0 })).results.map((r) => r.name);
}

/** Baseline 1: case-insensitive substring match on any stored name, in id order. */
function substring(storage: Storage): Ranker {
  return async (q) => {
    const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    const rows = await sql<{ display_name: string }>`
      SELECT p.display_name FROM persons p
      WHERE p.id IN (SELECT n.person_id FROM names n WHERE lower(n.full_name) LIKE ${pattern} ESCAPE '\\')
      ORDER BY p.id LIMIT 10`.execute(storage.db);
    return rows.rows.map((r) => r.display_name);
  };
}

/** Baseline 2: SQLite FTS5 over every stored name, unicode61 with diacritics removed, bm25 order. */
async function fts5(storage: Storage): Promise<Ranker | null> {
  if (storage.engine !== 'sqlite') return null;
  await sql`DROP TABLE IF EXISTS eval_baseline_fts`.execute(storage.db);
  await sql`CREATE VIRTUAL TABLE eval_baseline_fts USING fts5(name, person_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')`.execute(
    storage.db,
  );
  await sql`INSERT INTO eval_baseline_fts(name, person_id) SELECT full_name, person_id FROM names`.execute(storage.db);
  return async (q) => {
    const words = q
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean)
      .map((w) => `"${w}"`);
    if (words.length === 0) return [];
    const rows = await sql<{ display_name: string }>`
      SELECT p.display_name FROM (
        SELECT person_id, min(rank) AS r FROM eval_baseline_fts WHERE eval_baseline_fts MATCH ${words.join(' AND ')}
        GROUP BY person_id ORDER BY r LIMIT 10
      ) m JOIN persons p ON p.id = m.person_id ORDER BY m.r`.execute(storage.db);
    return rows.rows.map((r) => r.display_name);
  };
}

const sets: QuerySet[] = values.queries ? [{ name: path.basename(values.queries), file: values.queries }] : QUERY_SETS;
const persons = Number(values.persons);
const seed = Number(values.seed);
const engine = process.env.DATABASE_URL ? 'postgres' : 'sqlite';
const populations = [0, persons].filter((n, i, a) => a.indexOf(n) === i);
const report: Record<string, unknown>[] = [];
fs.mkdirSync(values.out, { recursive: true });
fs.mkdirSync('var/eval', { recursive: true });

for (const size of populations) {
  const storage = await openEvalArchive(size, seed);
  const rankers: [string, Ranker | null][] = [
    ['fates', fates(storage)],
    ['substring', substring(storage)],
    ['fts5-unicode61', await fts5(storage)],
  ];
  for (const set of sets) {
    const queries = readQueries(set);
    for (const [name, ranker] of rankers) {
      if (!ranker) continue;
      const started = performance.now();
      const m = await measure(queries, ranker);
      const millis = (performance.now() - started) / queries.length;
      report.push({ engine, population: size, set: set.name, method: name, queries: queries.length, ...m });
      console.log(
        `${engine.padEnd(8)} sample+${String(size).padEnd(8)} ${set.name.padEnd(14)} ${name.padEnd(15)} recall@1 ${m.recall1.toFixed(3)}  recall@10 ${m.recall10.toFixed(3)}  MRR ${m.mrr.toFixed(3)}  ${millis.toFixed(1)} ms/query${m.misses.length ? `  (not first: ${m.misses.join(', ')})` : ''}`,
      );
    }
  }
  await storage.close();
}

const md = [
  `# Name-search evaluation (${engine})`,
  '',
  `Query sets: ${sets.map((s) => `${s.name} (${s.file}${s.knowableOnly ? ', knowable only' : ''})`).join(', ')}. The real set's persons are in the archive under their German names. Synthetic population seed ${seed}. Run ${new Date().toISOString().slice(0, 10)}.`,
  '',
  '| population | set | queries | method | recall@1 | recall@10 | MRR |',
  '|---|---|---|---|---|---|---|',
  ...report.map(
    (r) =>
      `| sample + ${Number(r.population).toLocaleString('en')} | ${r.set} | ${r.queries} | ${r.method} | ${(r.recall1 as number).toFixed(3)} | ${(r.recall10 as number).toFixed(3)} | ${(r.mrr as number).toFixed(3)} |`,
  ),
  '',
];
fs.writeFileSync(path.join(values.out, `search-eval-${engine}.json`), `${JSON.stringify(report, null, 2)}\n`);
fs.writeFileSync(path.join(values.out, `search-eval-${engine}.md`), md.join('\n'));
