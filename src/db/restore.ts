import { sql } from 'kysely';
import { type BulkWriter, openBulkWriter, type TableName } from './bulk.ts';
import { listColumns, writeIdCounter } from './catalog.ts';
import type { Db, Storage } from './connection.ts';
import { appliedMigrations, checkTablesKnown } from './copy.ts';
import {
  DUMP_FORMAT,
  DUMP_VERSION,
  type DumpEnd,
  DumpError,
  type DumpHeader,
  type DumpTable,
  decodeRow,
  readDumpLines,
} from './dump-format.ts';
import { engineOf, markArchiveChanged } from './engine.ts';
import { migrateToLatest } from './migrator.ts';
import { ARCHIVE_TABLES } from './tables.ts';

export interface RestoreProgress {
  table: string;
  done: number;
  total: number;
  elapsedMs: number;
}

export interface RestoreOptions {
  /** Replace an archive that holds data instead of refusing. */
  force?: boolean;
  onProgress?: (p: RestoreProgress) => void;
  /**
   * Runs in the restore's transaction once every row is written, before it commits: derived
   * tables are not in a dump, and the caller queues their rebuild here (the search indexes), so
   * that a crash after the commit still leaves it to do.
   */
  beforeCommit?: (db: Db) => Promise<void>;
}

export interface RestoreReport {
  tables: { name: string; rows: number }[];
  rows: number;
  header: DumpHeader;
  ms: number;
}

/** Rows queued before they are written: a few megabytes of values. */
const FLUSH_ROWS = 50_000;

/** The target holds an archive and `force` was not given; nothing was written. */
export class RestoreRefusedError extends Error {
  override name = 'RestoreRefusedError';
}

/**
 * Writes a dump (dump-format.ts) into `storage`, all in one transaction: a file that is
 * truncated or damaged, from a schema this version does not know, or meant for a target that
 * already holds an archive (unless `force`) leaves the target as it was. Rows go in by the
 * engine's bulk path (SQLite's prepared inserts, PostgreSQL's COPY), with secondary indexes, and
 * on PostgreSQL foreign keys, built once at the end.
 */
export async function restoreArchive(
  storage: Storage,
  source: AsyncIterable<Buffer | string>,
  options: RestoreOptions = {},
): Promise<RestoreReport> {
  const started = performance.now();
  const batches = readDumpLines(source);
  const first = await batches.next();
  const header = checkHeader(first.done ? undefined : first.value[0]);
  const lines = async function* () {
    if (!first.done) yield first.value.slice(1);
    yield* batches;
  };
  await migrateToLatest(storage.db);
  await checkTablesKnown(storage.db, storage.location, 'fates restore');
  await checkSchema(storage.db, header);
  if (!options.force) await refuseOccupied(storage.db, storage.location);

  const report: RestoreReport = { tables: [], rows: 0, header, ms: 0 };
  const writer = await openBulkWriter(
    storage,
    header.tables.map((t) => ({ table: t.name as TableName, columns: t.columns })),
    { singleTransaction: true, deferIndexes: true, checkForeignKeys: false },
  );
  try {
    await markArchiveChanged(writer.db);
    if (options.force) await emptyArchive(writer.db);
    const end = await writeRows(writer, header, lines(), report, options);
    const generated = new Set<string>(ARCHIVE_TABLES.filter((t) => 'generatedId' in t).map((t) => t.name));
    for (const t of header.tables) {
      if (end.rows[t.name] !== t.rows)
        throw new DumpError(`the dump's last line does not count ${t.name} as its header does`);
      if (generated.has(t.name)) {
        const { max } = await writer.db
          .selectFrom(t.name as (typeof ARCHIVE_TABLES)[number]['name'])
          .select((eb) => eb.fn.max<number>(sql.ref('id')).as('max'))
          .executeTakeFirstOrThrow();
        await writeIdCounter(writer.db, t.name, Math.max(t.idCounter ?? 0, Number(max ?? 0)));
      }
    }
    await options.beforeCommit?.(writer.db);
    await writer.commit();
  } finally {
    await writer.close();
  }
  report.ms = performance.now() - started;
  return report;
}

