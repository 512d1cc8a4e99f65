import cluster from 'node:cluster';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { warmArchiveCounts } from '../archive/archive-counts.ts';
import { keepContributionsTidy } from '../contributions/housekeeping.ts';
import { contributionSettingsFromEnv } from '../contributions/settings.ts';
import type { Storage } from '../db/connection.ts';
import { keepDuplicatesFound, scanMinutesFromEnv } from '../merges/duplicate-housekeeping.ts';
import { startSearchThread } from '../search/names/search-thread.ts';
import { createApp } from '../web/app.tsx';

export interface ServeOptions {
  port: number;
  host: string;
  /** Server processes; above 1 they share the port, and the operating system spreads connections among them. */
  workers: number;
}

/** The address to print for a server listening on `host` and `port`. */
export function shownUrl(host: string, port: number): string {
  return `http://${host === '0.0.0.0' || host === '::' ? 'localhost' : host}:${port}/`;
}

/**
 * How long an idle kept-alive connection stays open. Node's default, 5 s, is counted by a timer
 * that fires after the event loop was busy: a process that spent longer than that on one request
 * (a search reading a cold database from disk) then closes the idle connections that clients had
 * already sent their next request on, and those clients get a reset instead of an answer. A
 * minute covers such stalls and is longer than the idle timeout of common proxies (60 s), so the
 * proxy, not the app, closes first.
 */
export const KEEP_ALIVE_MS = 65_000;

/** Listens with `fetch` on `port` (0: any free port) and `host`, keeping idle connections for KEEP_ALIVE_MS. */
export function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  port: number,
  host: string,
  onListening: (info: AddressInfo) => void,
): Server {
  // Without createServer options, @hono/node-server makes a plain node:http server.
  const server = serve({ fetch, port, hostname: host }, onListening) as Server;
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  // Node wants the headers timeout above the keep-alive timeout, or it may cut a request short.
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  return server;
}

/**
 * Serves the archive in this process until SIGINT or SIGTERM; resolves with the port once
 * listening. Meanwhile the whole-archive counts are computed (`onWarm` is told how long that
 * took), so that the first visitors of a big archive need not wait for them.
 */
function serveHere(storage: Storage, options: ServeOptions, onWarm: (seconds: number) => void): Promise<number> {
  const contributions = contributionSettingsFromEnv();
  const app = createApp(storage, { contributions });
  // Searches on a thread of their own, so that writes and pages do not wait behind them
  // (search-thread.ts); FATES_SEARCH_THREAD=0 keeps them on this one (to compare).
  if (process.env.FATES_SEARCH_THREAD !== '0') startSearchThread(storage);
  const stopTidying = keepContributionsTidy(storage, contributions);
  const stopScanning = keepDuplicatesFound(storage, scanMinutesFromEnv(process.env.FATES_DUPLICATE_SCAN_MINUTES));
  return new Promise((resolve) => {
    const server = listen(app.fetch, options.port, options.host, (info) => {
      resolve(info.port);
      const started = performance.now();
      // A failure here shows again, with its message, when a page asks for the same counts.
      warmArchiveCounts(storage)
        .then(() => onWarm((performance.now() - started) / 1000))
        .catch(() => {});
    });
    const stop = () => {
      stopTidying();
      stopScanning();
      server.close();
      void storage.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/**
 * Serves the archive. One process handles requests on one core; with `workers` above 1 the
 * primary forks that many server processes (node:cluster) and restarts any that dies. Each opens
 * its own storage: SQLite in WAL mode lets them all read at once, and PostgreSQL gives each its
 * own connection pool (DATABASE_POOL_SIZE per process).
 */
export async function serveArchive(open: () => Promise<Storage>, options: ServeOptions): Promise<void> {
  const warmed = (seconds: number) => console.log(`Archive counts computed in ${seconds.toFixed(1)} s.`);
  if (cluster.isWorker) {
    const port = await serveHere(await open(), options, (seconds) => process.send?.({ warm: seconds }));
    process.send?.({ listening: port });
    return;
  }
  if (options.workers <= 1) {
    const storage = await open();
    const port = await serveHere(storage, options, warmed);
    console.log(`Fates is serving ${storage.location} at ${shownUrl(options.host, port)}`);
    return;
  }
  let stopping = false;
  let announced = 0;
  let warm = 0;
  const fork = () => {
    const worker = cluster.fork();
    worker.on('message', (message: { listening?: number; warm?: number }) => {
      if (message.listening !== undefined && ++announced === options.workers) {
        console.log(
          `Fates is serving at ${shownUrl(options.host, message.listening)} with ${options.workers} processes`,
        );
      }
      if (message.warm !== undefined && ++warm === options.workers) warmed(message.warm);
    });
  };
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.error(`Server process ${worker.process.pid} ended (${signal ?? `exit code ${code}`}); starting another.`);
    fork();
  });
  cluster.setupPrimary({ execArgv: workerExecArgv(process.execArgv, process.env.NODE_OPTIONS) });
  for (let i = 0; i < options.workers; i++) fork();
  const stop = () => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    cluster.disconnect(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/**
 * V8 heap limit of a forked server process, in MiB. Left to itself V8 sizes a process's heap by the
 * machine's memory and lets it grow under concurrent searches; capped, it stays far smaller at the
 * same throughput (docs/benchmarks.md#serving). A search needs a few MiB.
 */
export const WORKER_HEAP_MIB = 512;

/** How forked server processes start: as this one, with a heap limit unless one was given. */
export function workerExecArgv(execArgv: string[], nodeOptions: string | undefined): string[] {
  const given = [...execArgv, nodeOptions ?? ''].some((a) => a.includes('--max-old-space-size'));
  return given ? execArgv : [...execArgv, `--max-old-space-size=${WORKER_HEAP_MIB}`];
}

/** `--workers`: a count, or `auto` for one per core. */
export function parseWorkers(raw: string | undefined, cores: number): number | null {
  if (raw === undefined || raw === '') return 1;
  if (raw === 'auto') return Math.max(1, cores);
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 && n <= 64 ? n : null;
}
