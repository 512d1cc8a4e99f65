import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { recordAudit } from '../../src/accounts/audit.service.ts';
import { openSession } from '../../src/accounts/session.service.ts';
import { createToken } from '../../src/accounts/token.service.ts';
import { addUser } from '../../src/accounts/user.service.ts';
import { readIdCounter } from '../../src/db/catalog.ts';
import { type EngineName, openStorage, type Storage } from '../../src/db/connection.ts';
import { DumpRefusedError, dumpArchive, dumpedTables } from '../../src/db/dump.ts';
import { DumpError } from '../../src/db/dump-format.ts';
import { migrateToLatest } from '../../src/db/migrator.ts';
import { RestoreRefusedError, restoreArchive } from '../../src/db/restore.ts';
import { ARCHIVE_TABLES } from '../../src/db/tables.ts';
import { mergePersons } from '../../src/merges/merge.service.ts';
import { loadSample } from '../../src/sample/sample-loader.ts';
import { drainIndexQueue } from '../../src/search/index/index-drain.ts';
import { queueRebuild } from '../../src/search/index/search-indexer.ts';
import { SearchService } from '../../src/search/names/person-search.service.ts';
import { searchTexts } from '../../src/search/texts/text-search.service.ts';
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

/** A dump written into memory. */
async function dumpToBuffer(storage: Storage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  await dumpArchive(storage, out, { now: new Date('2026-12-07T00:00:00Z') });
  return Buffer.concat(chunks);
}

/** A dump read in pieces of `size` bytes, as a file arrives. */
function chunked(bytes: Buffer, size = 4096): AsyncIterable<Buffer> {
  return Readable.from(
    Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size)),
  );
}

/** Restores and builds the indexes, as `fates restore` does. */
async function restore(storage: Storage, bytes: Buffer, force = false) {
  const report = await restoreArchive(storage, chunked(bytes), {
    force,
    beforeCommit: (db) => queueRebuild(db, { names: true, texts: true }),
  });
  await drainIndexQueue(storage);
  return report;
}

/** The sample, and the values a lossy dump would change. */
async function sampleArchive(engine: EngineName = 'sqlite'): Promise<Storage> {
  const storage = await open(engine);
  await loadSample(storage.db);
  const db = storage.db;
  const person = await db.selectFrom('persons').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
  await db
    .updateTable('persons')
    .set({ display_name: 'Zoë “Ша” O\'Brien \\ "quoted" \t tab\nnew line 😀 \u0001' })
    .where('id', '=', person.id)
    .execute();
  const place = await db.selectFrom('places').select('id').orderBy('id').executeTakeFirstOrThrow();
  await db
    .updateTable('places')
    .set({ lat: 52.08333333333334, lon: -0.1 + 0.2 })
    .where('id', '=', place.id)
    .execute();
  const source = await db.selectFrom('sources').select('id').orderBy('id').executeTakeFirstOrThrow();
  await db
    .insertInto('document_texts')
    .values({ source_id: source.id, kind: 'transcription', lang: 'ru', text: 'Список\r\nстрока 2 \\N', note: null })
    .execute();
  // A deleted record: its id is not handed out again after a restore.
  const doomed = await db
    .insertInto('persons')
    .values({ display_name: 'Gone', sort_name: 'Gone', sort_key: 'gone', sex: 'unknown', status: 'published' })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.deleteFrom('persons').where('id', '=', doomed.id).execute();
  // A merge, through the service: merges, change sets and revisions with what they moved.
  const [kept, merged] = await db.selectFrom('persons').select('id').orderBy('id').limit(2).execute();
  await mergePersons(storage, { userId: 1 }, { source: merged!.id, target: kept!.id, reason: 'the same man' });
  return storage;
}

/** The tables a restore writes (all but the private ones), as the test helper reads them. */
async function restoredTables(storage: Storage): Promise<Record<string, unknown[]>> {
  const tables = await dumpTables(storage);
  for (const t of ARCHIVE_TABLES) if ('private' in t) delete tables[t.name];
  return tables;
}

