import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { readIdCounter } from '../../src/db/catalog.ts';
import { type EngineName, openStorage, type Storage } from '../../src/db/connection.ts';
import { DumpRefusedError, dumpArchive, dumpedTables } from '../../src/db/dump.ts';
import { DumpError } from '../../src/db/dump-format.ts';
import { migrateToLatest } from '../../src/db/migrator.ts';
import { RestoreRefusedError, restoreArchive } from '../../src/db/restore.ts';
import { ARCHIVE_TABLES } from '../../src/db/tables.ts';
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
  return storage;
}

describe(`fates dump and restore (sqlite → ${MIDDLE} → sqlite)`, () => {
  it('moves every table row for row, with ids and id counters, and the restored archive is searchable', async () => {
    const a = await sampleArchive();
    const b = await open(MIDDLE);
    const c = await open('sqlite');
    const report = await restore(b, await dumpToBuffer(a));
    await restore(c, await dumpToBuffer(b));

    const original = await dumpTables(a);
    expect(Object.values(original).every((rows) => rows.length > 0)).toBe(true);
    expect(await dumpTables(b)).toEqual(original);
    expect(await dumpTables(c)).toEqual(original);
    expect(report.tables.map((t) => t.name)).toEqual(ARCHIVE_TABLES.map((t) => t.name));
    for (const table of ARCHIVE_TABLES.filter((t) => 'generatedId' in t)) {
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

  it('refuses a truncated or changed file, leaving the target as it was', async () => {
    const a = await sampleArchive();
    const bytes = await dumpToBuffer(a);
    const lines = bytes.toString('utf8').split('\n');
    const b = await open(MIDDLE);
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
    const b = await open(MIDDLE);
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
    const b = await open(MIDDLE);
    await b.db
      .insertInto('persons')
      .values({ display_name: 'Other', sort_name: 'Other', sort_key: 'other', sex: 'unknown', status: 'published' })
      .execute();
    const refused = await restore(b, bytes).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(RestoreRefusedError);
    expect((refused as Error).message).toMatch(/is not empty \(1 persons\); give --force to replace its contents/);
    await restore(b, bytes, true);
    expect(await dumpTables(b)).toEqual(await dumpTables(a));
    const other = await new SearchService(b).search({ q: 'Other', sort: 'relevance', limit: 5, offset: 0 });
    expect(other.results).toEqual([]);
  });

  it('leaves tables of secrets out, and refuses one that is not marked either way', () => {
    const tables = [...ARCHIVE_TABLES, { name: 'sessions', key: ['id'] }] as never;
    expect(() => dumpedTables(tables)).toThrow(DumpRefusedError);
    expect(() => dumpedTables(tables)).toThrow(/sessions may hold secrets: mark them in src\/db\/tables.ts/);
    const marked = [...ARCHIVE_TABLES, { name: 'sessions', key: ['id'], dump: 'omit' }] as never;
    expect(dumpedTables(marked).omitted).toEqual(['sessions']);
    expect(dumpedTables(marked).dumped.map((t) => t.name)).not.toContain('sessions');
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

  it('dumps and restores with progress, compressed or not, and refuses a non-empty target', async () => {
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
