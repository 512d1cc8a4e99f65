import crypto from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openStorage } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrator.ts';
import { testEngines } from './engines.ts';
import type { TestPostgres } from './postgres.ts';
import { databaseUrl, quoteIdent, startEmbeddedPostgres } from './postgres-server.ts';

/**
 * Once per test run: when PostgreSQL is among the engines, start an embedded server (or use the
 * one TEST_DATABASE_URL points at) and migrate a template database for the tests to clone.
 */
export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  if (!testEngines().includes('postgres')) {
    project.provide('testPostgres', null);
    return undefined;
  }
  const external = process.env.TEST_DATABASE_URL;
  const started = performance.now();
  const server = external ? undefined : await startEmbeddedPostgres();
  const adminUrl = external ?? server!.url;
  const serverMs = performance.now() - started;

  const template = `fates_template_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  admin.on('error', () => {});
  try {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${quoteIdent(template)}`);
    const storage = await openStorage(databaseUrl(adminUrl, template), { poolSize: 1 });
    try {
      await migrateToLatest(storage.db);
    } finally {
      await storage.close();
    }
  } catch (error) {
    await admin.end().catch(() => {});
    await server?.stop();
    throw error;
  }
  if (process.env.FATES_TEST_TIMINGS) {
    const what = external ? 'external server' : 'embedded server initdb + start';
    console.log(
      `[postgres] ${what}: ${serverMs.toFixed(0)} ms; template migrated: ${(performance.now() - started - serverMs).toFixed(0)} ms`,
    );
  }

  const info: TestPostgres = { adminUrl, template };
  project.provide('testPostgres', info);
  return async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(template)} WITH (FORCE)`).catch(() => {});
    await admin.end().catch(() => {});
    await server?.stop();
  };
}
