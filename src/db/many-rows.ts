import type BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db, Storage } from './connection.ts';
import { engineOf } from './engine.ts';

/*
 * Many rows of one table written in the caller's transaction, with one SQL text for any number
 * of rows: SQLite runs one prepared statement per row on the raw handle (binding a row costs a
 * microsecond or two, where a query builder's statement of hundreds of rows costs far more to
 * build and compile than to run), PostgreSQL one statement of unnested column arrays per chunk
 * (one round trip instead of one per few hundred rows). For the index writer's tables, which take
 * thousands of rows in every batch.
 */

/** A table's columns with the PostgreSQL type of each (the arrays are cast to it). */
export interface ManyRowsSpec {
  table: string;
  columns: readonly (readonly [name: string, pgType: string])[];
  /** What follows the rows, the same on both engines: an `ON CONFLICT …` clause, or nothing. */
  conflict?: string;
}

/** Rows per PostgreSQL statement: arrays of this many values each. */
const PG_CHUNK = 10_000;
/** Rows per SQLite statement without the raw handle. */
const SQLITE_CHUNK = 100;

const prepared = new WeakMap<BetterSqlite3.Database, Map<string, BetterSqlite3.Statement<unknown[]>>>();

function statementOn(sqlite: BetterSqlite3.Database, text: string): BetterSqlite3.Statement<unknown[]> {
  let cache = prepared.get(sqlite);
  if (!cache) {
    cache = new Map();
    prepared.set(sqlite, cache);
  }
  let stmt = cache.get(text);
  if (!stmt) {
    stmt = sqlite.prepare<unknown[]>(text);
    cache.set(text, stmt);
  }
  return stmt;
}

/**
 * Writes `rows` (values in the order of `spec.columns`) into the table, in `db`'s transaction.
 * `sqlite`: the raw handle of the same connection (Storage.sqlite), for SQLite's fast path.
 */
export async function writeManyRows(
  db: Db,
  spec: ManyRowsSpec,
  rows: readonly (readonly unknown[])[],
  sqlite?: Storage['sqlite'],
): Promise<void> {
  if (rows.length === 0) return;
  const names = spec.columns.map(([name]) => `"${name}"`).join(', ');
  const conflict = spec.conflict ?? '';
  if (engineOf(db) === 'postgres') {
    const types = spec.columns.map(([, type]) => type);
    for (let i = 0; i < rows.length; i += PG_CHUNK) {
      const chunk = rows.slice(i, i + PG_CHUNK);
      const arrays = types.map((type, c) => sql`${chunk.map((r) => r[c] ?? null)}::${sql.raw(type)}[]`);
      await sql`INSERT INTO ${sql.table(spec.table)} (${sql.raw(names)})
        SELECT * FROM unnest(${sql.join(arrays)}) ${sql.raw(conflict)}`.execute(db);
    }
    return;
  }
  const tuple = `(${spec.columns.map(() => '?').join(', ')})`;
  if (sqlite) {
    const stmt = statementOn(sqlite, `INSERT INTO "${spec.table}" (${names}) VALUES ${tuple} ${conflict}`);
    for (const row of rows) stmt.run(...row);
    return;
  }
  for (let i = 0; i < rows.length; i += SQLITE_CHUNK) {
    const chunk = rows.slice(i, i + SQLITE_CHUNK);
    const values = sql.join(chunk.map((r) => sql`(${sql.join(r.map((v) => sql`${v}`))})`));
    await sql`INSERT INTO ${sql.table(spec.table)} (${sql.raw(names)}) VALUES ${values} ${sql.raw(conflict)}`.execute(
      db,
    );
  }
}
