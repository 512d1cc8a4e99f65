import crypto from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { databaseUrl, quoteIdent } from './postgres-server.ts';

/** What the global setup hands to test workers about the test run's PostgreSQL server. */
export interface TestPostgres {
  /** A URL whose user may create and drop databases (the server's superuser when embedded). */
  adminUrl: string;
  /** A migrated, empty database that every test database is cloned from. */
  template: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    testPostgres: TestPostgres | null;
  }
}

let admin: pg.Pool | undefined;

/** A connection to the server's maintenance database, shared by the tests of one worker. */
export function adminPool(url: string): pg.Pool {
  if (!admin) {
    admin = new pg.Pool({ connectionString: url, max: 2, idleTimeoutMillis: 1000, allowExitOnIdle: true });
    admin.on('error', () => {}); // a dropped idle admin connection is simply replaced
  }
  return admin;
}

export interface TestDatabase {
  name: string;
  url: string;
  /** Drops the database, closing whatever connections are still open to it. */
  drop(): Promise<void>;
}

let counter = 0;

/**
 * A new database cloned from the migrated template: isolated from every other test (which may
 * run in parallel in other workers) and created quickly, since nothing is migrated.
 * The default WAL_LOG strategy is used on purpose: FILE_COPY checkpoints first, which grows slow
 * once other tests have written data.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const info = inject('testPostgres');
  if (!info) throw new Error('PostgreSQL is not part of this test run (see FATES_TEST_ENGINES)');
  const name = `fates_test_${process.pid}_${++counter}_${crypto.randomBytes(3).toString('hex')}`;
  const pool = adminPool(info.adminUrl);
  const started = performance.now();
  await pool.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(info.template)}`);
  if (process.env.FATES_TEST_TIMINGS)
    console.log(`[postgres] CREATE DATABASE ${name}: ${(performance.now() - started).toFixed(0)} ms`);
  return {
    name,
    url: databaseUrl(info.adminUrl, name),
    drop: async () => {
      await pool.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    },
  };
}
