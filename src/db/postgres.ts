import { Kysely, PostgresDialect, type PostgresPool, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import { withBackground } from './background.ts';
import type { Database } from './database.ts';
import { isStorageUnavailable, StorageOpenError } from './errors.ts';
import type { Storage } from './storage.ts';
import { ARCHIVE_TABLES } from './tables.ts';

/** Extensions the schema and the name search rely on; migrations create them when allowed. */
export const REQUIRED_EXTENSIONS = ['pg_trgm', 'unaccent', 'fuzzystrmatch'] as const;

const DEFAULT_POOL_SIZE = 10;
const MIN_SERVER_VERSION = 130000; // trusted extensions, DROP DATABASE … WITH (FORCE)

export interface PostgresOptions {
  /** Most connections this process opens; else `?pool_size=` in the URL, $DATABASE_POOL_SIZE or 10. */
  poolSize?: number;
  /** Told about connections that died while idle in the pool (they are replaced); default: a warning. */
  onConnectionLost?: (error: Error) => void;
  /** Extensions to insist on at start; REQUIRED_EXTENSIONS unless a test asks for others. */
  extensions?: readonly string[];
}

/** A `postgres://` URL taken apart for the driver and for messages that must not show the password. */
export interface PostgresTarget {
  connectionString: string;
  /** The URL without password and options, for messages. */
  location: string;
  user: string;
  database: string;
  poolSize: number;
}

export function isPostgresUrl(target: string): boolean {
  return /^postgres(ql)?:\/\//i.test(target);
}

function positiveInteger(raw: string, what: string): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1000)
    throw new StorageOpenError(`${what} must be a whole number from 1 to 1000, not "${raw}".`);
  return n;
}

export function parsePostgresUrl(target: string, options: PostgresOptions = {}, env = process.env): PostgresTarget {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    // The URL may hold a password, so it is not repeated.
    throw new StorageOpenError(
      'The PostgreSQL URL is malformed; expected postgres://user:password@host:5432/database (percent-encode special characters in the password).',
    );
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  const host = url.hostname || url.searchParams.get('host') || 'localhost';
  const user = decodeURIComponent(url.username) || url.searchParams.get('user') || env.PGUSER || env.USER || 'postgres';
  const location = `postgres://${encodeURIComponent(user)}@${host}:${url.port || '5432'}/${database}`;
  if (!database || database.includes('/')) {
    throw new StorageOpenError(
      `The PostgreSQL URL ${location} names no database; end it with the database name, as in postgres://host:5432/fates.`,
    );
  }
  const fromUrl = url.searchParams.get('pool_size');
  url.searchParams.delete('pool_size'); // ours, not libpq's: the driver must not see it
  const poolSize =
    options.poolSize ??
    (fromUrl !== null
      ? positiveInteger(fromUrl, 'pool_size in the URL')
      : env.DATABASE_POOL_SIZE
        ? positiveInteger(env.DATABASE_POOL_SIZE, 'DATABASE_POOL_SIZE')
        : DEFAULT_POOL_SIZE);
  return { connectionString: url.toString(), location, user, database, poolSize };
}

// Same runtime types as better-sqlite3: numbers for bigint counts and numerics, 0/1 for booleans,
// text for dates and timestamps (the schema stores ISO text) and for JSON (SQLite returns text).
const PARSERS: Record<number, (value: string) => unknown> = {
  16: (s) => (s === 't' ? 1 : 0), // bool
  20: Number, // int8: counts and sums; far below 2^53 in an archive
  1700: Number, // numeric, as from avg()
  114: String, // json
  3802: String, // jsonb
  1082: String, // date
  1114: String, // timestamp
  1184: String, // timestamptz
};
const types: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    (format ?? 'text') === 'text' && PARSERS[oid]
      ? PARSERS[oid]
      : pg.types.getTypeParser(oid, format as 'text')) as pg.CustomTypesConfig['getTypeParser'],
};

/** A connection pool that survives the server going away: dead clients are dropped and replaced. */
function createPool(target: PostgresTarget, options: PostgresOptions = {}): pg.Pool {
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    max: target.poolSize,
    connectionTimeoutMillis: 10_000,
    idleTimeoutMillis: 30_000,
    keepAlive: true,
    fallback_application_name: 'fates',
    types,
  });
  const onLost =
    options.onConnectionLost ??
    ((error: Error) =>
      console.warn(`fates: lost an idle connection to ${target.location} (${error.message}); it will be replaced.`));
  // Without these listeners, a connection the server closes (restart, failover, idle timeout)
  // is an unhandled 'error' event and ends the process. An idle client's error reaches the pool;
  // a checked-out client's error also fails its current query, which is how the request learns.
  pool.on('error', (error) => {
    if (!pool.ending) onLost(error); // a client closing at shutdown may hear the server go first
  });
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

