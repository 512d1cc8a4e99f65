import { type Kysely, sql } from 'kysely';
import { listTables, readIdCounter, writeIdCounter } from './catalog.ts';
import type { Storage } from './connection.ts';
import { lockForWriting } from './engine.ts';
import { migrateToLatest } from './migrator.ts';
import { ARCHIVE_TABLES, type ArchiveTable, DERIVED_TABLES, EPHEMERAL_TABLES } from './tables.ts';

// biome-ignore lint/suspicious/noExplicitAny: the copy moves rows of every table generically.
type AnyDb = Kysely<any>;
type Row = Record<string, unknown>;

/** The copy was not started because of the state of the source or target; nothing was written. */
export class CopyRefusedError extends Error {
  override name = 'CopyRefusedError';
}

export interface CopyProgress {
  table: string;
  /** Rows of this table copied so far, and how many there are. */
  copied: number;
  total: number;
  /** Milliseconds since this table was started. */
  elapsedMs: number;
}

export interface CopyOptions {
  /** Empty a target that already holds data instead of refusing. */
  force?: boolean;
  /** Rows read and written per statement (fewer for wide tables; both engines cap parameters). */
  batchSize?: number;
  onProgress?: (progress: CopyProgress) => void;
  /**
   * Runs on the target after the copy is committed: derived tables (the search index) are not
   * copied but rebuilt, which the caller does here (e.g. with the search indexer).
   */
  afterCopy?: (target: Storage) => Promise<void>;
}

export interface CopyReport {
  tables: { name: string; rows: number }[];
  rows: number;
  ms: number;
}

// SQLite allows 32,766 bound parameters per statement, PostgreSQL 65,535.
const MAX_PARAMETERS = 30_000;

/**
 * Copies a whole archive from one storage to another (either engine to either engine): every
 * archive table, row for row with the same ids, and the id counters, so that a deleted record's
 * id is not reused. The source is read in one snapshot; the target is written in one
 * transaction, so a failed copy leaves it as it was. The target is migrated first; source and
 * target must then be at the same migration.
 */
export async function copyArchive(from: Storage, to: Storage, options: CopyOptions = {}): Promise<CopyReport> {
  const started = performance.now();
  if (from.location === to.location)
    throw new CopyRefusedError(`The source and the target are the same database (${from.location}).`);
  await checkMigrations(from, to);
  await checkTablesKnown(from.db, from.location);
  await checkTablesKnown(to.db, to.location);
  const derived = (await listTables(to.db)).filter((t) => (DERIVED_TABLES as readonly string[]).includes(t));

  const report: CopyReport = { tables: [], rows: 0, ms: 0 };
  // One snapshot of the source: a SQLite read transaction is one already; PostgreSQL's default
  // (read committed) would let each table's reads see later commits.
  const snapshot =
    from.engine === 'postgres' ? from.db.transaction().setIsolationLevel('repeatable read') : from.db.transaction();
  await snapshot.execute(async (src) =>
    to.db.transaction().execute(async (dst) => {
      await lockForWriting(dst, 'copy');
      await emptyTarget(dst, to.location, derived, options.force ?? false);
      for (const table of ARCHIVE_TABLES) {
        const rows = await copyTable(src, dst, table, options);
        report.tables.push({ name: table.name, rows });
        report.rows += rows;
      }
    }),
  );
  if (options.afterCopy) await options.afterCopy(to);
  report.ms = performance.now() - started;
  return report;
}

async function appliedMigrations(db: AnyDb): Promise<string[] | undefined> {
  if (!(await listTables(db)).includes('kysely_migration')) return undefined;
  const { rows } = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(db);
  return rows.map((r) => r.name);
}

async function checkMigrations(from: Storage, to: Storage): Promise<void> {
  const source = await appliedMigrations(from.db);
  if (!source) throw new CopyRefusedError(`${from.location} is not a Fates archive: it has no migrations table.`);
  await migrateToLatest(to.db);
  const target = (await appliedMigrations(to.db)) ?? [];
  const missing = target.filter((m) => !source.includes(m));
  if (missing.length) {
    throw new CopyRefusedError(
      `${from.location} lacks the migrations ${missing.join(', ')}; run fates migrate on it first.`,
    );
  }
  const unknown = source.filter((m) => !target.includes(m));
  if (unknown.length) {
    throw new CopyRefusedError(
      `${from.location} has migrations this version of Fates does not know (${unknown.join(', ')}); use a newer version.`,
    );
  }
}

/** Guards against silently leaving out a table that was added without being listed in tables.ts. */
async function checkTablesKnown(db: AnyDb, location: string): Promise<void> {
  const known = new Set<string>([
    ...ARCHIVE_TABLES.map((t) => t.name),
    ...DERIVED_TABLES,
    ...EPHEMERAL_TABLES,
    'kysely_migration',
    'kysely_migration_lock',
  ]);
  const isShadow = (t: string) => DERIVED_TABLES.some((d) => t.startsWith(`${d}_`));
  const unknown = (await listTables(db)).filter((t) => !known.has(t) && !isShadow(t));
  if (unknown.length) {
    throw new CopyRefusedError(
      `${location} has tables that fates copy does not know: ${unknown.join(', ')}. List them in src/db/tables.ts (as archive, derived or ephemeral tables).`,
    );
  }
}

