import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { type Db, type EngineName, openStorage } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrator.ts';
import { ARCHIVE_TABLES } from '../../src/db/tables.ts';
import { loadSample, loadSampleAndIndex, SAMPLE_DIR } from '../../src/sample/sample-loader.ts';
import { createApp } from '../../src/web/app.tsx';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { childrenOf as children, serve, stop } from '../support/processes.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';

// Real processes on a 2-core machine: starting and loading take seconds, more under load.
vi.setConfig({ testTimeout: 120_000 });

// Several app processes on one database, as behind a load balancer: real `fates` processes,
// started the way an operator would, sharing DATABASE_URL (or one SQLite file).

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const FATES = path.join(ROOT, 'bin/fates.js');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function fates(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [FATES, ...args], { cwd: ROOT, env });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The sample data plus one more person: loading either after the other gives the same counts. */
function extendedSample(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fates-sample-'));
  fs.cpSync(SAMPLE_DIR, dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'persons/zz-added-by-second-loader.yaml'),
    [
      'key: zz-added',
      'display: Added Person',
      'sort: Person, Added',
      'sex: female',
      'roles: [victim]',
      'names:',
      '  - { kind: birth, given: Added, surname: Person }',
      '',
    ].join('\n'),
  );
  return dir;
}

async function tableCounts(engine: EngineName, load: (db: Db) => Promise<void>) {
  const storage = await openTestStorage(engine);
  try {
    await load(storage.db);
    return await countRows(storage.db);
  } finally {
    await storage.close();
  }
}

/**
 * Rows per table of the archive's content. History is left out: each load that wrote adds a change
 * set, and how many of the concurrent loads found something to write depends on their order.
 */
async function countRows(db: Db): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of ARCHIVE_TABLES) {
    if (t.name === 'change_sets' || t.name === 'revisions') continue;
    const row = await db
      .selectFrom(t.name)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[t.name] = Number(row.n);
  }
  return out;
}

/** How many results a search page shows: the passage count, or the persons listed. */
function found(html: string): number {
  const status = html.match(/class="count" role="status">([\d,]+)/);
  return status ? Number(status[1]!.replace(/,/g, '')) : [...html.matchAll(/<a href="\/en\/persons\/\d+">/g)].length;
}

