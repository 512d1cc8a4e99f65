import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { listTables } from '../../src/db/catalog.ts';
import { type EngineName, openSqlite, openStorage, type Storage } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrator.ts';
import { ARCHIVE_TABLES } from '../../src/db/tables.ts';
import { bitsetJobsAnswered } from '../../src/search/index/sqlite/bitset-worker.sqlite.ts';
import { testEngines } from './engines.ts';
import { createTestDatabase } from './postgres.ts';

/** The engines every storage test runs on: SQLite and PostgreSQL unless FATES_TEST_ENGINES narrows them. */
export const ENGINES: EngineName[] = testEngines();

/** A fresh, migrated, empty database of the given engine, removed by `close()`. */
export async function openTestStorage(engine: EngineName): Promise<Storage> {
  return engine === 'postgres' ? openTestPostgres() : openTestSqlite();
}

async function openTestSqlite(): Promise<Storage> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fates-test-'));
  const storage = openSqlite(path.join(dir, 'test.sqlite'));
  const close = async () => {
    await storage.close();
    // The bitset builder's thread may still hold the file (and make its -shm) while it is removed:
    // its jobs are waited for first (a retry alone lost the race on a loaded machine).
    await bitsetJobsAnswered();
    fs.rmSync(dir, { recursive: true, force: true, maxRetries: 30, retryDelay: 100 });
  };
  try {
    await migrateToLatest(storage.db);
  } catch (error) {
    await close();
    throw error;
  }
  return { ...storage, close };
}

/** A database cloned from the run's migrated template (see global-setup.ts), so already migrated. */
async function openTestPostgres(): Promise<Storage> {
  const database = await createTestDatabase();
  try {
    const storage = await openStorage(database.url, { poolSize: 4 });
    return {
      ...storage,
      close: async () => {
        await storage.close();
        await database.drop();
      },
    };
  } catch (error) {
    await database.drop();
    throw error;
  }
}

/**
 * Every row of every archive table in primary-key order, for comparing whole databases. Tables a
 * later migration adds are left out while the database is at an earlier one.
 */
export async function dumpTables(storage: Storage): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  const present = new Set(await listTables(storage.db));
  for (const table of ARCHIVE_TABLES.filter((t) => present.has(t.name))) {
    const order = sql.join(table.key.map((k) => sql.ref(k)));
    out[table.name] = (await sql`SELECT * FROM ${sql.table(table.name)} ORDER BY ${order}`.execute(storage.db)).rows;
  }
  return out;
}

export const FIXTURES = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../fixtures');
