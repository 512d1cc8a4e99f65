import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { timeQueries } from '../../bench/query-timing.ts';
import { openSqlite, type Storage } from '../../src/db/connection.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';

// The benchmark's ratio of search time to SQL time is only as honest as the SQL time it is told:
// statements run on the raw handle (search's walks, lists and memory) count as much as Kysely's.
describe('statement timing on SQLite', () => {
  const times: number[] = [];
  let dir = '';
  let storage: Storage;

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fates-timing-'));
    storage = timeQueries(openSqlite(path.join(dir, 'timed.sqlite')), (ms) => times.push(ms));
  });
  afterAll(async () => {
    await storage.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('tells the time of every statement, through Kysely or on the raw handle, once each', async () => {
    const raw = storage.sqlite as NonNullable<Storage['sqlite']>;
    raw.exec('CREATE TABLE t (x INTEGER)');
    times.length = 0;
    await sql`INSERT INTO t (x) VALUES (1), (2), (3)`.execute(storage.db);
    expect(times).toHaveLength(1);
    expect(raw.prepare('SELECT count(*) FROM t').pluck().get()).toBe(3);
    expect(raw.prepare('SELECT x FROM t ORDER BY x').pluck().all()).toEqual([1, 2, 3]);
    raw.prepare('UPDATE t SET x = x + 1').run();
    expect(times).toHaveLength(4);
    // A streamed statement: its start and each step, the last one that finds no more included.
    const streamed = [...(raw.prepare('SELECT x FROM t ORDER BY x').pluck().iterate() as Iterable<number>)];
    expect(streamed).toEqual([2, 3, 4]);
    expect(times).toHaveLength(4 + 1 + 4);
    expect(times.every((ms) => ms >= 0 && Number.isFinite(ms))).toBe(true);
  });
});

describe.runIf(ENGINES.includes('postgres'))('query timing on PostgreSQL', () => {
  it('tells the time of every query through Kysely, in a transaction too, once each', async () => {
    const times: number[] = [];
    const opened = await openTestStorage('postgres');
    try {
      const storage = timeQueries(opened, (ms) => times.push(ms));
      const count = await storage.db
        .selectFrom('persons')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst();
      expect(Number(count?.n)).toBe(0);
      await storage.db.transaction().execute(async (trx) => {
        await sql`SELECT 1`.execute(trx);
        await sql`SELECT 2`.execute(trx);
      });
      expect(times).toHaveLength(3);
      expect(times.every((ms) => ms >= 0 && Number.isFinite(ms))).toBe(true);
    } finally {
      await opened.close();
    }
  });
});
