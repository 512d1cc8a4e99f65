import type { Server } from 'node:http';
import { Worker } from 'node:worker_threads';
import { Hono } from 'hono';
import { afterEach, describe, expect, it } from 'vitest';
import { KEEP_ALIVE_MS, listen, WORKER_HEAP_MIB, workerExecArgv } from './serve.ts';

describe('how forked server processes start', () => {
  it('adds a heap limit', () => {
    expect(workerExecArgv(['--enable-source-maps'], undefined)).toEqual([
      '--enable-source-maps',
      `--max-old-space-size=${WORKER_HEAP_MIB}`,
    ]);
  });

  it('keeps the operator’s heap limit, from the command line or NODE_OPTIONS', () => {
    expect(workerExecArgv(['--max-old-space-size=2048'], undefined)).toEqual(['--max-old-space-size=2048']);
    expect(workerExecArgv([], '--max-old-space-size=1024 --trace-warnings')).toEqual([]);
  });
});

/**
 * A client on its own thread (this one is kept busy) with two kept-alive connections: while the
 * server spends `busyMs` on a request on one of them, it sends another request on the idle one.
 * Resolves with what each of the two got: a status, or the error code.
 */
function requestWhileBusy(
  port: number,
  busyMs: number,
): Promise<{ busy: number | string; meanwhile: number | string }> {
  const code = `
    const http = require('node:http');
    const { workerData, parentPort } = require('node:worker_threads');
    const agent = new http.Agent({ keepAlive: true, maxSockets: 2 });
    const get = (path) => new Promise((resolve) => {
      http.get('http://127.0.0.1:' + workerData.port + path, { agent }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); })
        .on('error', (e) => resolve(e.code ?? e.message));
    });
    (async () => {
      await Promise.all([get('/'), get('/')]);
      const busy = get('/busy');
      await new Promise((r) => setTimeout(r, workerData.busyMs / 2));
      const meanwhile = await get('/');
      parentPort.postMessage({ busy: await busy, meanwhile });
      agent.destroy();
    })();`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(code, { eval: true, workerData: { port, busyMs } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

describe('kept-alive connections', () => {
  let server: Server | undefined;
  afterEach(() => {
    server?.close();
    server = undefined;
  });

  // Node's own default keep-alive timeout is 5 s: a request waiting on an idle connection through
  // a longer stall got a reset (ECONNRESET) before the timeout was raised.
  it('survive a request that keeps the process busy for longer than Node’s default timeout', {
    timeout: 20_000,
  }, async () => {
    const busyMs = 6_000;
    const app = new Hono()
      .get('/busy', (c) => {
        const end = Date.now() + busyMs;
        while (Date.now() < end); // as a synchronous database read does
        return c.text('done');
      })
      .get('/', (c) => c.text('ok'));
    const port = await new Promise<number>((resolve) => {
      server = listen(app.fetch, 0, '127.0.0.1', (info) => resolve(info.port));
    });
    expect(server?.keepAliveTimeout).toBe(KEEP_ALIVE_MS);
    expect(await requestWhileBusy(port, busyMs)).toEqual({ busy: 200, meanwhile: 200 });
  });
});
