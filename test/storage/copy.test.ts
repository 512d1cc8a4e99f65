import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { COMMAND_LINE } from '../../src/accounts/audit.ts';
import { openSession } from '../../src/accounts/session.service.ts';
import { DEFAULT_ACCOUNT_SETTINGS } from '../../src/accounts/settings.ts';
import { createToken } from '../../src/accounts/token.service.ts';
import { addUser } from '../../src/accounts/user.service.ts';
import { type EngineName, openStorage, type Storage } from '../../src/db/connection.ts';
import { type CopyProgress, CopyRefusedError, copyArchive } from '../../src/db/copy.ts';
import { migrateToLatest } from '../../src/db/migrator.ts';
import { ARCHIVE_TABLES } from '../../src/db/tables.ts';
import { upsertDuplicatePair } from '../../src/merges/merge.repository.ts';
import { mergePersons } from '../../src/merges/merge.service.ts';
import { loadSample } from '../../src/sample/sample-loader.ts';
import { insertContributionRows } from '../support/contributions.ts';
import { createTestDatabase } from '../support/postgres.ts';
import { dumpTables, ENGINES, openTestStorage } from '../support/storage.ts';

// The middle of the round trip: PostgreSQL when the run has it, else a second SQLite file.
const MIDDLE: EngineName = ENGINES.includes('postgres') ? 'postgres' : 'sqlite';

const opened: Storage[] = [];
async function open(engine: EngineName): Promise<Storage> {
  const storage = await openTestStorage(engine);
  opened.push(storage);
  return storage;
}
afterEach(async () => {
  for (const s of opened.splice(0)) await s.close();
});

/** A person row with every required column. */
const person = (name: string) => ({
  display_name: name,
  sort_name: name,
  sort_key: name.toLowerCase(),
  sex: 'unknown',
  status: 'published',
});

/** The real sample data, plus the cases a naive copy gets wrong. */
async function sampleArchive(): Promise<Storage> {
  const source = await open('sqlite');
  await loadSample(source.db);
  const db = source.db;
  const persons = await db.selectFrom('persons').select('id').orderBy('id').execute();
  const first = persons[0]!.id;
  const last = persons[persons.length - 1]!.id;
  // A row that refers to a later row of its own table: inserted in id order, it would break the foreign key.
  await db.updateTable('persons').set({ merged_into: last }).where('id', '=', first).execute();
  // A merge and a likely duplicate pair (migration 0031), so that their tables hold something too.
  const changeSet = await db.selectFrom('change_sets').select('id').executeTakeFirstOrThrow();
  await db
    .insertInto('merges')
    .values({ source_id: first, target_id: last, change_set_id: changeSet.id, moved: '{}' })
    .execute();
  await db
    .insertInto('duplicate_pairs')
    .values({ person_a: persons[1]!.id, person_b: persons[2]!.id, weight: 12.5, evidence: '[]' })
    .execute();
  // A deleted record: its id must not be handed out again on the target.
  const doomed = await db.insertInto('persons').values(person('Deleted')).returning('id').executeTakeFirstOrThrow();
  await db.deleteFrom('persons').where('id', '=', doomed.id).execute();
  // The sample has no transcriptions yet, and every table should hold something.
  const source1 = await db.selectFrom('sources').select('id').orderBy('id').executeTakeFirstOrThrow();
  await db
    .insertInto('document_texts')
    .values({ source_id: source1.id, kind: 'transcription', lang: 'ru', text: 'Список\nстрока 2', note: null })
    .execute();
  // A list's original file: bytes of every value, which a copy through text would mangle.
  const file = await db
    .insertInto('list_files')
    .values({ source_id: source1.id, sha256: '0'.repeat(64), name: 'liste.csv', size: 256, complete: 1 })
    .returning('id')
    .executeTakeFirstOrThrow();
  const bytes = Uint8Array.from({ length: 256 }, (_, i) => i);
  await db.insertInto('list_file_chunks').values({ file_id: file.id, seq: 0, data: bytes }).execute();
  // Text that a lossy copy would mangle.
  await db.updateTable('persons').set({ display_name: "Zoë “Ша” O'Brien \\ %_ 😀" }).where('id', '=', last).execute();
  // An editor with a token and an audit trail, who is signed in: the session stays behind.
  const user = await addUser(db, { name: 'mensing', role: 'editor', password: 'a long enough password' }, COMMAND_LINE);
  await createToken(db, user.id, { label: 'import' }, COMMAND_LINE);
  await openSession(db, user.id, DEFAULT_ACCOUNT_SETTINGS);
  // A reviewer's proposal waiting for an editor.
  await db
    .insertInto('proposals')
    .values({
      record_type: 'person',
      record_id: first,
      base_revision: 0,
      document: '{}',
      reason: null,
      user_id: user.id,
    })
    .execute();
  // A contribution with its file and a medium with its bytes, which must arrive byte for byte.
  await insertContributionRows(db, first);
  // A merge (with its change set and revisions) and a likely duplicate awaiting an editor.
  await mergePersons(
    source,
    { userId: user.id },
    { source: persons[1]!.id, target: persons[2]!.id, reason: 'One man.' },
  );
  await upsertDuplicatePair(db, { person_a: persons[3]!.id, person_b: persons[4]!.id, weight: 7.5, evidence: '[]' });
  return source;
}

