import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { isStorageUnavailable, openStorage, type Storage, StorageOpenError } from '../../src/db/connection.ts';
import { currentTimestamp, lockForWriting } from '../../src/db/engine.ts';
import { parsePostgresUrl } from '../../src/db/postgres.ts';
import { ARCHIVE_TABLES } from '../../src/db/tables.ts';
import { loadSample } from '../../src/sample/sample-loader.ts';
import { adminPool, createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { databaseUrl, quoteIdent } from '../support/postgres-server.ts';
import { ENGINES, FIXTURES, openTestStorage } from '../support/storage.ts';
import { tcpProxy } from '../support/tcp-proxy.ts';

const TIMESTAMP = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/;

for (const engine of ENGINES) {
  describe(`same runtime values on ${engine}`, () => {
    let storage: Storage;
    beforeAll(async () => {
      storage = await openTestStorage(engine);
    });
    afterAll(async () => {
      await storage.close();
    });

    it('writes timestamps as YYYY-MM-DD HH:MM:SS text, by default and when updated', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fates-sample-'));
      fs.cpSync(path.join(FIXTURES, 'sample-min'), dir, { recursive: true });
      await loadSample(storage.db, dir);
      const file = path.join(dir, 'persons/otto.yaml');
      fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('display: Otto Müller', 'display: Otto Mueller'));
      await loadSample(storage.db, dir);
      fs.rmSync(dir, { recursive: true, force: true });
      const otto = await storage.db
        .selectFrom('persons')
        .select(['created_at', 'updated_at'])
        .where('key', '=', 'otto')
        .executeTakeFirstOrThrow();
      expect(otto.created_at).toMatch(TIMESTAMP);
      expect(otto.updated_at).toMatch(TIMESTAMP);
      const { rows } = await sql<{ now: string }>`SELECT ${currentTimestamp(storage.db)} AS now`.execute(storage.db);
      expect(rows[0]!.now).toMatch(TIMESTAMP);
      expect(Math.abs(Date.parse(`${rows[0]!.now}Z`) - Date.now())).toBeLessThan(60_000);
    });

    it('returns counts, sums and truth values as numbers and JSON as text', async () => {
      const { rows } = await sql<Record<string, unknown>>`
        SELECT count(*) AS n, sum(id) AS total, 1 < 2 AS yes, 1 > 2 AS no, avg(1.5) AS average,
               max(created_at) AS latest
          FROM persons`.execute(storage.db);
      const row = rows[0]!;
      expect(typeof row.n).toBe('number');
      expect(typeof row.total).toBe('number');
      expect(row.average).toBe(1.5);
      expect([row.yes, row.no]).toEqual([1, 0]);
      expect(row.latest).toMatch(TIMESTAMP);
      const count = await storage.db
        .selectFrom('persons')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      expect(count.n).toBe(row.n);
    });

    it('refuses lockForWriting outside a transaction', async () => {
      await expect(lockForWriting(storage.db, 'test')).rejects.toThrow(/inside a transaction/);
    });

    // SQLite has a single connection per storage; its lock is shown across processes in
    // test/multiprocess. On PostgreSQL the pool gives each transaction its own connection, so
    // the test exists for that engine only.
    if (engine === 'postgres')
      it('lets one transaction at a time past lockForWriting', async () => {
        const order: string[] = [];
        let release!: () => void;
        const held = new Promise<void>((resolve) => {
          release = resolve;
        });
        const first = storage.db.transaction().execute(async (trx) => {
          await lockForWriting(trx, 'test');
          order.push('first locked');
          await held;
          await trx.insertInto('meta').values({ key: 'lock-test', value: 'first' }).execute();
          order.push('first done');
        });
        await new Promise((r) => setTimeout(r, 50));
        const second = storage.db.transaction().execute(async (trx) => {
          await lockForWriting(trx, 'test');
          const row = await trx.selectFrom('meta').select('value').where('key', '=', 'lock-test').executeTakeFirst();
          order.push(`second saw ${row?.value}`);
        });
        await new Promise((r) => setTimeout(r, 100));
        expect(order).toEqual(['first locked']);
        release();
        await Promise.all([first, second]);
        expect(order).toEqual(['first locked', 'first done', 'second saw first']);
      });
  });
}

