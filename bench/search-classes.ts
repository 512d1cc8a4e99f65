// In-process search latency by query class, with the code of a chosen tree, on an existing
// archive: for comparing two versions of the code by alternated runs on the same database
// (docs/benchmarks.md, "Comparing two versions of the code"). Not part of npm test.
//
//   npx tsx bench/search-classes.ts --db var/bench/bench-5000000.sqlite [--tree ../other-checkout]
//       [--per-class 150] [--seed 7]
//   npx tsx bench/search-classes.ts --db postgres://… --per-class 60
//
// The queries come from this tree's bench/query-sets.ts, so both versions answer the same ones;
// 20 searches a class (another seed) warm the caches first. Prints p50/p95 per class, in ms.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { percentile } from './percentile.ts';
import { buildQuerySets } from './query-sets.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    tree: { type: 'string', default: path.resolve(import.meta.dirname, '..') },
    'per-class': { type: 'string', default: '150' },
    seed: { type: 'string', default: '7' },
  },
});
if (!values.db) {
  console.error('search-classes: --db FILE|URL is required');
  process.exit(2);
}
const tree = path.resolve(values.tree);
const { openStorage } = await import(path.join(tree, 'src/db/connection.ts'));
const { SearchService } = await import(path.join(tree, 'src/search/names/person-search.service.ts'));
const storage = await openStorage(values.db);
const service = new SearchService(storage);
const seed = Number(values.seed);
for (const queries of Object.values(await buildQuerySets(storage, 20, seed + 1)))
  for (const q of queries) await service.search(q);
const line: string[] = [];
for (const [name, queries] of Object.entries(await buildQuerySets(storage, Number(values['per-class']), seed))) {
  const times: number[] = [];
  for (const q of queries) {
    const started = performance.now();
    await service.search(q);
    times.push(performance.now() - started);
  }
  line.push(`${name} ${percentile(times, 0.5).toFixed(1)}/${percentile(times, 0.95).toFixed(1)}`);
}
console.log(`${path.basename(tree)}: ${line.join('  ')}`);
await storage.close();
