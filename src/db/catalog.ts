import { type Kysely, sql } from 'kysely';
import { engineOf } from './engine.ts';

// What a database says about itself, asked the way each engine needs. Used by `fates copy`.

// biome-ignore lint/suspicious/noExplicitAny: catalog queries work on any schema.
type AnyDb = Kysely<any>;

/** The tables of the archive's schema, including Kysely's migration tables. */
export async function listTables(db: AnyDb): Promise<string[]> {
  return engineOf(db) === 'postgres' ? listTablesPostgres(db) : listTablesSqlite(db);
}

async function listTablesSqlite(db: AnyDb): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`.execute(
    db,
  );
  return rows.map((r) => r.name);
}

async function listTablesPostgres(db: AnyDb): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename`.execute(db);
  return rows.map((r) => r.name);
}

/**
 * The last id handed out for `table.id`: it may exceed the largest id present when rows were
 * deleted, and a copy keeps it so that a deleted record's permanent URL is never reused.
 */
export async function readIdCounter(db: AnyDb, table: string): Promise<number> {
  return engineOf(db) === 'postgres' ? readIdCounterPostgres(db, table) : readIdCounterSqlite(db, table);
}

/** Sets the last id handed out for `table.id`; the next insert gets `value + 1`. */
export async function writeIdCounter(db: AnyDb, table: string, value: number): Promise<void> {
  return engineOf(db) === 'postgres'
    ? writeIdCounterPostgres(db, table, value)
    : writeIdCounterSqlite(db, table, value);
}

// AUTOINCREMENT keeps its counter in sqlite_sequence, a row per table once it has had a row.
async function readIdCounterSqlite(db: AnyDb, table: string): Promise<number> {
  const { rows } = await sql<{ seq: number }>`SELECT seq FROM sqlite_sequence WHERE name = ${table}`.execute(db);
  return Number(rows[0]?.seq ?? 0);
}

async function writeIdCounterSqlite(db: AnyDb, table: string, value: number): Promise<void> {
  const updated = await sql`UPDATE sqlite_sequence SET seq = ${value} WHERE name = ${table}`.execute(db);
  if (!updated.numAffectedRows)
    await sql`INSERT INTO sqlite_sequence (name, seq) VALUES (${table}, ${value})`.execute(db);
}

// An identity column's sequence; pg_sequence_last_value is NULL until the first nextval.
async function readIdCounterPostgres(db: AnyDb, table: string): Promise<number> {
  const { rows } = await sql<{ n: number | null }>`
    SELECT pg_sequence_last_value(pg_get_serial_sequence(${table}, 'id')::regclass) AS n`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

async function writeIdCounterPostgres(db: AnyDb, table: string, value: number): Promise<void> {
  // setval(…, 1, false) means "nothing handed out yet": the next id is 1.
  await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), ${Math.max(value, 1)}, ${value >= 1})`.execute(db);
}

/** A table's columns in their declared order, with their declared types (lowercase). */
export async function listColumns(db: AnyDb, table: string): Promise<{ name: string; type: string }[]> {
  if (engineOf(db) === 'postgres') {
    const { rows } = await sql<{ name: string; type: string }>`
      SELECT column_name AS name, data_type AS type FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = ${table} ORDER BY ordinal_position`.execute(db);
    return rows;
  }
  const { rows } = await sql<{
    name: string;
    type: string;
  }>`SELECT name, lower(type) AS type FROM pragma_table_info(${table})`.execute(db);
  return rows;
}