describe('PostgreSQL URL and pool size', () => {
  it('reads the pool size from the URL, else DATABASE_POOL_SIZE, else 10, and hides the password', () => {
    const url = 'postgres://fates:s%40cret@db.example:6543/archive?sslmode=require&pool_size=25';
    const t = parsePostgresUrl(url, {}, {});
    expect(t).toMatchObject({
      poolSize: 25,
      user: 'fates',
      database: 'archive',
      location: 'postgres://fates@db.example:6543/archive',
    });
    expect(t.connectionString).not.toContain('pool_size');
    expect(t.connectionString).toContain('sslmode=require');
    expect(parsePostgresUrl('postgres://u@h/d', {}, { DATABASE_POOL_SIZE: '4' }).poolSize).toBe(4);
    expect(parsePostgresUrl('postgres://u@h/d', {}, {}).poolSize).toBe(10);
    expect(parsePostgresUrl('postgres://u@h/d?pool_size=3', { poolSize: 2 }, {}).poolSize).toBe(2);
  });

  it('names what is wrong with a URL, without repeating its password', () => {
    const message = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        expect(error).toBeInstanceOf(StorageOpenError);
        return (error as Error).message;
      }
      throw new Error('no error');
    };
    expect(message(() => parsePostgresUrl('postgres://u:hunter2@host:port/db'))).toMatch(/URL is malformed/);
    expect(message(() => parsePostgresUrl('postgres://u:hunter2@host:port/db'))).not.toContain('hunter2');
    expect(message(() => parsePostgresUrl('postgres://u:hunter2@host:5432'))).toMatch(/names no database/);
    expect(message(() => parsePostgresUrl('postgres://u@h/d?pool_size=0'))).toMatch(
      /pool_size in the URL must be a whole number/,
    );
    expect(message(() => parsePostgresUrl('postgres://u@h/d', {}, { DATABASE_POOL_SIZE: 'ten' }))).toMatch(
      /DATABASE_POOL_SIZE/,
    );
  });
});

