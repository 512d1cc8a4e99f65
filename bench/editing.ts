// Editing under load, over HTTP against a real `fates serve`, on an archive that exists already
// (it writes into it: take a copy):
//   npx tsx bench/editing.ts --db var/bench/edit-1000000.sqlite [--seconds 20] [--rounds 2]
//   npx tsx bench/editing.ts --db postgres://…/fates
// Each round measures 16 readers searching alone, then the same 16 while 4 editors write through
// the API with a token (readers and editors pause between requests as people do; --reader-pause
// and --editor-pause, 0 for none): each edit reads a person's document, adds a name (PATCH with If-Match) or
// creates a new person (POST), then searches the new name until the person is among the results.
// One edit in --merge-every (default 5; 0 for none) instead merges a person into another far from
// it in the archive and unmerges them again (POST …/merge, POST …/unmerge): writes that touch
// persons far apart, which the edits of one person never do.
// It reports the edits' request times, the merges' and unmerges', how long until an edited name is
// found, and the readers' p95 without and with the editors. Results: bench/results/editing-{engine}.{json,md}, the latest run at
// each size of archive.
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { COMMAND_LINE } from '../src/accounts/audit.ts';
import { createToken } from '../src/accounts/token.service.ts';
import { findUserRowByName } from '../src/accounts/user.repository.ts';
import { addUser } from '../src/accounts/user.service.ts';
import { openStorage } from '../src/db/connection.ts';
import { migrateToLatest } from '../src/db/migrator.ts';
import { Rng } from '../src/generate/prng.ts';
import { countListedPersons } from '../src/persons/person-index.repository.ts';
import { maxPersonId } from '../src/search/index/search-doc.repository.ts';
import { type EditingReport, keepEditingResult, type Round } from './editing-report.ts';
import { loadTest, searchUrl, startServer } from './http-load.ts';
import { percentile } from './percentile.ts';
import { buildQuerySets } from './query-sets.ts';

const { values } = parseArgs({
  options: {
    db: { type: 'string' },
    seconds: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '2' },
    readers: { type: 'string', default: '16' },
    editors: { type: 'string', default: '4' },
    workers: { type: 'string', default: '2' },
    // A person searching reads results before the next search; an editor works on a record
    // between saves. Without pauses (0) the clients only measure how saturated the server is.
    'reader-pause': { type: 'string', default: '500' },
    'editor-pause': { type: 'string', default: '1000' },
    'merge-every': { type: 'string', default: '5' },
    out: { type: 'string', default: 'bench/results' },
  },
});
const target = values.db ?? process.env.DATABASE_URL;
if (!target) throw new Error('give the archive with --db FILE or --db postgres://…');
const seconds = Number(values.seconds);
const readers = Number(values.readers);
const editors = Number(values.editors);
const engine = target.startsWith('postgres') ? 'postgres' : 'sqlite';
const readerPause = Number(values['reader-pause']);
const editorPause = Number(values['editor-pause']);
const mergeEvery = Number(values['merge-every']);

// Setup: an editor's token, the persons to edit, the readers' queries ---------------------------

const storage = await openStorage(target);
await migrateToLatest(storage.db);
const persons = await countListedPersons(storage.db);
const user =
  (await findUserRowByName(storage.db, 'bench-editor')) ??
  (await addUser(storage.db, { name: 'bench-editor', role: 'editor', password: 'a benchmark password' }, COMMAND_LINE));
const { token } = await createToken(storage.db, user.id, { label: `bench ${new Date().toISOString()}` }, COMMAND_LINE);
const rng = new Rng(Date.now() % 1_000_000);
const maxId = await maxPersonId(storage.db);
const sets = await buildQuerySets(storage, 600, 7);
await storage.close();

const readerPaths = Object.values(sets).flat().map(searchUrl);

/** A surname no one in the archive has, made of syllables so that it reads (and is analysed) as a name. */
const SYLLABLES = ['ka', 'lo', 'mi', 'ter', 'brand', 'sel', 'no', 'wic', 'hau', 'zen', 'dor', 'fel', 'gru', 'ben'];
let made = 0;
function newSurname(): string {
  let n = made++ * 7919 + rng.int(1000) * 1_000_003;
  let word = 'Quen';
  for (let i = 0; i < 5; i++) {
    word += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  }
  return word;
}

// The editors ------------------------------------------------------------------------------------

interface EditTimes {
  /** The write request (PATCH or POST) alone. */
  write: number[];
  /** From sending the write until a search lists the person under the new name. */
  findable: number[];
  /** A merge of persons far apart, and its unmerge: each request alone. */
  merges: number[];
  errors: string[];
}