/** What the name and text searches find for a few queries: ids in order and totals. */
async function searchResults(storage: Storage) {
  const out: unknown[] = [];
  for (const q of ['Фабиш', 'Fabisch', 'Müller', 'Jesenská', 'Иван']) {
    const found = await new SearchService(storage).search({ q, sort: 'relevance', limit: 20, offset: 0 });
    out.push({ q, total: found.total, ids: found.results.map((r) => r.id) });
  }
  for (const q of ['jesenska', 'Moskau', 'erschossen']) {
    const found = await searchTexts(storage, q, 20);
    out.push({ q, total: found.total });
  }
  return out;
}

/** Accounts with every kind of secret and contact detail, and the strings none of them may leave in. */
async function addAccounts(storage: Storage): Promise<string[]> {
  const actor = { user: null, via: 'cli' as const };
  const user = await addUser(
    storage.db,
    {
      name: 'anna.contributor',
      displayName: 'Anna Kontaktperson',
      role: 'editor',
      password: 'correct horse battery 42',
    },
    actor,
  );
  const session = await openSession(storage.db, user.id, { idleMinutes: 60, maxHours: 12 });
  const token = await createToken(storage.db, user.id, { label: 'harvester at the Landesarchiv' }, actor);
  await recordAudit(storage.db, {
    actor: { user: { id: user.id, name: user.name }, via: 'web', address: '203.0.113.77' },
    action: 'person_merge',
    target: 'person:1',
    detail: 'by Anna Kontaktperson',
  });
  const stored = await storage.db
    .selectFrom('users')
    .innerJoin('api_tokens', 'api_tokens.user_id', 'users.id')
    .select(['users.password_hash', 'api_tokens.token_hash'])
    .executeTakeFirstOrThrow();
  const sessionRow = await storage.db.selectFrom('sessions').select('token_hash').executeTakeFirstOrThrow();
  return [
    'anna.contributor',
    'Kontaktperson',
    'correct horse battery',
    stored.password_hash,
    stored.password_hash.split('$').at(-1) as string,
    session,
    sessionRow.token_hash,
    token.token,
    stored.token_hash,
    'Landesarchiv',
    '203.0.113.77',
  ];
}

describe(`fates dump and restore (sqlite → ${MIDDLE} → sqlite)`, () => {
  it('moves every table row for row, with ids and id counters, and the restored archive is searchable', async () => {
    const a = await sampleArchive();
    const b = await open(MIDDLE);
    const c = await open('sqlite');
    const report = await restore(b, await dumpToBuffer(a));
    await restore(c, await dumpToBuffer(b));

    const original = await restoredTables(a);
    const empty = Object.entries(original).filter(([, rows]) => rows.length === 0);
    // The sample has no imported list files, likely duplicates or photos yet.
    expect(empty.map(([name]) => name)).toEqual([
      'list_files',
      'list_file_chunks',
      'duplicate_pairs',
      'media',
      'media_files',
    ]);
    expect(await restoredTables(b)).toEqual(original);
    expect(await restoredTables(c)).toEqual(original);
    expect(report.tables.map((t) => t.name)).toEqual(
      ARCHIVE_TABLES.filter((t) => !('private' in t)).map((t) => t.name),
    );
    // Row counts table by table, and what searches find, the same at every step.
    const counts = (tables: Record<string, unknown[]>) =>
      Object.fromEntries(Object.entries(tables).map(([name, rows]) => [name, rows.length]));
    expect(report.tables.map((t) => [t.name, t.rows])).toEqual(Object.entries(counts(original)));
    const found = await searchResults(a);
    expect(found.filter((r) => (r as { total: number }).total > 0).length).toBeGreaterThanOrEqual(4);
    expect(await searchResults(b)).toEqual(found);
    expect(await searchResults(c)).toEqual(found);
    for (const table of ARCHIVE_TABLES.filter((t) => 'generatedId' in t && !('private' in t))) {
      const counter = await readIdCounter(a.db, table.name);
      expect(await readIdCounter(b.db, table.name), table.name).toBe(counter);
      expect(await readIdCounter(c.db, table.name), table.name).toBe(counter);
    }

    for (const target of [b, c]) {
      const found = await new SearchService(target).search({ q: 'Фабиш', sort: 'relevance', limit: 5, offset: 0 });
      expect(found.results[0]?.name).toBe('Ernst Fabisch');
      expect((await searchTexts(target, 'jesenska', 5)).total).toBeGreaterThan(0);
      const pending = await target.db.selectFrom('index_queue').select('id').execute();
      expect(pending).toEqual([]);
    }
  });

  it('writes the same dump again from the restored archive, byte for byte', async () => {
    const a = await sampleArchive();
    const b = await open(MIDDLE);
    const first = await dumpToBuffer(a);
    await restore(b, first);
    const again = (await dumpToBuffer(b)).toString('utf8').replace(/"engine":"\w+"/, '"engine":"sqlite"');
    expect(again.split('\n').slice(0, -2)).toEqual(first.toString('utf8').split('\n').slice(0, -2));
  });
});

