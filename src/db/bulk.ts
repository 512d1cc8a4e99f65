import { pipeline } from 'node:stream/promises';
import type BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Db, Storage } from './connection.ts';
import type { Database } from './database.ts';
import { ARCHIVE_VERSION, newArchiveMark } from './engine.ts';
import type { MetaTable } from './meta.table.ts';
import { kyselyOnClient } from './postgres.ts';
import { WAL_BACKSTOP_PAGES, WalCheckpointer } from './wal-checkpointer.ts';

/*
 * Writing millions of rows fast. Rows are queued as arrays in a fixed column order and written
 * table by table (in the order the tables are declared, so parents precede children) in one
 * transaction per `flush()`. Callers assign ids themselves from `readNextIds`, so no insert needs
 * RETURNING and children can be queued in the same batch as their parents. The columns and each
 * row's values come from the domain's row builder (`src/persons/person.rows.ts` …), which the
 * domain's service inserts through too, so both paths derive the same columns the same way.
 *
 * SQLite goes through the raw better-sqlite3 handle with prepared multi-row INSERTs, PostgreSQL
 * through COPY on a connection of the pool.
 */

export type TableName = keyof Database & string;

/** A table and the columns its queued rows give values for, in order. */
export interface BulkTable {
  table: TableName;
  columns: readonly string[];
  /** Columns with the same value in every row (a run's timestamp): written into the SQL, not bound. */
  fixed?: Readonly<Record<string, string | number | null>>;
}

