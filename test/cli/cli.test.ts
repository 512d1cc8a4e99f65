import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { serve, stop } from '../support/processes.ts';
import { FIXTURES } from '../support/storage.ts';

const run = promisify(execFile);
const BIN = path.resolve('bin/fates.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fates-cli-'));

async function fates(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run('node', [BIN, ...args], {
      env: { ...process.env, DATABASE_URL: '' },
      timeout: 60_000,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('the fates command', () => {
  it('prints its help', async () => {
    const { code, stdout } = await fates('--help');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Usage: fates <command>/);
    expect(stdout).toMatch(/load-sample/);
  });

  it('names an unwritable database path clearly, without a stack trace', async () => {
    // Tests run as root, for whom permissions do not stop a write; a file in the way does.
    const blocker = path.join(tmp, 'a-file');
    fs.writeFileSync(blocker, '');
    const { code, stderr } = await fates('start', '--db', path.join(blocker, 'x.sqlite'));
    expect(code).toBe(1);
    expect(stderr).toMatch(/^fates: Cannot open the database file .*a-file\/x\.sqlite: \S/);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it('reports an invalid sample file by file, line and field, and loads nothing', async () => {
    const dir = path.join(tmp, 'broken');
    fs.cpSync(path.join(FIXTURES, 'sample-min'), dir, { recursive: true });
    const file = path.join(dir, 'persons/otto.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('sex: male', 'sex: maybe'));
    const db = path.join(tmp, 'broken.sqlite');
    const { code, stderr } = await fates('load-sample', '--dir', dir, '--db', db);
    expect(code).toBe(1);
    expect(stderr).toMatch(/persons\/otto\.yaml:4: sex: /);
    const check = await fates('check-sample', '--dir', dir);
    expect(check.code).toBe(1);
  });

  it('loads the sample once; a second load writes nothing', async () => {
    const db = path.join(tmp, 'sample.sqlite');
    const first = await fates('load-sample', '--db', db);
    expect(first.stdout).toMatch(/Loaded 18 persons/);
    const second = await fates('load-sample', '--db', db);
    expect(second.stdout).toMatch(/already loaded and unchanged/);
    const reindex = await fates('reindex', '--db', db);
    expect(reindex.stdout).toMatch(/Indexed 18 persons and \d+ texts/);
    // Into a pipe, progress comes as whole lines, never as carriage returns rewriting one line.
    expect(reindex.stderr).not.toContain('\r');
    expect(reindex.stderr).toMatch(/^name index: 18 \/ 18 persons \(100%\), [\d,]+\/s$/m);
    expect(reindex.stderr).toMatch(/^text index: (\d+) \/ \1 records \(100%\)/m);

    // An index whose key implications were never recorded (an older version built it).
    expect((await fates('reindex', '--implications', '--db', db)).stdout).toMatch(/already complete; nothing written/);
    const sqlite = new Database(db);
    sqlite.prepare('DELETE FROM search_key_implies').run();
    sqlite.close();
    const filled = await fates('reindex', '--implications', '--db', db);
    expect(filled.stdout).toMatch(/The key implications are complete/);
    expect(filled.stderr).toMatch(/^key implications: (\d+) \/ \1 person ids \(100%\)/m);
    const check = new Database(db, { readonly: true });
    expect(check.prepare("SELECT count(*) FROM search_key_implies WHERE token = '!complete'").pluck().get()).toBe(1);
    expect(check.prepare("SELECT implied FROM search_key_implies WHERE token = 'vyshinsky'").pluck().get()).toContain(
      's_vixinski',
    );
    check.close();
  });

  it('refuses an unknown command and a bad port', async () => {
    expect((await fates('frobnicate')).stderr).toMatch(/unknown command "frobnicate"/);
    expect((await fates('serve', '--port', 'eighty')).stderr).toMatch(/invalid port "eighty"/);
    expect((await fates('serve', '--workers', 'zero')).stderr).toMatch(/invalid --workers "zero"/);
    const generate = await fates('generate', '--persons', 'lots', '--db', path.join(tmp, 'g.sqlite'));
    expect(generate.code).toBe(1);
    expect(generate.stderr).toMatch(/^fates: .*lots/);
  });

  it('start builds a name index that an upgrade emptied before it serves', async () => {
    const db = path.join(tmp, 'upgraded.sqlite');
    await fates('load-sample', '--db', db);
    const sqlite = new Database(db);
    sqlite.exec('DELETE FROM search_fts; DELETE FROM search_docs;'); // what migration 0006 does to an old index
    sqlite.close();
    const { DATABASE_URL: _url, ...env } = process.env;
    const server = await serve(env, ['--db', db], 'start');
    try {
      expect(server.output()).toMatch(/name index is empty .* building it before serving/);
      const found = (await (await fetch(`${server.url}/api/v1/persons?q=Fabisch`)).json()) as { total: number };
      expect(found.total).toBeGreaterThan(0);
    } finally {
      await stop(server.process);
    }
  });

  it('start says how to record the key implications of an index built without them', async () => {
    const db = path.join(tmp, 'older.sqlite');
    await fates('load-sample', '--db', db);
    const sqlite = new Database(db);
    sqlite.exec('DELETE FROM search_key_implies');
    sqlite.close();
    const { DATABASE_URL: _url, ...env } = process.env;
    const server = await serve(env, ['--db', db], 'start');
    try {
      expect(server.output()).toMatch(/built before key implications were recorded: `fates reindex --implications`/);
    } finally {
      await stop(server.process);
    }
    await fates('reindex', '--implications', '--db', db);
    const again = await serve(env, ['--db', db], 'start');
    try {
      expect(again.output()).not.toMatch(/key implications/);
    } finally {
      await stop(again.process);
    }
  });

  it('reindex --bitsets stores the bitsets of common filters again, and says how many', async () => {
    const db = path.join(tmp, 'generated.sqlite');
    const generated = await fates('generate', '--persons', '400', '--seed', '3', '--db', db);
    expect(generated.code).toBe(0);
    const sqlite = new Database(db);
    const stored = () =>
      Number(sqlite.prepare("SELECT count(*) FROM search_bitset_tokens WHERE token NOT LIKE '!%'").pluck().get());
    // Indexing what was generated stored them: fates, sexes, event types and years had by 64 or more.
    const first = stored();
    expect(first).toBeGreaterThan(5);
    sqlite.exec('DELETE FROM search_bitset_tokens; DELETE FROM search_bitsets;');
    const { code, stdout } = await fates('reindex', '--bitsets', '--db', db);
    expect(code).toBe(0);
    expect(stdout).toContain(`Stored the bitsets of ${first} filters`);
    expect(stored()).toBe(first);
    sqlite.close();
  });
});
