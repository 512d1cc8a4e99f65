import type SQLite from 'better-sqlite3';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryId } from 'kysely';
import type { Storage } from '../src/db/connection.ts';

/**
 * The storage, telling `onQuery` how long each statement it runs takes: what the benchmark
 * compares with the time of a whole search. Call it before anything has run on the storage.
 *
 * SQLite: every statement prepared on the raw handle from then on, whether by Kysely (which
 * prepares through the handle) or by search's walks and lists on the handle itself, so nothing
 * goes uncounted and nothing is counted twice. PostgreSQL: every query through Kysely, from its
 * compiling to its result.
 *
 * @example
 * const storage = timeQueries(await openStorage(url), (ms) => (sqlMillis += ms));
 */
export function timeQueries(storage: Storage, onQuery: (millis: number) => void): Storage {
  if (storage.sqlite) {
    timeStatements(storage.sqlite, onQuery);
    return storage;
  }
  return { ...storage, db: storage.db.withPlugin(new QueryTimingPlugin(onQuery)) };
}

function timeStatements(sqlite: SQLite.Database, onQuery: (millis: number) => void): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const timed =
    <A extends unknown[], R>(run: (...args: A) => R) =>
    (...args: A): R => {
      const started = performance.now();
      try {
        return run(...args);
      } finally {
        onQuery(performance.now() - started);
      }
    };
  sqlite.prepare = ((source: string) => {
    const stmt = prepare(source);
    stmt.all = timed(stmt.all.bind(stmt));
    stmt.get = timed(stmt.get.bind(stmt));
    stmt.run = timed(stmt.run.bind(stmt));
    const iterate = stmt.iterate.bind(stmt);
    // A streamed statement: its start and each step.
    stmt.iterate = (...args: unknown[]) => {
      const rows = timed(iterate)(...args);
      const next = timed(rows.next.bind(rows));
      return Object.assign(rows, { next });
    };
    return stmt;
  }) as typeof sqlite.prepare;
}

class QueryTimingPlugin implements KyselyPlugin {
  private readonly started = new WeakMap<QueryId, number>();

  constructor(private readonly onQuery: (millis: number) => void) {}

  transformQuery({ node, queryId }: PluginTransformQueryArgs) {
    this.started.set(queryId, performance.now());
    return node;
  }

  async transformResult({ result, queryId }: PluginTransformResultArgs) {
    const started = this.started.get(queryId);
    if (started !== undefined) this.onQuery(performance.now() - started);
    return result;
  }
}
