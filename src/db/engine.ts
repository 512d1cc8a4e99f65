import { type Kysely, PostgresAdapter, type RawBuilder, type SqlBool, sql } from 'kysely';
import type { Db, EngineName } from './connection.ts';

// The few SQL fragments that must differ between the engines, each chosen here and nowhere else.

/** The engine behind a Kysely instance (or transaction), told from its SQL adapter. */
// biome-ignore lint/suspicious/noExplicitAny: works for any schema, including a migration's.
export function engineOf(db: Kysely<any>): EngineName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * The current UTC time as `YYYY-MM-DD HH:MM:SS` text, the format of SQLite's CURRENT_TIMESTAMP
 * and of every timestamp column's default. PostgreSQL's CURRENT_TIMESTAMP is a timestamptz that
 * a text column would store as `2026-01-02 03:04:05.678901+00`, so it is formatted explicitly.
 */
// biome-ignore lint/suspicious/noExplicitAny: works for any schema.
export function currentTimestamp(db: Kysely<any>): RawBuilder<string> {
  return engineOf(db) === 'postgres'
    ? sql<string>`to_char(CURRENT_TIMESTAMP AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')`
    : sql<string>`CURRENT_TIMESTAMP`;
}

/**
 * Makes the calling transaction the only one that gets past this point for `name` until it
 * ends, across every process using the database; call it first in the transaction.
 *
 * PostgreSQL: a transaction-level advisory lock, released at commit or rollback.
 * SQLite: a write that touches no row, which takes the database's single write lock now rather
 * than at the first real write; a transaction that read first and wrote later could otherwise
 * fail with SQLITE_BUSY when another process wrote in between. `name` is not needed there, as
 * SQLite has one lock for everything.
 *
 * Every writer of archive data takes this lock, so it also marks the archive as changed: counts
 * that processes keep (src/db/aggregate-cache.ts) are then computed again.
 */
export async function lockForWriting(trx: Db, name: string): Promise<void> {
  await takeLock(trx, name);
  await markArchiveChanged(trx);
}

/**
 * The lock of lockForWriting without marking the archive changed, for writes outside the archive
 * (accounts, sessions) that must still read and write without another process in between.
 */
export async function takeLock(trx: Db, name: string): Promise<void> {
  if (!trx.isTransaction) throw new Error('takeLock must be called inside a transaction');
  if (engineOf(trx) === 'postgres') {
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`fates:${name}`}, 0))`.execute(trx);
  } else {
    await trx.deleteFrom('meta').where(sql<SqlBool>`0 = 1`).execute();
  }
}

/** Runs `fn` in the caller's transaction when `db` is one, otherwise in a new one. */
export function inTransaction<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db) : db.transaction().execute(fn);
}

/** The key of the archive's version mark in archive_marks. */
export const ARCHIVE_VERSION = 'archive_version';

/** Gives the archive a new version mark, seen by every process once the transaction commits. */
export async function markArchiveChanged(db: Db): Promise<void> {
  const mark = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  await db
    .insertInto('archive_marks')
    .values({ key: ARCHIVE_VERSION, value: mark })
    .onConflict((oc) => oc.column('key').doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })))
    .execute();
}

/** The archive's current version mark (null before its first change). */
export async function archiveVersion(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('archive_marks')
    .select('value')
    .where('key', '=', ARCHIVE_VERSION)
    .executeTakeFirst();
  return row?.value ?? null;
}