/** A constant as an SQL literal. */
function literal(value: string | number | null): string {
  if (value === null) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Rows queued for one table, flat: one row's values after another, in column order, in an array
 * the queue keeps from batch to batch. Producers give a whole row per call (`queue.row(id, name,
 * …)`). A flat array spares the garbage collector an array per row; keeping it spares the process
 * a new one per batch, grown by doubling: at a few hundred thousand values a batch, each array
 * lives outside V8's young generation and its memory is handed back to the system and faulted in
 * again, page by page (docs/benchmarks.md#import).
 */
export class RowQueue {
  /** The queued values are the first `length`; the rest is room kept for the next rows. */
  private buffer: unknown[] = [];
  private length = 0;
  readonly width: number;

  constructor(readonly spec: BulkTable) {
    this.width = spec.columns.length;
  }

  /** Queues one row, its values in column order. */
  row(...values: unknown[]): void {
    this.pushRow(values);
  }

  /** Queues a row made by a domain's row builder (`src/<domain>/<domain>.rows.ts`). */
  pushRow(row: readonly unknown[]): void {
    if (row.length !== this.width) {
      throw new Error(`a row of ${this.spec.table} has ${this.width} values, not ${row.length}`);
    }
    const buffer = this.buffer;
    let n = this.length;
    for (let i = 0; i < row.length; i++) buffer[n++] = row[i];
    this.length = n;
  }

  /** Queues a row builder's row after the id the caller assigned it (see readNextIds). */
  pushRowWithId(id: number, row: readonly unknown[]): void {
    if (row.length + 1 !== this.width) {
      throw new Error(`a row of ${this.spec.table} has ${this.width} values, not ${row.length + 1}`);
    }
    const buffer = this.buffer;
    let n = this.length;
    buffer[n++] = id;
    for (let i = 0; i < row.length; i++) buffer[n++] = row[i];
    this.length = n;
  }

  get rows(): number {
    return this.length / this.width;
  }

  /** The smallest and largest value of the first column (a table's id) among the queued rows. */
  firstColumnRange(): [number, number] | null {
    if (this.length === 0) return null;
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < this.length; i += this.width) {
      const v = this.buffer[i] as number;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    return [lo, hi];
  }

  /**
   * Queues `count` values (whole rows) that `write` puts into the buffer from `start` on, in any
   * order: for rows that arrive encoded (see wire.ts).
   */
  append(count: number, write: (buffer: unknown[], start: number) => void): void {
    if (count % this.width !== 0) {
      throw new Error(`rows received for ${this.spec.table} do not have ${this.width} values each`);
    }
    const start = this.length;
    // Filled up to the end first: writing past an array's end leaves holes, which V8 stores slowly.
    const buffer = this.buffer;
    while (buffer.length < start + count) buffer.push(null);
    write(buffer, start);
    this.length = start + count;
  }

  /**
   * Empties the queue, handing its values to `use`: the buffer, of which the first `length` are
   * queued. They are valid during the call only; the queue's next rows overwrite them.
   */
  drain<T>(use: (values: readonly unknown[], length: number) => T): T {
    const length = this.length;
    this.length = 0;
    return use(this.buffer, length);
  }
}

export interface BulkWriter {
  /** The queue of `table`, which must be one of the tables the writer was opened with. */
  queue(table: TableName): RowQueue;
  /**
   * Writes every queued row in one transaction and empties the queues; returns the rows written.
   * The transaction gives the archive a new version mark, as every writer's does (engine.ts).
   */
  flush(): Promise<number>;
  /**
   * With `singleTransaction`: builds the deferred indexes (and foreign keys) again, checks the
   * rows and commits everything written. Without it, nothing to do.
   */
  commit(): Promise<void>;
  /**
   * Restores what the writer changed for speed (SQLite pragmas, PostgreSQL id sequences); with
   * `singleTransaction`, rolls back everything unless commit() ran.
   */
  close(): Promise<void>;
  /**
   * Runs other statements on the writer's connection: inside its transaction with
   * `singleTransaction`. Not for Kysely's own transactions (SQLite has one open already).
   */
  readonly db: Db;
}

/** Tables of the schema whose primary key is an `id` integer the database would assign. */
export const ID_TABLES = [
  'places',
  'place_names',
  'organizations',
  'organization_names',
  'persons',
  'names',
  'events',
  'attributes',
  'relationships',
  'sources',
  'list_rows',
  'document_texts',
  'citations',
] as const satisfies readonly TableName[];
export type IdTable = (typeof ID_TABLES)[number];

/** For each table, the first id after the largest in use (1 for an empty table). */
export async function readNextIds<T extends IdTable>(db: Db, tables: readonly T[]): Promise<Record<T, number>> {
  const out = {} as Record<T, number>;
  for (const table of tables) {
    // Widened to the union: Kysely types a query on a union of tables, not on a type parameter.
    const row = await db
      .selectFrom(table as IdTable)
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirst();
    out[table] = Number(row?.max ?? 0) + 1;
  }
  return out;
}

export interface BulkOptions {
  /**
   * SQLite: drop the tables' secondary indexes while writing and build them again in close().
   * An index whose new entries do not go at its end (persons by name, events by type and date,
   * by place …) costs SQLite a B-tree rebalance per row, several times the row itself; building it
   * once, sorted, is far cheaper when many rows are added. Not worth it for a few rows added to
   * many. Unique indexes are kept, so constraints hold throughout. A list of names defers only
   * those indexes.
   */
  deferIndexes?: boolean | readonly string[];
  /**
   * SQLite: check foreign keys row by row (the default). A caller whose rows refer only to rows it
   * has just read or written itself may turn this off for the run, which saves a lookup per row;
   * `PRAGMA foreign_key_check` can verify afterwards.
   */
  checkForeignKeys?: boolean;
  /**
   * SQLite: checkpoint the WAL on a thread of its own instead of at the commits (see
   * wal-checkpointer.ts). Pays for its thread from a few batches on.
   */
  checkpointInBackground?: boolean;
  /**
   * Write every flush in one transaction, opened with the writer and committed by commit() (close()
   * without it rolls back): all or nothing, as a restore needs. Deferred indexes are dropped and
   * built again inside it, and on PostgreSQL the tables' foreign keys too, which PostgreSQL checks
   * row by row otherwise and checks in one pass when they are added back. SQLite checks the
   * foreign keys before committing when checkForeignKeys is off. Id counters are the caller's to
   * set in the transaction (writeIdCounter in catalog.ts).
   */
  singleTransaction?: boolean;
}

/** Opens a bulk writer on `storage` for `tables`, choosing the fast path for the engine. */
export async function openBulkWriter(
  storage: Storage,
  tables: readonly BulkTable[],
  options: BulkOptions = {},
): Promise<BulkWriter> {
  if (storage.engine === 'sqlite' && storage.sqlite) {
    restoreDeferredIndexes(storage.sqlite);
    return new SqliteBulkWriter(storage.sqlite, storage.db, tables, {
      deferIndexes: options.deferIndexes ?? false,
      checkForeignKeys: options.checkForeignKeys ?? true,
      checkpointInBackground: (options.checkpointInBackground ?? false) && !options.singleTransaction,
      singleTransaction: options.singleTransaction ?? false,
    });
  }
  if (storage.engine === 'postgres' && storage.pgPool) {
    if (!options.singleTransaction) return new PostgresCopyWriter(storage.db, storage.pgPool, tables);
    return PostgresCopyWriter.single(storage.pgPool, tables, options.deferIndexes === true);
  }
  throw new Error('bulk writes need the storage as opened by openStorage (its SQLite handle or PostgreSQL pool)');
}

/** The meta row that lists indexes a bulk writer dropped, until it has built them again. */
const DEFERRED_INDEXES = 'bulk_deferred_indexes';

interface IndexDefinition {
  name: string;
  sql: string;
}

/**
 * Builds again the indexes a bulk writer dropped and could not restore (the process was killed
 * mid-run). Cheap when there are none; call it when opening a database for work.
 */
export function restoreDeferredIndexes(sqlite: BetterSqlite3.Database): number {
  // A database not yet migrated has no meta table, and nothing to restore.
  if (!sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'meta'").get()) return 0;
  const row = sqlite
    .prepare<[string], Pick<MetaTable, 'value'>>('SELECT value FROM meta WHERE key = ?')
    .get(DEFERRED_INDEXES);
  if (!row) return 0;
  const indexes = JSON.parse(row.value) as IndexDefinition[];
  buildIndexes(sqlite, indexes);
  return indexes.length;
}

/**
 * Page cache while building indexes. SQLite's sorter keeps as many entries in memory as the
 * page cache holds (1 MiB at least) before it sorts them into a run and merges the runs at the
 * end. A run sorted within the CPU's caches is far quicker than one large list, and with helper
 * threads the runs are sorted on them while the table is still being read
 * (docs/benchmarks.md#import).
 */
const INDEX_BUILD_CACHE_KIB = 1024;
/**
 * Memory map while building indexes: as much of the file as SQLite maps at most (2 GiB in this
 * build), so that the scans of the tables read mapped pages rather than copy each one in.
 */
const INDEX_BUILD_MMAP_BYTES = 2 ** 31;

function buildIndexes(sqlite: BetterSqlite3.Database, indexes: readonly IndexDefinition[]): void {
  // SQLite sorts index entries on helper threads when allowed to; this is the one place it pays.
  const threads = sqlite.pragma('threads', { simple: true });
  const cacheSize = sqlite.pragma('cache_size', { simple: true });
  const mmapSize = sqlite.pragma('mmap_size', { simple: true });
  sqlite.pragma('threads = 2');
  sqlite.pragma(`cache_size = -${INDEX_BUILD_CACHE_KIB}`);
  sqlite.pragma(`mmap_size = ${INDEX_BUILD_MMAP_BYTES}`);
  try {
    sqlite.transaction(() => {
      for (const index of indexes) {
        const exists = sqlite.prepare("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = ?").get(index.name);
        if (!exists) sqlite.exec(index.sql);
      }
      sqlite.prepare('DELETE FROM meta WHERE key = ?').run(DEFERRED_INDEXES);
    })();
  } finally {
    sqlite.pragma(`threads = ${threads}`);
    sqlite.pragma(`cache_size = ${cacheSize}`);
    sqlite.pragma(`mmap_size = ${mmapSize}`);
  }
}

/** One queue per table, in the order the tables are written. */
export class RowQueues {
  readonly queues: RowQueue[];
  private readonly byName = new Map<TableName, RowQueue>();

  constructor(tables: readonly BulkTable[]) {
    this.queues = tables.map((spec) => new RowQueue(spec));
    for (const q of this.queues) this.byName.set(q.spec.table, q);
  }

  queue(table: TableName): RowQueue {
    const q = this.byName.get(table);
    if (!q) throw new Error(`the bulk writer was not opened for table ${table}`);
    return q;
  }

  /** Rows queued in all. */
  pending(): number {
    return this.queues.reduce((n, q) => n + q.rows, 0);
  }
}

/** SQLite allows 32,766 bound parameters per statement since 3.32; stay well below. */
const SQLITE_MAX_PARAMS = 30_000;
/** More rows per statement stop paying off around here. */
const SQLITE_MAX_ROWS = 64;

class SqliteBulkWriter extends RowQueues implements BulkWriter {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();
  private readonly restore: Array<[string, unknown]>;

  private readonly deferred: IndexDefinition[] = [];
  private readonly checkpointer: WalCheckpointer | null;

  private readonly single: boolean;
  private readonly checkForeignKeys: boolean;
  private open = false;

  constructor(
    private readonly sqlite: BetterSqlite3.Database,
    readonly db: Db,
    tables: readonly BulkTable[],
    options: {
      deferIndexes: boolean | readonly string[];
      checkForeignKeys: boolean;
      checkpointInBackground: boolean;
      singleTransaction: boolean;
    },
  ) {
    super(tables);
    const { deferIndexes, checkForeignKeys, checkpointInBackground, singleTransaction } = options;
    this.single = singleTransaction;
    this.checkForeignKeys = checkForeignKeys;
    // In WAL mode, synchronous=NORMAL syncs only at checkpoints and never risks the file, even on
    // power loss; OFF is no faster for these transactions. Undone by close(), as is turning
    // off the foreign-key checks (which SQLite allows only outside a transaction).
    this.restore = [
      ['synchronous', sqlite.pragma('synchronous', { simple: true })],
      ['foreign_keys', sqlite.pragma('foreign_keys', { simple: true })],
    ];
    sqlite.pragma('synchronous = NORMAL');
    if (!checkForeignKeys) sqlite.pragma('foreign_keys = OFF');
    if (singleTransaction) {
      // Taken now, for writing: flushes are savepoints within it.
      sqlite.exec('BEGIN IMMEDIATE');
      this.open = true;
    }
    if (deferIndexes !== false) {
      this.dropIndexes(
        tables.map((t) => t.table),
        deferIndexes === true ? null : deferIndexes,
      );
    }
    this.checkpointer = checkpointInBackground ? WalCheckpointer.start(sqlite) : null;
    if (this.checkpointer) {
      // Left a backstop: should the checkpointer fall behind, commits checkpoint again past it.
      this.restore.push(['wal_autocheckpoint', sqlite.pragma('wal_autocheckpoint', { simple: true })]);
      sqlite.pragma(`wal_autocheckpoint = ${WAL_BACKSTOP_PAGES}`);
    }
  }

  private statement(spec: BulkTable, rows: number): BetterSqlite3.Statement {
    const key = `${spec.table}:${rows}`;
    let stmt = this.statements.get(key);
    if (!stmt) {
      const fixed = Object.entries(spec.fixed ?? {});
      const names = [...spec.columns, ...fixed.map(([c]) => c)];
      const tuple = `(${[...spec.columns.map(() => '?'), ...fixed.map(([, v]) => literal(v))].join(',')})`;
      const values = new Array(rows).fill(tuple).join(',');
      // OR FAIL rather than the default ABORT: an ABORT statement of many rows keeps a statement
      // journal (a temporary file) of every page it changes, to undo itself alone on a conflict;
      // that journal is much of the writing. A failed statement here fails the whole flush,
      // whose transaction is rolled back, so undoing the statement alone buys nothing. (With
      // foreign keys checked, SQLite still keeps the journal, and the result is the same.)
      stmt = this.sqlite.prepare(`INSERT OR FAIL INTO "${spec.table}" ("${names.join('","')}") VALUES ${values}`);
      this.statements.set(key, stmt);
    }
    return stmt;
  }

  async flush(): Promise<number> {
    const written = this.pending();
    if (written === 0) return 0;
    const mark = this.sqlite.prepare<[string, string]>(
      'INSERT INTO archive_marks (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.sqlite.transaction(() => {
      mark.run(ARCHIVE_VERSION, newArchiveMark());
      for (const q of this.queues) {
        const width = q.width;
        const chunk = Math.max(1, Math.min(SQLITE_MAX_ROWS, Math.floor(SQLITE_MAX_PARAMS / width)));
        q.drain((values, length) => {
          const rows = length / width;
          for (let start = 0; start < rows; start += chunk) {
            const n = Math.min(chunk, rows - start);
            // Spread, not an array: better-sqlite3 then binds from the call's arguments instead of
            // reading the array's elements through V8's API, one call each.
            this.statement(q.spec, n).run(...values.slice(start * width, (start + n) * width));
          }
        });
      }
    })();
    this.checkpointer?.committed();
    return written;
  }

  /** Drops the secondary, non-unique indexes of `tables` (those in `only`), noting them in `meta` first. */
  private dropIndexes(tables: readonly string[], only: readonly string[] | null): void {
    const indexes = this.sqlite
      .prepare(
        `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL
         AND tbl_name IN (${tables.map(() => '?').join(',')}) ORDER BY name`,
      )
      .all(...tables) as IndexDefinition[];
    const droppable = indexes.filter(
      (i) => !/^\s*CREATE\s+UNIQUE\b/i.test(i.sql) && (only === null || only.includes(i.name)),
    );
    if (droppable.length === 0) return;
    this.sqlite.transaction(() => {
      // Noted so that a killed run's indexes are built again (restoreDeferredIndexes); in a single
      // transaction a rollback brings them back instead.
      if (!this.single) {
        this.sqlite
          .prepare('INSERT INTO meta (key, value) VALUES (?, ?)')
          .run(DEFERRED_INDEXES, JSON.stringify(droppable));
      }
      for (const index of droppable) this.sqlite.exec(`DROP INDEX "${index.name}"`);
    })();
    this.deferred.push(...droppable);
  }

  async commit(): Promise<void> {
    if (!this.open) return;
    if (this.deferred.length > 0) buildIndexes(this.sqlite, this.deferred.splice(0));
    if (!this.checkForeignKeys) {
      const broken = this.sqlite.prepare('PRAGMA foreign_key_check').all() as { table: string; parent: string }[];
      if (broken.length > 0) {
        const { table, parent } = broken[0] as { table: string; parent: string };
        throw new Error(`${broken.length} rows refer to rows that do not exist (first: ${table} → ${parent})`);
      }
    }
    this.sqlite.exec('COMMIT');
    this.open = false;
  }

  async close(): Promise<void> {
    try {
      // Uncommitted, the indexes dropped in the transaction come back with the rollback.
      if (this.open) this.sqlite.exec('ROLLBACK');
      else if (this.deferred.length > 0) buildIndexes(this.sqlite, this.deferred);
    } finally {
      this.open = false;
      for (const [name, value] of this.restore) this.sqlite.pragma(`${name} = ${value}`);
      await this.checkpointer?.stop();
    }
  }
}

/** Moves identity sequences past the ids a writer gave its rows itself. */
async function advanceSequences(db: Db, tables: Iterable<TableName>): Promise<void> {
  for (const table of tables) {
    if (!(ID_TABLES as readonly string[]).includes(table)) continue;
    await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM ${sql.table(table)}`.execute(
      db,
    );
  }
}

/** A value in COPY's text format: \N for NULL, and backslash, tab, newline and return escaped. */
function copyText(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error(`not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 't' : 'f';
  // bytea's hex form, its backslash escaped for COPY.
  if (Buffer.isBuffer(value)) return `\\\\x${value.toString('hex')}`;
  return String(value).replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/** Rows per chunk of COPY data handed to the socket. */
const COPY_CHUNK_ROWS = 2_000;

/**
 * PostgreSQL: every queued table goes in by one COPY … FROM STDIN, all in one transaction. COPY
 * skips the planning and parameter handling of INSERT and is several times faster in bulk.
 */
class PostgresCopyWriter extends RowQueues implements BulkWriter {
  private readonly touched = new Set<TableName>();
  /** With a single transaction: its connection, and what was dropped to be added back at commit. */
  private session: { client: pg.PoolClient; deferred: string[] } | null = null;
  private single = false;

  constructor(
    readonly db: Db,
    private readonly pool: pg.Pool,
    tables: readonly BulkTable[],
  ) {
    super(tables);
  }

  /** A writer whose flushes all go into one transaction on one connection (see singleTransaction). */
  static async single(pool: pg.Pool, tables: readonly BulkTable[], defer: boolean): Promise<PostgresCopyWriter> {
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const writer = new PostgresCopyWriter(kyselyOnClient(client), pool, tables);
      writer.session = { client, deferred: defer ? await dropDeferrable(client, tables) : [] };
      writer.single = true;
      return writer;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      client.release(true);
      throw error;
    }
  }

  async flush(): Promise<number> {
    const written = this.pending();
    if (written === 0) return 0;
    const client = this.session?.client ?? (await this.pool.connect());
    const own = this.session === null;
    let failed = false;
    try {
      if (own) await client.query('BEGIN');
      await client.query(
        'INSERT INTO archive_marks (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
        [ARCHIVE_VERSION, newArchiveMark()],
      );
      for (const q of this.queues) {
        if (q.rows === 0) continue;
        const fixed = Object.entries(q.spec.fixed ?? {});
        const suffix = fixed.map(([, v]) => `\t${copyText(v)}`).join('');
        const columns = [...q.spec.columns, ...fixed.map(([c]) => c)].map((c) => `"${c}"`).join(', ');
        const width = q.width;
        // A copy: the queue's buffer is reused, and COPY streams while other work may go on.
        const values = q.drain((buffer, length) => buffer.slice(0, length));
        const rows = values.length / width;
        async function* lines() {
          for (let start = 0; start < rows; start += COPY_CHUNK_ROWS) {
            let chunk = '';
            for (let r = start; r < Math.min(rows, start + COPY_CHUNK_ROWS); r++) {
              let line = copyText(values[r * width]);
              for (let c = 1; c < width; c++) line += `\t${copyText(values[r * width + c])}`;
              chunk += `${line}${suffix}\n`;
            }
            yield chunk;
          }
        }
        await pipeline(lines(), client.query(copyFrom(`COPY "${q.spec.table}" (${columns}) FROM STDIN`)));
        this.touched.add(q.spec.table);
      }
      if (own) await client.query('COMMIT');
    } catch (error) {
      failed = true;
      if (own) await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      if (own) client.release(failed);
    }
    return written;
  }

  async commit(): Promise<void> {
    const session = this.session;
    if (!session) return;
    // Indexes built and foreign keys checked once, over all the rows.
    for (const statement of session.deferred.splice(0)) await session.client.query(statement);
    await session.client.query('COMMIT');
    session.client.release();
    this.session = null;
    for (const table of this.touched) await sql`ANALYZE ${sql.table(table)}`.execute(this.db);
  }

  /** Also gives the planner statistics of the new rows now, rather than when autovacuum gets to it. */
  async close(): Promise<void> {
    if (this.session) {
      const { client } = this.session;
      this.session = null;
      await client.query('ROLLBACK').catch(() => {});
      client.release();
    }
    if (this.single) return;
    await advanceSequences(this.db, this.touched);
    for (const table of this.touched) await sql`ANALYZE ${sql.table(table)}`.execute(this.db);
  }
}

/**
 * Drops the tables' foreign keys and their indexes other than primary keys and constraints',
 * in the caller's transaction; returns the statements that add them back.
 */
async function dropDeferrable(client: pg.PoolClient, tables: readonly BulkTable[]): Promise<string[]> {
  const names = tables.map((t) => t.table);
  const keys = await client.query<{ tbl: string; name: string; def: string }>(
    `SELECT conrelid::regclass::text AS tbl, conname AS name, pg_get_constraintdef(oid) AS def
     FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY($1::regclass[])`,
    [names],
  );
  const indexes = await client.query<{ name: string; def: string }>(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
     FROM pg_index i WHERE i.indrelid = ANY($1::regclass[]) AND NOT i.indisprimary
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`,
    [names],
  );
  for (const k of keys.rows) await client.query(`ALTER TABLE ${k.tbl} DROP CONSTRAINT "${k.name}"`);
  for (const i of indexes.rows) await client.query(`DROP INDEX ${i.name}`);
  return [
    ...indexes.rows.map((i) => i.def),
    ...keys.rows.map((k) => `ALTER TABLE ${k.tbl} ADD CONSTRAINT "${k.name}" ${k.def}`),
  ];
}
