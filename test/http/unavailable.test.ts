import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage, type Storage } from '../../src/db/connection.ts';
import { createApp } from '../../src/web/app.tsx';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { ENGINES } from '../support/storage.ts';

/** Forwards a local port to PostgreSQL; `cut()` drops every connection and refuses new ones. */
async function tcpProxy(targetPort: number) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | undefined;
  let port = 0;
  const start = () =>
    new Promise<void>((resolve) => {
      server = net.createServer((client) => {
        const upstream = net.connect(targetPort, '127.0.0.1');
        for (const s of [client, upstream]) {
          sockets.add(s);
          s.on('error', () => {});
          s.on('close', () => sockets.delete(s));
        }
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as net.AddressInfo).port;
        resolve();
      });
    });
  await start();
  return {
    port: () => port,
    start,
    cut: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server!.close(() => resolve());
      }),
  };
}

describe.skipIf(!ENGINES.includes('postgres'))('the site when PostgreSQL goes away', () => {
  let database: TestDatabase;
  let storage: Storage;
  let proxy: Awaited<ReturnType<typeof tcpProxy>>;
  beforeAll(async () => {
    database = await createTestDatabase();
    const url = new URL(database.url);
    proxy = await tcpProxy(Number(url.port));
    url.port = String(proxy.port());
    storage = await openStorage(url.toString(), { onConnectionLost: () => {} });
  });
  afterAll(async () => {
    await storage.close();
    await proxy.cut();
    await database.drop();
  });

  it('answers 503 with Retry-After while the database is away, and 200 when it is back', async () => {
    const app = createApp(storage);
    expect((await app.request('/en/persons')).status).toBe(200);
    await proxy.cut();
    const page = await app.request('/en/persons');
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toBe('5');
    expect(await page.text()).toContain('Temporarily unavailable');
    const api = await app.request('/api/v1/persons');
    expect(api.status).toBe(503);
    expect(await api.json()).toEqual({ error: { code: 'unavailable', message: 'The database is unavailable; try again shortly.' } });
    await proxy.start();
    expect((await app.request('/en/persons')).status).toBe(200);
  });
});
