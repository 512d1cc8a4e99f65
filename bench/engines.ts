// What the in-process benchmarks share: a fresh archive on SQLite and on an embedded PostgreSQL 17,
// and how they report times.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { openSqlite, openStorage, type Storage } from '../src/db/connection.ts';
import { databaseUrl, startEmbeddedPostgres } from '../test/support/postgres-server.ts';
import { percentile } from './percentile.ts';

/** Median and 95th percentile of times in milliseconds, as a table cell. */
export function quantiles(ms: number[], digits = 2): string {
  return `${percentile(ms, 0.5).toFixed(digits)} / ${percentile(ms, 0.95).toFixed(digits)}`;
}

/**
 * Runs `measure` on an empty SQLite file and then on a new database of an embedded PostgreSQL,
 * removing both afterwards; `name` keeps the PostgreSQL database apart from other benchmarks'.
 */
export async function onBothEngines(
  name: string,
  measure: (storage: Storage, engine: string) => Promise<void>,
): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `fates-bench-${name}-`));
  const sqlite = openSqlite(path.join(dir, 'bench.sqlite'));
  try {
    await measure(sqlite, 'SQLite');
  } finally {
    await sqlite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const server = await startEmbeddedPostgres();
  try {
    const admin = await openStorage(server.url);
    await sql.raw(`CREATE DATABASE bench_${name}`).execute(admin.db);
    await admin.close();
    const pg = await openStorage(databaseUrl(server.url, `bench_${name}`));
    try {
      await measure(pg, 'PostgreSQL 17');
    } finally {
      await pg.close();
    }
  } finally {
    await server.stop();
  }
}