/**
 * The pool as Kysely sees it, except that a client whose query failed because its connection
 * died is destroyed on release. Otherwise it goes back to the pool for a moment (the socket's
 * close event comes a tick after the error), and the next request would get a dead connection.
 */
function discardingDeadClients(pool: pg.Pool): PostgresPool {
  return {
    async connect(): Promise<PostgresPoolClient> {
      const client = await pool.connect();
      let dead = false;
      const query = ((text: string | pg.Submittable, values?: unknown[]) => {
        const result = client.query(text as string, values);
        if (result instanceof Promise) {
          result.catch((error: unknown) => {
            dead ||= isStorageUnavailable(error) || (error as { severity?: string }).severity === 'FATAL';
          });
        }
        return result;
      }) as unknown as PostgresPoolClient['query'];
      return { query, release: (destroy?: boolean) => client.release(destroy || dead) };
    },
    end: () => pool.end(),
  };
}

/**
 * Opens a PostgreSQL archive: connects once to check that the server is reachable, the login
 * works, the database exists, the extensions are there (or may be created by the migrations)
 * and the user holds the privileges the app needs. Anything wrong is one StorageOpenError.
 */
export async function openPostgres(url: string, options: PostgresOptions = {}): Promise<Storage> {
  const target = parsePostgresUrl(url, options);
  const pool = createPool(target, options);
  try {
    const client = await pool.connect().catch((error: unknown) => {
      throw new StorageOpenError(describeConnectError(error, target));
    });
    try {
      await checkServer(client, target, options.extensions ?? REQUIRED_EXTENSIONS);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end().catch(() => {});
    if (error instanceof StorageOpenError) throw error;
    throw new StorageOpenError(`Cannot check PostgreSQL at ${target.location}: ${(error as Error).message}`);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: discardingDeadClients(pool) }) });
  return withBackground({
    db,
    engine: 'postgres',
    location: target.location,
    target: url,
    pgPool: pool,
    close: () => db.destroy(),
  });
}

function describeConnectError(error: unknown, t: PostgresTarget): string {
  const e = error as { code?: string; message?: string; errors?: { code?: string }[] };
  const code = e.code ?? e.errors?.[0]?.code;
  const at = `PostgreSQL at ${t.location}`;
  switch (code) {
    case 'ECONNREFUSED':
      return `Cannot connect to ${at}: connection refused. Is the server running and listening on that host and port?`;
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `Cannot connect to ${at}: the host name does not resolve.`;
    case 'ETIMEDOUT':
      return `Cannot connect to ${at}: timed out. Check the host, port and firewall.`;
    case '28P01':
      return `${at} refused the password for user "${t.user}".`;
    case '28000':
      return `${at} does not let user "${t.user}" log in: ${e.message}. Check the user name and the server's pg_hba.conf.`;
    case '3D000':
      return `The database "${t.database}" does not exist on ${at}. Create it first: createdb ${t.database} (or CREATE DATABASE "${t.database}";).`;
    case '42501':
      return `User "${t.user}" may not connect to the database "${t.database}" (${e.message}). GRANT CONNECT ON DATABASE "${t.database}" TO "${t.user}";`;
    case '53300':
      return `${at} has no free connections (too many clients). Lower DATABASE_POOL_SIZE or raise max_connections.`;
    case '57P03':
      return `${at} is starting up or shutting down; try again in a moment.`;
  }
  if (e.message && /timeout/i.test(e.message))
    return `Cannot connect to ${at}: timed out. Check the host, port and firewall.`;
  return `Cannot connect to ${at}: ${e.message ?? String(error)}`;
}

interface ServerFacts {
  version: number;
  user: string;
  database: string;
  schema: string | null;
  superuser: number;
  can_create_in_database: number;
  can_create_in_schema: number;
  migrated: number;
}

