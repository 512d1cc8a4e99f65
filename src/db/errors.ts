/** The database cannot be opened; the message says why, for a person reading a terminal. */
export class StorageOpenError extends Error {
  override name = 'StorageOpenError';
}

/**
 * The database is (perhaps briefly) out of reach: the request that met this should fail with
 * 503 and the next one may well succeed. Thrown by storage code that detects it itself; errors
 * straight from a driver are recognised by `isStorageUnavailable`.
 */
export class StorageUnavailableError extends Error {
  override name = 'StorageUnavailableError';
}

// Socket-level failures from Node's net/dns layers.
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENETDOWN',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL SQLSTATEs meaning "not now" rather than "never": class 08 (connection exception),
 * the server shutting down or starting up (57P01–57P03), too many connections (53300).
 */
function isTransientSqlState(code: string): boolean {
  return code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03' || code === '53300';
}

// node-postgres and Kysely report a dead connection with plain Errors that carry no code.
const DEAD_CONNECTION_MESSAGES = [
  'Connection terminated',
  'connection timeout',
  'timeout exceeded when trying to connect',
  'is not queryable',
  'Postgres connection has been discarded',
];

/**
 * True when an error means the database could not be reached or dropped the connection, so the
 * caller should answer 503 rather than 500. Also true for SQLite's "database is locked" after the
 * busy timeout, which is the same situation for an embedded database: try again shortly.
 */
export function isStorageUnavailable(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === 'object' && depth < 5; depth++) {
    if (e instanceof StorageUnavailableError) return true;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (NETWORK_CODES.has(code) || code.startsWith('SQLITE_BUSY')) return true;
      if (/^[0-9A-Z]{5}$/.test(code) && isTransientSqlState(code)) return true;
    }
    const message = (e as { message?: unknown }).message;
    if (typeof message === 'string' && DEAD_CONNECTION_MESSAGES.some((m) => message.includes(m))) return true;
    if (e instanceof AggregateError && e.errors.some((inner) => isStorageUnavailable(inner))) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
