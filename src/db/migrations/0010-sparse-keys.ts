import { type Kysely, PostgresAdapter, sql } from 'kysely';

// Frozen in time: no application imports. A stable `key` is given to the persons and events of
// the sample and of imports that name them; generated and transcribed rows have none. The unique
// constraints on `key`, and the index on events' `variant_of`, held an entry for every NULL too:
// three index entries for each of millions of rows, written while importing and never read (a
// lookup by key or by variant names a value). Partial indexes hold the rows that have one, and
// still make each key unique. So with events' place and organization, which many events lack
// (two in five generated events name no organization): their pages look events up by a value.
//
// SQLite cannot drop a column's UNIQUE constraint, so it copies persons and events into tables
// declared without it (the documented way to change a table's definition), with foreign keys
// off so that the tables referring to them are left alone, and checks them before committing.

// biome-ignore lint/suspicious/noExplicitAny: migrations are written against an untyped database on purpose.
type Db = Kysely<any>;

const TABLES = ['persons', 'events'] as const;
/** Indexes of events on one column, made partial: only rows with a value in it. */
const SPARSE_EVENT_INDEXES: Record<string, string> = {
  events_variant: 'variant_of',
  events_place: 'place_id',
  events_org: 'organization_id',
};

async function rebuildWithoutUnique(db: Db, table: string): Promise<void> {
  const { rows } = await sql<{
    sql: string;
  }>`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ${table}`.execute(db);
  const definition = rows[0]?.sql;
  const unique = /"key" text unique/i;
  if (!definition || !unique.test(definition)) throw new Error(`unexpected definition of ${table}: ${definition}`);
  const indexes = await sql<{
    name: string;
    sql: string;
  }>`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ${table} AND sql IS NOT NULL`.execute(db);
  // AUTOINCREMENT never gives an id again, not even one whose row was deleted: keep its counter.
  const sequence = await sql<{ seq: number }>`SELECT seq FROM sqlite_sequence WHERE name = ${table}`.execute(db);
  const rebuilt = `${table}_rebuilt`;
  await sql
    .raw(definition.replace(unique, '"key" text').replace(`CREATE TABLE "${table}"`, `CREATE TABLE "${rebuilt}"`))
    .execute(db);
  await sql.raw(`INSERT INTO "${rebuilt}" SELECT * FROM "${table}"`).execute(db);
  await sql.raw(`DROP TABLE "${table}"`).execute(db);
  await sql.raw(`ALTER TABLE "${rebuilt}" RENAME TO "${table}"`).execute(db);
  const seq = sequence.rows[0]?.seq;
  if (seq !== undefined) {
    await sql`DELETE FROM sqlite_sequence WHERE name = ${table}`.execute(db);
    await sql`INSERT INTO sqlite_sequence (name, seq) VALUES (${table}, ${seq})`.execute(db);
  }
  for (const index of indexes.rows) if (!(index.name in SPARSE_EVENT_INDEXES)) await sql.raw(index.sql).execute(db);
}

async function createPartialIndexes(db: Db): Promise<void> {
  for (const table of TABLES) {
    await sql`CREATE UNIQUE INDEX ${sql.id(`${table}_key`)} ON ${sql.table(table)} (key) WHERE key IS NOT NULL`.execute(
      db,
    );
  }
  for (const [index, column] of Object.entries(SPARSE_EVENT_INDEXES)) {
    await sql`CREATE INDEX ${sql.id(index)} ON events (${sql.id(column)}) WHERE ${sql.id(column)} IS NOT NULL`.execute(
      db,
    );
  }
}

export async function up(db: Db): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    // PostgreSQL runs each migration in a transaction of its own.
    for (const table of TABLES)
      await sql`ALTER TABLE ${sql.table(table)} DROP CONSTRAINT ${sql.id(`${table}_key_key`)}`.execute(db);
    for (const index of Object.keys(SPARSE_EVENT_INDEXES)) await db.schema.dropIndex(index).execute();
    await createPartialIndexes(db);
    return;
  }
  // Outside any transaction (SQLite's migrations run without one), or the pragma does nothing.
  const { rows } = await sql<{ foreign_keys: number }>`PRAGMA foreign_keys`.execute(db);
  await sql`PRAGMA foreign_keys = OFF`.execute(db);
  try {
    // One transaction for all of it: a run stopped halfway leaves the tables as they were.
    await sql`BEGIN IMMEDIATE`.execute(db);
    try {
      for (const table of TABLES) await rebuildWithoutUnique(db, table);
      await createPartialIndexes(db);
      const broken = await sql`PRAGMA foreign_key_check`.execute(db);
      if (broken.rows.length > 0) {
        throw new Error(`rebuilding persons and events broke foreign keys: ${JSON.stringify(broken.rows.slice(0, 5))}`);
      }
      await sql`COMMIT`.execute(db);
    } catch (error) {
      await sql`ROLLBACK`.execute(db);
      throw error;
    }
  } finally {
    await sql.raw(`PRAGMA foreign_keys = ${rows[0]?.foreign_keys ? 'ON' : 'OFF'}`).execute(db);
  }
}

export async function down(db: Db): Promise<void> {
  for (const [index, column] of Object.entries(SPARSE_EVENT_INDEXES)) {
    await db.schema.dropIndex(index).execute();
    await db.schema.createIndex(index).on('events').column(column).execute();
  }
  for (const table of TABLES) {
    await sql`DROP INDEX ${sql.id(`${table}_key`)}`.execute(db);
    // The constraint comes back as an index of the same effect (SQLite cannot add a constraint).
    await sql`CREATE UNIQUE INDEX ${sql.id(`${table}_key_all`)} ON ${sql.table(table)} (key)`.execute(db);
  }
}