async function checkServer(client: pg.PoolClient, t: PostgresTarget, required: readonly string[]): Promise<void> {
  const facts = (
    await client.query<ServerFacts>(`
      SELECT current_setting('server_version_num')::int AS version,
             current_user AS "user", current_database() AS database, current_schema() AS schema,
             (SELECT rolsuper FROM pg_roles WHERE rolname = current_user) AS superuser,
             has_database_privilege(current_database(), 'CREATE') AS can_create_in_database,
             COALESCE(has_schema_privilege(current_schema(), 'CREATE'), false) AS can_create_in_schema,
             to_regclass('kysely_migration') IS NOT NULL AS migrated`)
  ).rows[0]!;
  if (facts.version < MIN_SERVER_VERSION) {
    throw new StorageOpenError(
      `${t.location} runs PostgreSQL ${Math.floor(facts.version / 10000)}; Fates needs version 13 or later.`,
    );
  }
  const where = `the database "${facts.database}"`;
  if (!facts.schema) {
    throw new StorageOpenError(
      `No schema on the search_path of user "${facts.user}" exists in ${where}; create one or set search_path.`,
    );
  }

  const extensions = (
    await client.query<{ name: string; available: number; installed: number; trusted: number }>(
      `SELECT r.name, e.name IS NOT NULL AS available, e.installed_version IS NOT NULL AS installed,
              COALESCE(v.trusted, false) AS trusted
         FROM unnest($1::text[]) WITH ORDINALITY AS r(name, i)
         LEFT JOIN pg_available_extensions e ON e.name = r.name
         LEFT JOIN pg_available_extension_versions v ON v.name = e.name AND v.version = e.default_version
        ORDER BY r.i`,
      [required],
    )
  ).rows;
  const unavailable = extensions.filter((x) => !x.available).map((x) => x.name);
  if (unavailable.length > 0) {
    throw new StorageOpenError(
      `${t.location} lacks the PostgreSQL extension${unavailable.length > 1 ? 's' : ''} ${unavailable.join(', ')}. ` +
        'Install the server\'s contrib package (e.g. "postgresql-contrib" or "postgresql-17-contrib"); hosted services offer them as standard extensions.',
    );
  }
  const uncreatable = extensions
    .filter(
      (x) =>
        !x.installed && !(facts.superuser || (x.trusted && facts.can_create_in_database && facts.can_create_in_schema)),
    )
    .map((x) => x.name);
  if (uncreatable.length > 0) {
    throw new StorageOpenError(
      `User "${facts.user}" may not create the extension${uncreatable.length > 1 ? 's' : ''} ${uncreatable.join(', ')} in ${where}. ` +
        `Ask an administrator to run, in that database: ${uncreatable.map((n) => `CREATE EXTENSION IF NOT EXISTS ${n};`).join(' ')}`,
    );
  }

  if (!facts.migrated) {
    if (!facts.can_create_in_schema) {
      throw new StorageOpenError(
        `User "${facts.user}" may not create tables in schema "${facts.schema}" of ${where}, which the first migration needs. ` +
          `Make the user the database's owner, or GRANT CREATE ON SCHEMA "${facts.schema}" TO "${facts.user}";`,
      );
    }
    return;
  }
  const missing = (
    await client.query<{ table: string; privilege: string }>(
      `SELECT t AS table, p AS privilege
         FROM unnest($1::text[]) AS t, unnest(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE']) AS p
        WHERE to_regclass(t) IS NOT NULL AND NOT has_table_privilege(t, p)`,
      [ARCHIVE_TABLES.map((x) => x.name)],
    )
  ).rows;
  if (missing.length > 0) {
    const tables = [...new Set(missing.map((m) => m.table))];
    const privileges = [...new Set(missing.map((m) => m.privilege))];
    throw new StorageOpenError(
      `User "${facts.user}" lacks ${privileges.join(', ')} on ${tables.length} table${tables.length > 1 ? 's' : ''} (${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', …' : ''}) in ${where}. ` +
        `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "${facts.schema}" TO "${facts.user}";`,
    );
  }
}

/**
 * Kysely over one connection taken from the pool, so that its statements run in the caller's
 * transaction on that connection (a bulk write's COPY, a dump's snapshot).
 */
export function kyselyOnClient(client: pg.PoolClient): Kysely<Database> {
  return new Kysely<Database>({
    dialect: new PostgresDialect({
      pool: {
        connect: async () => ({ query: client.query.bind(client) as PostgresPoolClient['query'], release: () => {} }),
        end: async () => {},
      },
    }),
  });
}