async function emptyTarget(dst: AnyDb, location: string, derived: string[], force: boolean): Promise<void> {
  const occupied: string[] = [];
  for (const table of ARCHIVE_TABLES) {
    const { n } = await dst
      .selectFrom(table.name)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(n) > 0) occupied.push(`${n} ${table.name}`);
  }
  if (occupied.length === 0) return;
  if (!force) {
    throw new CopyRefusedError(
      `${location} is not empty (${occupied.join(', ')}); give --force to replace its contents.`,
    );
  }
  for (const table of derived) await dst.deleteFrom(table).execute();
  for (const table of EPHEMERAL_TABLES) await dst.deleteFrom(table).execute();
  for (const table of [...ARCHIVE_TABLES].reverse()) await dst.deleteFrom(table.name).execute();
}

async function copyTable(src: AnyDb, dst: AnyDb, table: ArchiveTable, options: CopyOptions): Promise<number> {
  const started = performance.now();
  const { n } = await src
    .selectFrom(table.name)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const total = Number(n);
  const selfRefs = table.selfRefs ?? [];
  const links: { id: unknown; column: string; value: unknown }[] = [];
  let batchSize = Math.min(options.batchSize ?? 1000, table.copyBatch ?? Number.POSITIVE_INFINITY);
  let copied = 0;
  let last: Row | undefined;
  options.onProgress?.({ table: table.name, copied, total, elapsedMs: 0 });
  for (;;) {
    const rows = await readBatch(src, table, last, batchSize);
    if (rows.length === 0) break;
    const first = rows[0]!;
    batchSize = Math.min(batchSize, Math.floor(MAX_PARAMETERS / Object.keys(first).length));
    // A row may point at one of its own table that comes later, so such links are set afterwards.
    const values = selfRefs.length
      ? rows.map((row) => {
          const copy = { ...row };
          for (const column of selfRefs) {
            if (row[column] !== null) links.push({ id: row.id, column, value: row[column] });
            copy[column] = null;
          }
          return copy;
        })
      : rows;
    await dst.insertInto(table.name).values(values).execute();
    copied += rows.length;
    last = rows[rows.length - 1];
    options.onProgress?.({ table: table.name, copied, total, elapsedMs: performance.now() - started });
  }
  await restoreLinks(dst, table.name, links);
  if (table.generatedId) {
    const { max } = await dst
      .selectFrom(table.name)
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirstOrThrow();
    await writeIdCounter(dst, table.name, Math.max(await readIdCounter(src, table.name), Number(max ?? 0)));
  }
  const { n: written } = await dst
    .selectFrom(table.name)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  if (Number(written) !== copied || copied !== total) {
    throw new Error(`copy of ${table.name} is incomplete: read ${copied} of ${total} rows, target holds ${written}`);
  }
  return copied;
}

/** The next rows in key order after `last`, by keyset pagination (a row-value comparison). */
async function readBatch(src: AnyDb, table: ArchiveTable, last: Row | undefined, limit: number): Promise<Row[]> {
  let query = src.selectFrom(table.name).selectAll();
  if (last) {
    const after =
      table.key.length === 1
        ? sql<boolean>`${sql.ref(table.key[0]!)} > ${last[table.key[0]!]}`
        : sql<boolean>`(${sql.join(table.key.map((k) => sql.ref(k)))}) > (${sql.join(table.key.map((k) => last[k]))})`;
    query = query.where(after);
  }
  for (const key of table.key) query = query.orderBy(sql.ref(key));
  return (await query.limit(limit).execute()) as Row[];
}

/**
 * Sets the self-references held back while copying, a few hundred rows per statement. They are
 * integer ids; the cast tells PostgreSQL so, as it cannot infer a type for the parameters.
 */
async function restoreLinks(
  dst: AnyDb,
  table: string,
  links: { id: unknown; column: string; value: unknown }[],
): Promise<void> {
  const columns = [...new Set(links.map((l) => l.column))];
  for (const column of columns) {
    const mine = links.filter((l) => l.column === column);
    for (let i = 0; i < mine.length; i += 500) {
      const chunk = mine.slice(i, i + 500);
      const cases = sql.join(
        chunk.map((l) => sql`WHEN ${l.id} THEN CAST(${l.value} AS integer)`),
        sql` `,
      );
      await sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = CASE ${sql.ref('id')} ${cases} END
        WHERE ${sql.ref('id')} IN (${sql.join(chunk.map((l) => l.id))})`.execute(dst);
    }
  }
}