/** The rows, table by table, each table's count checked; returns the dump's last line. */
async function writeRows(
  writer: BulkWriter,
  header: DumpHeader,
  batches: AsyncIterable<unknown[]>,
  report: RestoreReport,
  options: RestoreOptions,
): Promise<DumpEnd> {
  const pending = [...header.tables];
  let table: DumpTable | null = null;
  let queue: ReturnType<BulkWriter['queue']> | null = null;
  let done = 0;
  let tableStarted = 0;
  const progress = () =>
    table &&
    options.onProgress?.({ table: table.name, done, total: table.rows, elapsedMs: performance.now() - tableStarted });
  const finish = async () => {
    if (!table) return;
    await writer.flush();
    if (done !== table.rows)
      throw new DumpError(`the dump says ${table.name} has ${table.rows} rows but holds ${done}`);
    progress();
    report.tables.push({ name: table.name, rows: done });
    report.rows += done;
  };
  for await (const batch of batches) {
    for (const line of batch) {
      if (Array.isArray(line)) {
        if (!table || !queue) throw new DumpError('a row comes before the line naming its table');
        if (line.length !== table.columns.length)
          throw new DumpError(`a row of ${table.name} has ${line.length} values, not ${table.columns.length}`);
        queue.pushRow(decodeRow(line));
        if (++done % FLUSH_ROWS === 0) {
          await writer.flush();
          progress();
        }
        continue;
      }
      const object = (line ?? {}) as { table?: unknown; end?: unknown };
      if (object.end === true) {
        await finish();
        if (pending.length > 0) throw new DumpError(`the dump ends before the rows of ${pending[0]?.name}`);
        return line as DumpEnd;
      }
      if (typeof object.table !== 'string')
        throw new DumpError('the dump holds a line that is neither a row nor a table');
      await finish();
      const next = pending.shift();
      if (next?.name !== object.table) throw new DumpError(`the dump's tables are not in the order its header gives`);
      table = next;
      queue = writer.queue(next.name as TableName);
      done = 0;
      tableStarted = performance.now();
      progress();
    }
  }
  throw new DumpError('the file has no last line: it is truncated');
}

function checkHeader(line: unknown): DumpHeader {
  const header = (line ?? {}) as Partial<DumpHeader>;
  if (header.format !== DUMP_FORMAT) throw new DumpError('the file is not a Fates dump (it does not start with one)');
  if (typeof header.version !== 'number' || header.version > DUMP_VERSION)
    throw new DumpError(
      `the dump is of format version ${header.version}, newer than this version of Fates reads (${DUMP_VERSION})`,
    );
  if (!Array.isArray(header.migrations) || !Array.isArray(header.tables))
    throw new DumpError('the dump has no list of migrations or tables');
  return header as DumpHeader;
}

/**
 * The dump's schema must be this version's or an older one: every migration it was made with
 * known here, every table and column it holds still here (columns added since take their defaults).
 */
async function checkSchema(db: Db, header: DumpHeader): Promise<void> {
  const known = new Set((await appliedMigrations(db)) ?? []);
  const newer = header.migrations.filter((m) => !known.has(m));
  if (newer.length > 0) {
    throw new DumpError(
      `the dump is from a newer schema (migrations ${newer.join(', ')} are unknown here): restore it with a version of Fates that has them`,
    );
  }
  const tables = new Set(RESTORED.map((t) => t.name as string));
  for (const t of header.tables) {
    if (ARCHIVE_TABLES.some((a) => a.name === t.name && 'private' in a))
      throw new DumpError(`the dump holds ${t.name}, which a dump never holds: accounts are not restored from a file`);
    if (!tables.has(t.name)) throw new DumpError(`the dump holds a table this version does not know: ${t.name}`);
    const have = new Set((await listColumns(db, t.name)).map((c) => c.name));
    const gone = t.columns.filter((c) => !have.has(c));
    if (gone.length > 0)
      throw new DumpError(`the dump's ${t.name} has columns this version no longer has: ${gone.join(', ')}`);
  }
}

/**
 * The tables a restore writes and, with `force`, empties: not the private ones, so that the
 * target's accounts (the administrator `fates start` made) stay as they are.
 */
const RESTORED = ARCHIVE_TABLES.filter((t) => !('private' in t));

async function refuseOccupied(db: Db, location: string): Promise<void> {
  const occupied: string[] = [];
  for (const table of RESTORED) {
    const { n } = await db
      .selectFrom(table.name)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    if (Number(n) > 0) occupied.push(`${n} ${table.name}`);
  }
  if (occupied.length > 0)
    throw new RestoreRefusedError(
      `${location} is not empty (${occupied.join(', ')}); give --force to replace its contents.`,
    );
}

/** Every restored table emptied, children first (the caller rebuilds the derived ones). */
async function emptyArchive(db: Db): Promise<void> {
  if (engineOf(db) === 'postgres') {
    // One statement for all: CASCADE reaches the derived tables that refer to persons.
    await sql`TRUNCATE ${sql.join(RESTORED.map((t) => sql.table(t.name)))} CASCADE`.execute(db);
    return;
  }
  for (const table of [...RESTORED].reverse()) await db.deleteFrom(table.name).execute();
}
