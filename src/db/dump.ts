import type { Writable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { listColumns, readIdCounter } from './catalog.ts';
import type { Db, Storage } from './connection.ts';
import { appliedMigrations, checkTablesKnown } from './copy.ts';
import { DUMP_FORMAT, DUMP_VERSION, type DumpHeader, type DumpTable, DumpWriter, encodeValue } from './dump-format.ts';
import { kyselyOnClient } from './postgres.ts';
import { ARCHIVE_TABLES, type ArchiveTable, EPHEMERAL_TABLES } from './tables.ts';

export interface DumpProgress {
  table: string;
  /** Rows of this table written so far, and how many there are. */
  done: number;
  total: number;
  elapsedMs: number;
}

export interface DumpReport {
  tables: { name: string; rows: number }[];
  rows: number;
  omitted: string[];
  ms: number;
}

/** The dump was not started because of what the archive holds; nothing was written. */
export class DumpRefusedError extends Error {
  override name = 'DumpRefusedError';
}

/** Names of tables that may hold secrets or contributors' details: they must be marked private. */
const SECRET_NAMES = /session|token|secret|password|credential|user|account|audit|sign_in/i;

/**
 * The tables a dump holds, and those it leaves out: private tables (accounts, API tokens, the
 * audit log) and the ephemeral ones (sessions) never leave the database in a dump anyone may
 * read; a table whose name says it may hold such things and is not marked private is refused.
 */
export function dumpedTables(tables: readonly ArchiveTable[] = ARCHIVE_TABLES): {
  dumped: ArchiveTable[];
  omitted: string[];
} {
  const unmarked = tables.filter((t) => SECRET_NAMES.test(t.name) && !t.private);
  if (unmarked.length > 0) {
    throw new DumpRefusedError(
      `the tables ${unmarked.map((t) => t.name).join(', ')} may hold secrets: mark them in src/db/tables.ts as private (or rename them)`,
    );
  }
  return {
    dumped: tables.filter((t) => !t.private),
    omitted: [...tables.filter((t) => t.private).map((t) => t.name), ...EPHEMERAL_TABLES],
  };
}

/** Where a table's rows come from: an engine's own fastest way to read them in key order. */
type ReadRows = (table: ArchiveTable, columns: { name: string; type: string }[]) => AsyncIterable<string>;

/**
 * Writes the whole archive to `out` as a dump (dump-format.ts): every archive table but those
 * marked to be left out, read in one snapshot, row by row in key order, each table with the
 * last id it handed out. Derived tables (the indexes) are not written: a restore builds them.
 */
export async function dumpArchive(
  storage: Storage,
  out: Writable,
  options: { onProgress?: (p: DumpProgress) => void; now?: Date } = {},
): Promise<DumpReport> {
  const started = performance.now();
  const { dumped, omitted } = dumpedTables();
  await checkTablesKnown(storage.db, storage.location, 'fates dump');
  const run = async (db: Db, read: ReadRows): Promise<DumpReport> => {
    const migrations = await appliedMigrations(db);
    if (!migrations)
      throw new DumpRefusedError(`${storage.location} is not a Fates archive: it has no migrations table.`);
    const writer = new DumpWriter(out);
    // Everything the header says is read in the snapshot before any row.
    const infos: { table: ArchiveTable; info: DumpTable; types: { name: string; type: string }[] }[] = [];
    for (const table of dumped) {
      const types = canonicalOrder(await listColumns(db, table.name), table.key);
      const { n } = await db
        .selectFrom(table.name)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      const info: DumpTable = { name: table.name, columns: types.map((c) => c.name), rows: Number(n) };
      if (table.generatedId) info.idCounter = await readIdCounter(db, table.name);
      infos.push({ table, info, types });
    }
    const header: DumpHeader = {
      format: DUMP_FORMAT,
      version: DUMP_VERSION,
      created: (options.now ?? new Date()).toISOString(),
      engine: storage.engine,
      migrations,
      tables: infos.map((t) => t.info),
      omitted,
    };
    await writer.line(JSON.stringify(header));
    const report: DumpReport = { tables: [], rows: 0, omitted, ms: 0 };
    const counts: Record<string, number> = {};
    for (const { table, info, types } of infos) {
      const tableStarted = performance.now();
      const total = info.rows;
      await writer.line(JSON.stringify({ table: table.name }));
      let done = 0;
      options.onProgress?.({ table: table.name, done, total, elapsedMs: 0 });
      for await (const row of read(table, types)) {
        await writer.line(row);
        if (++done % 10_000 === 0)
          options.onProgress?.({ table: table.name, done, total, elapsedMs: performance.now() - tableStarted });
      }
      if (done !== total) throw new Error(`${table.name} changed while it was read: ${done} rows, counted ${total}`);
      options.onProgress?.({ table: table.name, done, total, elapsedMs: performance.now() - tableStarted });
      counts[table.name] = done;
      report.tables.push({ name: table.name, rows: done });
      report.rows += done;
    }
    await writer.end(counts);
    report.ms = performance.now() - started;
    return report;
  };
  if (storage.engine === 'postgres' && storage.pgPool) return dumpPostgres(storage.pgPool, run);
  if (storage.sqlite) return dumpSqlite(storage, run);
  throw new Error('a dump needs the storage as opened by openStorage');
}

/**
 * Columns in one order whatever the engine (a dropped column leaves SQLite's and PostgreSQL's
 * tables in different physical orders): the key first, then the rest by name, so that the same
 * archive dumps to the same bytes from either engine.
 */
function canonicalOrder<C extends { name: string }>(columns: C[], key: readonly string[]): C[] {
  const rank = (c: C) => key.indexOf(c.name);
  return [...columns].sort((a, b) => {
    const ra = rank(a);
    const rb = rank(b);
    if (ra >= 0 || rb >= 0) return (ra < 0 ? key.length : ra) - (rb < 0 ? key.length : rb);
    return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
  });
}

/** The key columns of a table for ORDER BY. */
function orderOf(table: ArchiveTable): string {
  return table.key.map((k) => `"${k}"`).join(', ');
}

/** SQLite: one read transaction, each table read by one statement, each row turned into JSON here. */
async function dumpSqlite(storage: Storage, run: (db: Db, read: ReadRows) => Promise<DumpReport>): Promise<DumpReport> {
  const sqlite = storage.sqlite as NonNullable<Storage['sqlite']>;
  sqlite.exec('BEGIN');
  try {
    return await run(storage.db, async function* (table, columns) {
      const names = columns.map((c) => `"${c.name}"`).join(', ');
      const rows = sqlite
        .prepare(`SELECT ${names} FROM "${table.name}" ORDER BY ${orderOf(table)}`)
        .raw()
        .iterate();
      for (const row of rows as Iterable<unknown[]>) {
        for (let i = 0; i < row.length; i++)
          if (typeof row[i] === 'object' && row[i] !== null) row[i] = encodeValue(row[i]);
        yield JSON.stringify(row);
      }
    });
  } finally {
    sqlite.exec('COMMIT');
  }
}

/**
 * A row as PostgreSQL sends it, written as JSON.stringify writes it (no spaces, numbers in their
 * shortest form), so that a dump reads the same from either engine. COPY's text format doubles
 * every backslash, the only one of its escapes a line of JSON can hold.
 */
function canonical(line: string): string {
  return JSON.stringify(JSON.parse(line.replaceAll('\\\\', '\\')));
}

/**
 * PostgreSQL: one repeatable-read transaction on one connection; the server makes each row's
 * JSON array (json_build_array) and sends the lines by COPY.
 */
async function dumpPostgres(pool: pg.Pool, run: (db: Db, read: ReadRows) => Promise<DumpReport>): Promise<DumpReport> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // Kysely over the same connection, for the snapshot's own queries (counts, columns, counters).
    const db = kyselyOnClient(client);
    const report = await run(db, async function* (table, columns) {
      if (columns.length > 100) throw new Error(`${table.name} has more columns than json_build_array takes`);
      const values = columns
        .map((c) =>
          c.type === 'bytea' ? `json_build_object('$base64', encode("${c.name}", 'base64'))` : `"${c.name}"`,
        )
        .join(', ');
      const stream = client.query(
        copyTo(`COPY (SELECT json_build_array(${values}) FROM "${table.name}" ORDER BY ${orderOf(table)}) TO STDOUT`),
      );
      const decoder = new StringDecoder('utf8');
      let rest = '';
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        const text = rest + decoder.write(chunk);
        const lines = text.split('\n');
        rest = lines.pop() as string;
        for (const line of lines) yield canonical(line);
      }
      if (rest !== '') yield canonical(rest);
    });
    await client.query('COMMIT');
    return report;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}
