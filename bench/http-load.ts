// What the HTTP benchmarks share: a real `fates serve` in processes of its own, and clients loading
// it from a worker thread.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { SearchParams } from '../src/search/names/person-search.service.ts';
import { childrenOf, peakRssOf, residentOf } from '../test/support/processes.ts';

/**
 * 16 clients in a worker thread, so the server's event loop is not shared with them. They share
 * the server's cores, so they use node:http with kept-alive connections, which takes less CPU
 * than fetch.
 */
export function loadTest(
  base: string,
  paths: string[],
  seconds: number,
  concurrency: number,
  /** Each client's pause between its requests (0: the next request as soon as one is answered). */
  pauseMs = 0,
): Promise<{ latencies: number[]; errors: number; seconds: number }> {
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    const http = require('node:http');
    (async () => {
      const { base, paths, seconds, concurrency, pauseMs } = workerData;
      const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
      const get = (url) => new Promise((resolve) => {
        http.get(url, { agent }, (res) => { res.on('data', () => {}); res.on('end', () => resolve(res.statusCode === 200)); res.on('error', () => resolve(false)); })
          .on('error', () => resolve(false));
      });
      const latencies = []; let errors = 0; let i = 0;
      const end = Date.now() + seconds * 1000;
      async function client() {
        while (Date.now() < end) {
          const p = paths[i++ % paths.length];
          const t0 = performance.now();
          if (!(await get(base + p))) errors++;
          latencies.push(performance.now() - t0);
          if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs * (0.5 + Math.random())));
        }
      }
      const started = performance.now();
      await Promise.all(Array.from({ length: concurrency }, client));
      parentPort.postMessage({ latencies, errors, seconds: (performance.now() - started) / 1000 });
    })();`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { base, paths, seconds, concurrency, pauseMs } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

export interface Server {
  url: string;
  /** Peak RSS of each server process (the primary and its workers), from /proc. */
  peakRss(): number[];
  /** Memory each process holds now, its own and mapped from files (the database). */
  resident(): { anon: number; file: number }[];
  stop(): Promise<void>;
}

/** Starts `fates serve` on the benchmark's database, as an operator would. */
export function startServer(target: string, workers: number): Promise<Server> {
  const bin = path.resolve('bin/fates.js');
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [bin, 'serve', '--db', target, '--port', '0', '--host', '127.0.0.1', '--workers', String(workers)],
      {
        env: { ...process.env, DATABASE_URL: '' },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let output = '';
    child.stdout.on('data', (d) => {
      output += d;
      // Measured once the server has also computed its whole-archive counts, as it would be
      // a while after a deploy, rather than while it computes them.
      const match = output.match(/ at (http:\/\/127\.0\.0\.1:\d+)\//);
      const warmed = output.match(/Archive counts computed in ([\d.]+) s/);
      if (!match || !warmed) return;
      process.stderr.write(`  server ready; archive counts took ${warmed[1]} s\n`);
      const pid = child.pid as number;
      resolve({
        url: match[1] as string,
        peakRss: () => [pid, ...childrenOf(pid)].map(peakRssOf),
        resident: () => [pid, ...childrenOf(pid)].map(residentOf),
        stop: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
    child.once('exit', (code) => reject(new Error(`fates serve exited with ${code}: ${output}`)));
  });
}

/** The API address of a search, as a client asks it (the offset left to the server's default). */
export function searchUrl(q: SearchParams): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && k !== 'offset') params.set(k, String(v));
  return `/api/v1/persons?${params}`;
}