/** Merges `source` into a person far from it, then unmerges them; each request's time into `times.merges`. */
async function mergeFarApart(base: string, auth: Record<string, string>, times: EditTimes): Promise<void> {
  const source = 1 + rng.int(maxId);
  const into = 1 + ((source + Math.floor(maxId / 2) + rng.int(Math.max(1, Math.floor(maxId / 4)))) % maxId);
  let sent = performance.now();
  const merged = await fetch(`${base}/api/v1/persons/${source}/merge`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ into, reason: 'benchmark: merged and unmerged again' }),
  });
  await merged.arrayBuffer();
  // A merged, removed or draft person on either side: take others next time.
  if (merged.status !== 200) return;
  times.merges.push(performance.now() - sent);
  sent = performance.now();
  const unmerged = await fetch(`${base}/api/v1/persons/${source}/unmerge`, {
    method: 'POST',
    headers: auth,
    body: JSON.stringify({ reason: 'benchmark' }),
  });
  await unmerged.arrayBuffer();
  if (unmerged.status !== 200) times.errors.push(`unmerge ${unmerged.status}`);
  else times.merges.push(performance.now() - sent);
}

async function editorLoop(base: string, until: number, times: EditTimes): Promise<void> {
  const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  while (Date.now() < until) {
    await new Promise((r) => setTimeout(r, editorPause * (0.5 + rng.next())));
    if (mergeEvery > 0 && rng.int(mergeEvery) === 0) {
      await mergeFarApart(base, auth, times);
      continue;
    }
    const surname = newSurname();
    const started = performance.now();
    let id: number;
    if (rng.next() < 0.5) {
      const res = await fetch(`${base}/api/v1/persons`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ status: 'published', names: [{ kind: 'birth', given: 'Anna', surname }] }),
      });
      const body = (await res.json()) as { id: number };
      times.write.push(performance.now() - started);
      if (res.status !== 201) {
        times.errors.push(`POST ${res.status}`);
        continue;
      }
      id = body.id;
    } else {
      id = 1 + rng.int(maxId);
      const read = await fetch(`${base}/api/v1/persons/${id}/document`, { headers: auth });
      if (read.status !== 200) {
        await read.arrayBuffer();
        continue; // a merged or removed id: take another
      }
      const { document } = (await read.json()) as { document: { names: object[] } };
      const sent = performance.now();
      const res = await fetch(`${base}/api/v1/persons/${id}`, {
        method: 'PATCH',
        headers: { ...auth, 'if-match': read.headers.get('etag') as string },
        body: JSON.stringify({ names: [...document.names, { kind: 'alias', given: 'Fritz', surname }] }),
      });
      await res.arrayBuffer();
      times.write.push(performance.now() - sent);
      if (res.status !== 200) {
        times.errors.push(`PATCH ${res.status}`);
        continue;
      }
    }
    const writeStarted = started;
    for (let tries = 0; ; tries++) {
      const res = await fetch(`${base}/api/v1/persons?q=${encodeURIComponent(surname)}&limit=10`);
      const { results } = (await res.json()) as { results: { id: number }[] };
      if (results.some((r) => r.id === id)) {
        times.findable.push(performance.now() - writeStarted);
        break;
      }
      if (tries === 100) {
        times.errors.push(`${surname} not found`);
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

// Rounds -----------------------------------------------------------------------------------------

const round2 = (x: number) => Math.round(x * 100) / 100;

const server = await startServer(target, Number(values.workers));
const rounds: Round[] = [];
try {
  // Warm the server and the database's pages before measuring.
  await loadTest(server.url, readerPaths, 5, readers, readerPause);
  for (let r = 0; r < Number(values.rounds); r++) {
    const alone = await loadTest(server.url, readerPaths, seconds, readers, readerPause);
    const times: EditTimes = { write: [], findable: [], merges: [], errors: [] };
    const until = Date.now() + seconds * 1000;
    const [mixed] = await Promise.all([
      loadTest(server.url, readerPaths, seconds, readers, readerPause),
      ...Array.from({ length: editors }, () => editorLoop(server.url, until, times)),
    ]);
    const summary = (l: { latencies: number[]; seconds: number }) => ({
      p50: round2(percentile(l.latencies, 0.5)),
      p95: round2(percentile(l.latencies, 0.95)),
      perSecond: Math.round(l.latencies.length / l.seconds),
    });
    const a = summary(alone);
    const m = summary(mixed);
    const round: Round = {
      readersAlone: a,
      readersWithEditors: m,
      readersP95Rise: round2(m.p95 / a.p95 - 1),
      edits: times.write.length,
      editP50: round2(percentile(times.write, 0.5)),
      editP95: round2(percentile(times.write, 0.95)),
      findableP50: round2(percentile(times.findable, 0.5)),
      findableP95: round2(percentile(times.findable, 0.95)),
      merges: times.merges.length,
      mergeP50: round2(percentile(times.merges, 0.5)),
      mergeP95: round2(percentile(times.merges, 0.95)),
      errors: [...new Set(times.errors)],
    };
    if (alone.errors || mixed.errors) round.errors.push(`${alone.errors + mixed.errors} reader errors`);
    console.error(JSON.stringify(round));
    rounds.push(round);
  }
} finally {
  await server.stop();
}

const report: EditingReport = {
  engine,
  persons,
  seconds,
  readers,
  editors,
  workers: Number(values.workers),
  readerPauseMs: readerPause,
  editorPauseMs: editorPause,
  mergeEvery,
  load: os.loadavg().map((x) => Math.round(x * 10) / 10),
  date: new Date().toISOString().slice(0, 10),
  rounds,
};
mkdirSync(values.out, { recursive: true });
const md = keepEditingResult(values.out, report);
console.log(md);
