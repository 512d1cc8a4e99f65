import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStorage } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrator.ts';
import { saveRecord } from '../../src/editing/editing.service.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const BIN = path.join(ROOT, 'bin/fates.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'fates-duplicates-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const { DATABASE_URL: _url, ...ENV } = process.env;

function fates(args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: ENV, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('fates duplicates', { timeout: 120_000 }, () => {
  const db = path.join(tmp, 'archive.sqlite');

  it('keeps the likely duplicate pairs for the duplicates page, then compares only what changed', async () => {
    const storage = await openStorage(db);
    await migrateToLatest(storage.db);
    const editor = { userId: null };
    const save = (names: object[]) =>
      saveRecord(storage, editor, { type: 'person', doc: { status: 'published', names } });
    const a = await save([{ kind: 'birth', given: 'Fritz', surname: 'Houtermans' }]);
    const b = await save([{ kind: 'as-written', full: 'Хоутерманс Фриц Георгиевич', lang: 'ru' }]);
    await save([{ kind: 'birth', given: 'Anna', surname: 'Weber' }]);
    await storage.close();

    // How alike the pair is, is record linkage's to tell (test/linkage); here, what the command keeps.
    const first = fates(['duplicates', '--db', db, '--json', '--min-weight=-20']);
    expect(first.stderr).not.toMatch(/Error|at /);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ scope: 'all', persons: 3 });
    const sqlite = new Database(db, { readonly: true });
    const pairs = sqlite.prepare('SELECT person_a, person_b, status FROM duplicate_pairs').all();
    sqlite.close();
    expect(pairs).toEqual([{ person_a: a.id, person_b: b.id, status: 'open' }]);

    const again = fates(['duplicates', '--db', db]);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Compared 0 persons \(the persons changed since the last scan\)/);
  });

  it('refuses a mistaken call with a message and no stack trace', () => {
    for (const [args, message] of [
      [['--person', '1,x'], /invalid --person "1,x"/],
      [['--all', '--person', '1'], /--all or --person, not both/],
      [['--min-weight', 'lots'], /invalid --min-weight "lots"/],
    ] as const) {
      const r = fates(['duplicates', '--db', db, ...args]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