for (const engine of ENGINES) {
  describe(`two server processes on one ${engine} database`, () => {
    let env: NodeJS.ProcessEnv;
    let database: TestDatabase | undefined;
    let dir: string | undefined;
    const extended = extendedSample();
    const servers: { url: string; process: ChildProcess }[] = [];

    beforeAll(async () => {
      // Neither variable may leak in from the environment the tests run in.
      const { DATABASE_URL: _url, FATES_DB: _db, ...base } = process.env;
      if (engine === 'postgres') {
        database = await createTestDatabase();
        env = { ...base, DATABASE_URL: database.url };
      } else {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fates-multi-'));
        env = { ...base, FATES_DB: path.join(dir, 'archive.sqlite') };
      }
      // Migrated here rather than by a third process, which would add seconds of start-up.
      const storage = await openStorage(engine === 'postgres' ? env.DATABASE_URL! : env.FATES_DB!);
      await migrateToLatest(storage.db);
      await storage.close();
      servers.push(...(await Promise.all([serve(env), serve(env)])));
    }, 120_000);

    afterAll(async () => {
      await Promise.all(servers.map((s) => stop(s.process)));
      await database?.drop();
      if (dir) fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(extended, { recursive: true, force: true });
    });

    it('reads through both while four loaders write at once, and nothing is lost or doubled', async () => {
      const [a, b] = servers as [(typeof servers)[0], (typeof servers)[0]];
      expect(a.url).not.toBe(b.url);

      let reading = true;
      const statuses: number[] = [];
      const readers = [a, b].map(async (server) => {
        while (reading) {
          const res = await fetch(`${server.url}/en/persons`);
          statuses.push(res.status);
          await res.text();
        }
      });
      const loads = await Promise.all([
        fates(['load-sample'], env),
        fates(['load-sample', '--dir', extended], env),
        fates(['load-sample'], env),
        fates(['load-sample', '--dir', extended], env),
      ]);
      reading = false;
      await Promise.all(readers);

      for (const run of loads) expect(run.code, run.stderr).toBe(0);
      expect(statuses.length).toBeGreaterThan(0);
      expect(statuses.every((s) => s === 200)).toBe(true);

      // Exactly what loading the two sets one after the other gives, in either order.
      const expected = await tableCounts('sqlite', async (db) => {
        await loadSample(db);
        await loadSample(db, extended);
      });
      expect(
        await tableCounts('sqlite', async (db) => {
          await loadSample(db, extended);
          await loadSample(db);
        }),
      ).toEqual(expected);
      // The database the processes share, opened as they open it.
      const check = await openStorage(engine === 'postgres' ? env.DATABASE_URL! : env.FATES_DB!);
      try {
        expect(await countRows(check.db)).toEqual(expected);
        // Every load that wrote left one change set, and at least the first of each set wrote.
        const sets = await check.db.selectFrom('change_sets').select(['kind']).execute();
        expect(sets.length).toBeGreaterThanOrEqual(2);
        expect(sets.length).toBeLessThanOrEqual(loads.length);
        expect(new Set(sets.map((c) => c.kind))).toEqual(new Set(['sample']));
      } finally {
        await check.close();
      }

      // Both servers show the same archive, including the person only the second set has.
      const pages = await Promise.all([a, b].map((s) => fetch(`${s.url}/en/persons`).then((r) => r.text())));
      expect(pages[0]).toBe(pages[1]);
      expect(pages[0]).toContain('Person, Added');
      const persons = [...pages[0]!.matchAll(/<a href="\/en\/persons\/\d+">/g)].length;
      expect(persons).toBe(expected.persons);
    });

    // Runs after the concurrent loads above (tests in a file run in order).
    it('has every text and name in the search indexes once after the concurrent loads', async () => {
      const reference = await openTestStorage('sqlite');
      try {
        await loadSampleAndIndex(reference);
        await loadSampleAndIndex(reference, extended);
        const app = createApp(reference);
        for (const query of [
          '/en/search?q=jesenska',
          '/en/search?q=moskau',
          '/en/persons?q=buber',
          '/en/persons?q=person',
        ]) {
          const want = found(await (await app.request(query)).text());
          expect(want, query).toBeGreaterThan(0);
          for (const server of servers) {
            expect(found(await (await fetch(`${server.url}${query}`)).text()), `${query} on ${server.url}`).toBe(want);
          }
        }
      } finally {
        await reference.close();
      }
    });
  });
}

describe('fates serve --workers', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fates-workers-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps that many server processes on one port and replaces one that dies', async () => {
    const { DATABASE_URL: _url, FATES_DB: _db, ...base } = process.env;
    const env = { ...base, FATES_DB: path.join(dir, 'archive.sqlite') };
    const storage = await openStorage(env.FATES_DB);
    await migrateToLatest(storage.db);
    await loadSampleAndIndex(storage);
    await storage.close();

    const server = await serve(env, ['--workers', '2']);
    let stderr = '';
    server.process.stderr?.on('data', (d) => (stderr += d));
    try {
      const pid = server.process.pid!;
      expect(children(pid)).toHaveLength(2);
      // Each with a heap limit (WORKER_HEAP_MIB), since none was given.
      for (const child of children(pid))
        expect(fs.readFileSync(`/proc/${child}/cmdline`, 'utf8').split('\0')).toContain('--max-old-space-size=512');
      const get = async () => (await fetch(`${server.url}/en/persons?q=neumann`)).status;
      expect(await Promise.all(Array.from({ length: 16 }, get))).toEqual(Array(16).fill(200));

      const [victim] = children(pid);
      process.kill(victim!, 'SIGKILL');
      await vi.waitFor(() => expect(stderr).toMatch(/ended \(SIGKILL\); starting another/), { timeout: 30_000 });
      await vi.waitFor(
        () => {
          const now = children(pid);
          expect(now).toHaveLength(2);
          expect(now).not.toContain(victim);
        },
        { timeout: 30_000 },
      );
      expect(await Promise.all(Array.from({ length: 16 }, get))).toEqual(Array(16).fill(200));
    } finally {
      await stop(server.process);
    }
    await vi.waitFor(() => expect(children(server.process.pid!)).toEqual([]), { timeout: 10_000 });
  });
});