async function nextPersonId(storage: Storage): Promise<number> {
  const row = await storage.db.insertInto('persons').values(person('New')).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

describe(`fates copy (sqlite → ${MIDDLE} → sqlite)`, () => {
  it('copies every table row for row, with ids, links and id counters', async () => {
    const a = await sampleArchive();
    const b = await open(MIDDLE);
    const c = await open('sqlite');
    const progress: CopyProgress[] = [];

    const report = await copyArchive(a, b, { batchSize: 7, onProgress: (p) => progress.push(p) });
    await copyArchive(b, c, { batchSize: 1000 });

    const original = await dumpTables(a);
    expect(Object.values(original).every((rows) => rows.length > 0)).toBe(true);
    expect(await dumpTables(b)).toEqual(original);
    expect(await dumpTables(c)).toEqual(original);
    // Sessions belong to the running installation: a copy signs everyone out.
    expect(await b.db.selectFrom('sessions').selectAll().execute()).toEqual([]);

    expect(report.tables.map((t) => t.name)).toEqual(ARCHIVE_TABLES.map((t) => t.name));
    expect(report.rows).toBe(Object.values(original).reduce((n, rows) => n + rows.length, 0));
    const names = original.names!.length;
    expect(progress.filter((p) => p.table === 'names').map((p) => p.copied)).toEqual([
      0,
      ...Array.from({ length: Math.ceil(names / 7) }, (_, i) => Math.min((i + 1) * 7, names)),
    ]);

    // The deleted person's id stays used on both targets, as it is on the source.
    const expected = await nextPersonId(a);
    expect(await nextPersonId(b)).toBe(expected);
    expect(await nextPersonId(c)).toBe(expected);
  });

  it('refuses a target that holds data, and replaces it with --force', async () => {
    const a = await sampleArchive();
    const b = await open(MIDDLE);
    await b.db.insertInto('meta').values({ key: 'left-over', value: 'x' }).execute();
    await b.db.insertInto('persons').values(person('Other')).execute();

    const refused = await copyArchive(a, b).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(CopyRefusedError);
    expect((refused as Error).message).toMatch(/is not empty \(1 persons, 1 meta\); give --force/);

    await copyArchive(a, b, { force: true });
    expect(await dumpTables(b)).toEqual(await dumpTables(a));
  });

  it('leaves the target untouched when the copy fails half-way', async () => {
    const a = await sampleArchive();
    const b = await open(MIDDLE);
    await b.db.insertInto('meta').values({ key: 'kept', value: 'yes' }).execute();
    const before = await dumpTables(b);
    // A citation pointing at a source that does not exist: the target's foreign key refuses it.
    await sql`PRAGMA foreign_keys = OFF`.execute(a.db);
    await a.db
      .updateTable('citations')
      .set({ source_id: 999_999 })
      .where('id', '=', sql<number>`(SELECT max(id) FROM citations)`)
      .execute();

    await expect(copyArchive(a, b, { force: true })).rejects.toThrow();
    expect(await dumpTables(b)).toEqual(before);
  });

  it('refuses a table it does not know, rather than leaving it behind', async () => {
    const a = await sampleArchive();
    const b = await open(MIDDLE);
    await sql`CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)`.execute(a.db);
    await expect(copyArchive(a, b)).rejects.toThrow(/tables that fates copy does not know: notes/);
  });

  it('rebuilds derived data on the target through afterCopy, once committed', async () => {
    const a = await sampleArchive();
    const b = await open(MIDDLE);
    let seen = -1;
    await copyArchive(a, b, {
      afterCopy: async (target) => {
        seen = (
          await target.db
            .selectFrom('persons')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n;
      },
    });
    expect(seen).toBe((await dumpTables(a)).persons!.length);
  });

  it('runs from the command line, with progress on stderr, and rebuilds the search index', {
    timeout: 180_000,
  }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fates-copy-'));
    const source = path.join(dir, 'source.sqlite');
    const a = await openStorage(source);
    await migrateToLatest(a.db);
    await loadSample(a.db);
    await a.close();
    const database = MIDDLE === 'postgres' ? await createTestDatabase() : undefined;
    const target = database?.url ?? path.join(dir, 'target.sqlite');
    const fates = (...args: string[]) =>
      promisify(execFile)(process.execPath, [path.resolve('bin/fates.js'), 'copy', ...args]).then(
        (r) => ({ code: 0, ...r }),
        (e: { code: number; stdout: string; stderr: string }) => e,
      );
    try {
      const done = await fates('--from', source, '--to', target);
      expect(done.code, done.stderr).toBe(0);
      expect(done.stdout).toMatch(
        new RegExp(`^Copied [\\d,]+ rows in ${ARCHIVE_TABLES.length} tables from .*source\\.sqlite to `),
      );
      expect(done.stderr).toMatch(/^persons +18 \/ 18 rows +[\d,]+ rows\/s$/m);
      expect(done.stderr).toContain('Rebuilding the search indexes on the target');
      const copied = await openStorage(target);
      const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM search_docs`.execute(copied.db);
      await copied.close();
      expect(Number(rows[0]!.n)).toBeGreaterThan(0);
      const password = database ? new URL(database.url).password : undefined;
      if (password) expect(done.stdout + done.stderr).not.toContain(password);

      const refused = await fates('--from', source, '--to', target);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/is not empty \(.*\); give --force to replace its contents/);
      const missing = await fates('--from', path.join(dir, 'nope.sqlite'), '--to', target);
      expect(missing.stderr).toMatch(/the source file .*nope\.sqlite does not exist/);
      expect(fs.existsSync(path.join(dir, 'nope.sqlite'))).toBe(false);
    } finally {
      await database?.drop();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