for (const engine of ENGINES) {
  describe(`fates restore refuses what it cannot restore whole (${engine})`, () => {
    it('refuses a truncated or changed file, leaving the target as it was', async () => {
      const a = await sampleArchive();
      const bytes = await dumpToBuffer(a);
      const lines = bytes.toString('utf8').split('\n');
      const b = await open(engine);
      await loadSample(b.db);
      const before = await dumpTables(b);
      const cuts = {
        'in the middle of a row': bytes.subarray(0, Math.floor(bytes.length * 0.6)),
        'after a whole line, without its end': Buffer.from(`${lines.slice(0, 40).join('\n')}\n`),
        'without its last line': Buffer.from(`${lines.slice(0, -2).join('\n')}\n`),
        'with a changed value': Buffer.from(bytes.toString('utf8').replace('Ernst', 'Ernest')),
        'with a row missing': Buffer.from(
          `${lines.filter((l) => !l.includes('"Ernst Fabisch"') || !l.startsWith('[')).join('\n')}`,
        ),
      };
      for (const [how, cut] of Object.entries(cuts)) {
        const error = await restore(b, cut, true).catch((e: unknown) => e);
        expect(error, how).toBeInstanceOf(DumpError);
        expect(await dumpTables(b), how).toEqual(before);
      }
      const missing = await restore(b, Buffer.from(bytes.toString('utf8').replace('Ernst', 'Ernest')), true).catch(
        (e: unknown) => e,
      );
      expect((missing as Error).message).toMatch(/checksum does not match/);
      const truncated = await restore(b, cuts['without its last line'], true).catch((e: unknown) => e);
      expect((truncated as Error).message).toMatch(/truncated/);
    });

    it('refuses a dump from a newer schema, and one that is not a dump', async () => {
      const a = await sampleArchive();
      const text = (await dumpToBuffer(a)).toString('utf8');
      const b = await open(engine);
      const newer = text.replace('"0060-index-queue"', '"0060-index-queue","9999-from-the-future"');
      const error = await restore(b, Buffer.from(newer)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DumpError);
      expect((error as Error).message).toMatch(/newer schema \(migrations 9999-from-the-future are unknown here\)/);
      const format = await restore(b, Buffer.from(text.replace('"version":1', '"version":2'))).catch((e: unknown) => e);
      expect((format as Error).message).toMatch(/format version 2, newer than/);
      const other = await restore(b, Buffer.from('id,name\n1,x\n')).catch((e: unknown) => e);
      expect(other).toBeInstanceOf(DumpError);
      expect(await b.db.selectFrom('persons').select('id').execute()).toEqual([]);
    });

    it('refuses a target that holds an archive, and replaces it with force', async () => {
      const a = await sampleArchive();
      const bytes = await dumpToBuffer(a);
      const b = await open(engine);
      await b.db
        .insertInto('persons')
        .values({ display_name: 'Other', sort_name: 'Other', sort_key: 'other', sex: 'unknown', status: 'published' })
        .execute();
      const before = await dumpTables(b);
      const refused = await restore(b, bytes).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(RestoreRefusedError);
      expect(await dumpTables(b)).toEqual(before);
      expect(await b.db.selectFrom('index_queue').select('id').execute()).toEqual([]);
      expect((refused as Error).message).toMatch(/is not empty \(1 persons\); give --force to replace its contents/);
      await restore(b, bytes, true);
      expect(await restoredTables(b)).toEqual(await restoredTables(a));
      const other = await new SearchService(b).search({ q: 'Other', sort: 'relevance', limit: 5, offset: 0 });
      expect(other.results).toEqual([]);
    });

    it('refuses a truncated or changed file on an empty target, which stays empty, index and queue too', async () => {
      const a = await sampleArchive();
      const lines = (await dumpToBuffer(a)).toString('utf8').split('\n');
      const b = await open(engine);
      const empty = await dumpTables(b);
      // The crash comes late: every row is written in the restore's transaction before the bad line.
      const cuts = {
        'a corrupt last line': `${lines.slice(0, -2).join('\n')}\n{"end":tru\n`,
        'a corrupt row before the last line': `${lines.slice(0, -3).join('\n')}\n["1",\n${lines.slice(-2).join('\n')}`,
        'a last line that miscounts': lines.join('\n').replace(/"persons":\d+/, '"persons":1'),
      };
      for (const [how, text] of Object.entries(cuts)) {
        const error = await restore(b, Buffer.from(text)).catch((e: unknown) => e);
        expect(error, how).toBeInstanceOf(DumpError);
        expect(await dumpTables(b), how).toEqual(empty);
        expect(await b.db.selectFrom('index_queue').select('id').execute(), how).toEqual([]);
        expect(await b.db.selectFrom('search_docs').select('person_id').execute(), how).toEqual([]);
      }
      // Nothing half-done stands in the way: the whole file restores afterwards, without --force.
      await restore(b, Buffer.from(lines.join('\n')));
      expect(await restoredTables(b)).toEqual(await restoredTables(a));
    });

    it("never writes sessions, tokens, passwords or contributors' details into a dump", async () => {
      const a = await sampleArchive();
      const secrets = await addAccounts(a);
      const text = (await dumpToBuffer(a)).toString('utf8');
      for (const secret of secrets) expect(text.includes(secret), secret).toBe(false);
      expect(text).not.toMatch(/scrypt|fates_|token_hash|password/i);
      const header = JSON.parse(text.slice(0, text.indexOf('\n'))) as { tables: { name: string }[]; omitted: string[] };
      expect(header.omitted.sort()).toEqual([
        'api_tokens',
        'audit_log',
        'contribution_attempts',
        'contribution_files',
        'contribution_messages',
        'contribution_proposals',
        'contributions',
        'mail_outbox',
        'proposals',
        'sessions',
        'sign_in_failures',
        'users',
      ]);
      expect(header.tables.map((t) => t.name)).not.toContain('users');
      // The archive itself is all there, and a restore brings no account along.
      const b = await open(engine);
      await restore(b, Buffer.from(text));
      expect(await restoredTables(b)).toEqual(await restoredTables(a));
      expect(await b.db.selectFrom('users').select('id').execute()).toEqual([]);
      expect(await b.db.selectFrom('sessions').select('token_hash').execute()).toEqual([]);
    });

    it('restores into a fresh installation, keeping its administrator, and takes no accounts from a file', async () => {
      const a = await sampleArchive();
      const bytes = await dumpToBuffer(a);
      const b = await open(engine);
      await addUser(
        b.db,
        { name: 'admin', role: 'admin', password: 'a long enough password 1' },
        { user: null, via: 'cli' },
      );
      await restore(b, bytes);
      await restore(b, bytes, true);
      expect(await b.db.selectFrom('users').select('name').execute()).toEqual([{ name: 'admin' }]);
      expect(await restoredTables(b)).toEqual(await restoredTables(a));

      const text = bytes.toString('utf8');
      const header = JSON.parse(text.slice(0, text.indexOf('\n'))) as { tables: object[] };
      header.tables.push({ name: 'users', columns: ['id', 'name', 'password_hash'], rows: 0 });
      const smuggled = `${JSON.stringify(header)}${text.slice(text.indexOf('\n'))}`;
      const error = await restore(b, Buffer.from(smuggled), true).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(DumpError);
      expect((error as Error).message).toMatch(/holds users, which a dump never holds/);
    });
  });
}