describe.skipIf(!ENGINES.includes('postgres'))('PostgreSQL at start and when the connection fails', () => {
  const server = () => inject('testPostgres')!;
  const admin = () => adminPool(server().adminUrl);
  const cleanup: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const fn of cleanup.splice(0).reverse()) await fn();
  });

  async function testDatabase(): Promise<TestDatabase> {
    const database = await createTestDatabase();
    cleanup.push(() => database.drop());
    return database;
  }

  async function openError(url: string, options = {}): Promise<string> {
    const error = await openStorage(url, options).then(
      (s) => s.close().then(() => new Error('opened')),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StorageOpenError);
    return (error as Error).message;
  }

  /** A login role for this test, dropped afterwards with whatever it owns. */
  async function role(name: string): Promise<string> {
    const password = 'pw-for-test';
    await admin().query(`CREATE ROLE ${quoteIdent(name)} LOGIN PASSWORD '${password}'`);
    cleanup.push(() => admin().query(`DROP ROLE IF EXISTS ${quoteIdent(name)}`));
    return password;
  }
  function urlAs(user: string, password: string, database: string): string {
    const url = new URL(databaseUrl(server().adminUrl, database));
    url.username = user;
    url.password = password;
    return url.toString();
  }

  it('refuses with one clear message: connection refused, bad password, missing database', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = s.address() as net.AddressInfo;
        s.close(() => resolve(port));
      });
    });
    expect(await openError(`postgres://u:p@127.0.0.1:${port}/fates`)).toBe(
      `Cannot connect to PostgreSQL at postgres://u@127.0.0.1:${port}/fates: connection refused. Is the server running and listening on that host and port?`,
    );
    const wrong = new URL(server().adminUrl);
    wrong.password = 'wrong';
    expect(await openError(wrong.toString())).toMatch(/refused the password for user "postgres"\.$/);
    expect(await openError(databaseUrl(server().adminUrl, 'no_such_archive'))).toMatch(
      /^The database "no_such_archive" does not exist on PostgreSQL at .*\. Create it first: createdb no_such_archive/,
    );
    const database = await testDatabase();
    expect(await openError(database.url, { extensions: ['pg_trgm', 'no_such_extension'] })).toMatch(
      /lacks the PostgreSQL extension no_such_extension\. Install the server's contrib package/,
    );
  });

  it('names the missing privilege: connect, create extensions, create tables, use tables', async () => {
    const user = `fates_user_${process.pid}`;
    const password = await role(user);
    const empty = `fates_empty_${process.pid}`;
    await admin().query(`CREATE DATABASE ${quoteIdent(empty)}`);
    cleanup.push(() => admin().query(`DROP DATABASE IF EXISTS ${quoteIdent(empty)} WITH (FORCE)`));

    await admin().query(`REVOKE CONNECT ON DATABASE ${quoteIdent(empty)} FROM PUBLIC`);
    expect(await openError(urlAs(user, password, empty))).toMatch(
      new RegExp(`User "${user}" may not connect to the database "${empty}"`),
    );
    await admin().query(`GRANT CONNECT ON DATABASE ${quoteIdent(empty)} TO ${quoteIdent(user)}`);
    expect(await openError(urlAs(user, password, empty))).toMatch(
      new RegExp(
        `User "${user}" may not create the extensions pg_trgm, unaccent, fuzzystrmatch in the database "${empty}"`,
      ),
    );

    // The owner of a database may create trusted extensions and tables: it needs no superuser.
    await admin().query(`ALTER DATABASE ${quoteIdent(empty)} OWNER TO ${quoteIdent(user)}`);
    const owner = await openStorage(urlAs(user, password, empty));
    const { migrateToLatest } = await import('../../src/db/migrator.ts');
    await migrateToLatest(owner.db);
    await owner.close();

    // A migrated database whose tables belong to someone else.
    const migrated = await testDatabase();
    await admin().query(`GRANT CONNECT ON DATABASE ${quoteIdent(migrated.name)} TO ${quoteIdent(user)}`);
    expect(await openError(urlAs(user, password, migrated.name))).toMatch(
      new RegExp(
        `User "${user}" lacks SELECT, INSERT, UPDATE, DELETE on ${ARCHIVE_TABLES.length} tables \\(places, place_names, .*GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "public"`,
      ),
    );
    cleanup.push(() =>
      admin()
        .query(`DROP OWNED BY ${quoteIdent(user)} CASCADE`)
        .catch(() => {}),
    );
  });

  it('fails only the query whose connection was killed, and carries on', async () => {
    const database = await testDatabase();
    const lost: Error[] = [];
    const storage = await openStorage(database.url, { poolSize: 2, onConnectionLost: (e) => lost.push(e) });
    cleanup.push(() => storage.close());
    const kill = () =>
      admin().query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [database.name],
      );

    await storage.db.selectFrom('persons').select('id').execute();
    await kill(); // the idle connection dies in the pool: reported, replaced, not thrown
    await new Promise((r) => setTimeout(r, 100));
    expect(lost.length).toBeGreaterThan(0);
    expect(await storage.db.selectFrom('persons').select('id').execute()).toEqual([]);

    // Killed while checked out inside a transaction, between two queries: the classic crash.
    const error = await storage.db
      .transaction()
      .execute(async (trx) => {
        await trx.selectFrom('persons').select('id').execute();
        await kill();
        await new Promise((r) => setTimeout(r, 100));
        await trx.selectFrom('persons').select('id').execute();
      })
      .catch((e: unknown) => e);
    expect(isStorageUnavailable(error)).toBe(true);

    // Killed during a query.
    const slow = sql`SELECT pg_sleep(5)`.execute(storage.db).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 200));
    await kill();
    expect(isStorageUnavailable(await slow)).toBe(true);

    expect(await storage.db.selectFrom('persons').select('id').execute()).toEqual([]);
  });

  it('reports the server being away as unavailable and recovers when it is back', async () => {
    const database = await testDatabase();
    const target = new URL(database.url);
    const proxy = await tcpProxy(Number(target.port));
    cleanup.push(() => proxy.stop());
    target.port = String(proxy.port);
    const storage = await openStorage(target.toString(), { poolSize: 2, onConnectionLost: () => {} });
    cleanup.push(() => storage.close());
    await storage.db.selectFrom('persons').select('id').execute();

    await proxy.stop(); // connections cut, new ones refused
    const error = await storage.db
      .selectFrom('persons')
      .select('id')
      .execute()
      .catch((e: unknown) => e);
    expect(isStorageUnavailable(error)).toBe(true);
    const again = await storage.db
      .selectFrom('persons')
      .select('id')
      .execute()
      .catch((e: unknown) => e);
    expect(isStorageUnavailable(again)).toBe(true);

    await proxy.start();
    expect(await storage.db.selectFrom('persons').select('id').execute()).toEqual([]);
  });

  it('opens no more connections than the pool size', async () => {
    const database = await testDatabase();
    const storage = await openStorage(`${database.url}?pool_size=3`);
    cleanup.push(() => storage.close());
    const pids = await Promise.all(
      Array.from({ length: 12 }, () =>
        sql<{ pid: number }>`SELECT pg_backend_pid() AS pid, pg_sleep(0.05)`
          .execute(storage.db)
          .then((r) => r.rows[0]!.pid),
      ),
    );
    expect(new Set(pids).size).toBe(3);
  });

  it('a non-PostgreSQL error is not mistaken for the database being away', async () => {
    const database = await testDatabase();
    const storage = await openStorage(database.url);
    cleanup.push(() => storage.close());
    const error = await sql`SELECT no_such_column FROM persons`.execute(storage.db).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(pg.DatabaseError);
    expect(isStorageUnavailable(error)).toBe(false);
    expect(isStorageUnavailable(new Error('boom'))).toBe(false);
  });
});
