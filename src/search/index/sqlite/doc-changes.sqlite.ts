import type BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db } from '../../../db/connection.ts';

/*
 * The log of which persons' documents each write to the name index changed (migration 0092). A
 * server process keeps caches of the index for the archive version it read them in
 * (filter-bitsets.sqlite.ts); when the version moves on, the log tells it which persons to patch,
 * so that an edit of one person does not cost every process its caches.
 */

/**
 * Persons a write lists at most; a larger write (a rebuild, an import) logs that many changed,
 * and processes start their caches over. A reader carries its caches over at most this many.
 */
export const LISTED_PERSONS = 2_000;
/** Rows kept: a process further behind than this starts over. */
const KEPT_ROWS = 100_000;
/** The row of a write that changed too many persons to list. */
const MANY = -1;

/** Logs a write that changed the documents of `persons` (or of too many to list), in the writer's transaction. */
export async function logDocChanges(db: Db, persons: readonly number[] | 'many'): Promise<void> {
  const listed = persons === 'many' || persons.length > LISTED_PERSONS ? [MANY] : [...new Set(persons)];
  if (listed.length === 0) return;
  await db
    .insertInto('search_doc_changes')
    .values(listed.map((person_id) => ({ person_id })))
    .execute();
  await sql`DELETE FROM search_doc_changes
    WHERE seq <= (SELECT max(seq) FROM search_doc_changes) - ${sql.lit(KEPT_ROWS)}`.execute(db);
}

/**
 * The newest row's number (0 before any), or null when the database has no log (not migrated
 * yet). The caller reads in one transaction with what it keeps.
 */
export function lastDocChange(sqlite: BetterSqlite3.Database): number | null {
  const logged = sqlite
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_doc_changes'")
    .get();
  if (logged === undefined) return null;
  return Number(sqlite.prepare('SELECT coalesce(max(seq), 0) FROM search_doc_changes').pluck().get());
}

/**
 * The persons whose documents changed after row `seq`, at most `most` (each once); null when
 * that cannot be told: too many changed, or the rows since were dropped.
 */
export function docChangesSince(sqlite: BetterSqlite3.Database, seq: number, most: number): number[] | null {
  const oldest = sqlite.prepare('SELECT min(seq) FROM search_doc_changes').pluck().get() as number | null;
  // Rows after `seq` were dropped when the oldest kept is further on, or all were (the newest is
  // never dropped, so only emptying the table does that).
  if (oldest === null ? seq !== 0 : oldest > seq + 1) return null;
  const persons = new Set<number>();
  const rows = sqlite
    .prepare<[number], number>('SELECT person_id FROM search_doc_changes WHERE seq > ? ORDER BY seq')
    .pluck()
    .iterate(seq);
  for (const person of rows) {
    if (person === MANY || persons.add(person).size > most) {
      // Stops the statement, leaving the connection free.
      rows.return?.();
      return null;
    }
  }
  return [...persons];
}