describe('the tables a dump leaves out', () => {
  it('leaves private and ephemeral tables out, and refuses a table named for secrets that is not private', () => {
    const { dumped, omitted } = dumpedTables();
    expect(omitted.sort()).toEqual([
      'api_tokens',
      'audit_log',
      'contribution_attempts',
      'contribution_files',
      'contribution_messages',
      'contribution_proposals',
      'contributions',
      'mail_outbox',
      'proposals',
      'sessions',
      'sign_in_failures',
      'users',
    ]);
    expect(dumped.map((t) => t.name)).not.toContain('users');
    const tables = [...ARCHIVE_TABLES, { name: 'reset_tokens', key: ['id'] }] as never;
    expect(() => dumpedTables(tables)).toThrow(DumpRefusedError);
    expect(() => dumpedTables(tables)).toThrow(
      /reset_tokens may hold secrets: mark them in src\/db\/tables.ts as private/,
    );
    const marked = [...ARCHIVE_TABLES, { name: 'reset_tokens', key: ['id'], private: true }] as never;
    expect(dumpedTables(marked).omitted).toContain('reset_tokens');
    expect(dumpedTables(marked).dumped.map((t) => t.name)).not.toContain('reset_tokens');
  });
});

describe('fates dump and fates restore from the command line', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fates-dump-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const fates = (...args: string[]) =>
    promisify(execFile)(process.execPath, [path.resolve('bin/fates.js'), ...args], {
      env: { ...process.env, DATABASE_URL: '' },
    }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => e,
    );

  it('dumps and restores with progress, compressed or not, and refuses a non-empty target', {
    timeout: 240_000,
  }, async () => {
    const source = path.join(dir, 'source.sqlite');
    const a = await openStorage(source);
    await migrateToLatest(a.db);
    await loadSample(a.db);
    await a.close();
    const database = MIDDLE === 'postgres' ? await createTestDatabase() : undefined;
    const target = database?.url ?? path.join(dir, 'target.sqlite');
    try {
      for (const file of ['archive.jsonl', 'archive.jsonl.gz']) {
        const dumped = await fates('dump', path.join(dir, file), '--db', source);
        expect(dumped.code, dumped.stderr).toBe(0);
        expect(dumped.stdout).toMatch(/^Dumped [\d,]+ rows of \d+ tables from .*source\.sqlite to .*archive\.jsonl/);
        expect(dumped.stderr).toMatch(/^persons +18 \/ 18 rows \(100%\)/m);
      }
      expect(fs.existsSync(path.join(dir, 'archive.jsonl.part'))).toBe(false);
      const restored = await fates('restore', path.join(dir, 'archive.jsonl.gz'), '--db', target);
      expect(restored.code, restored.stderr).toBe(0);
      expect(restored.stdout).toMatch(/^Restored [\d,]+ rows of \d+ tables into /m);
      expect(restored.stdout).toMatch(
        /^Indexed 18 persons and \d+ texts; searchable [\d.]+ s after the restore began/m,
      );
      expect(restored.stderr).toMatch(/^name index: 18 \/ 18 persons \(100%\)/m);

      const refused = await fates('restore', path.join(dir, 'archive.jsonl'), '--db', target);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^fates: .* is not empty \(.*\); give --force to replace its contents/);
      const forced = await fates('restore', path.join(dir, 'archive.jsonl'), '--db', target, '--force');
      expect(forced.code, forced.stderr).toBe(0);

      fs.writeFileSync(path.join(dir, 'cut.jsonl'), fs.readFileSync(path.join(dir, 'archive.jsonl')).subarray(0, 5000));
      const cut = await fates('restore', path.join(dir, 'cut.jsonl'), '--db', path.join(dir, 'cut.sqlite'));
      expect(cut.code).toBe(1);
      expect(cut.stderr).toMatch(/^fates: the file (stops in the middle|has no last line).*truncated/m);
      expect(cut.stderr).not.toMatch(/\n\s+at /);
      const nothing = await openStorage(path.join(dir, 'cut.sqlite'));
      const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM persons`.execute(nothing.db);
      await nothing.close();
      expect(Number(rows[0]?.n)).toBe(0);
    } finally {
      await database?.drop();
    }
  });
});
