import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openStorage, type Storage } from '../../src/db/connection.ts';
import { createApp } from '../../src/web/app.tsx';
import { createTestDatabase, type TestDatabase } from '../support/postgres.ts';
import { ENGINES } from '../support/storage.ts';
import { tcpProxy } from '../support/tcp-proxy.ts';

describe.skipIf(!ENGINES.includes('postgres'))('the site when PostgreSQL goes away', () => {
  let database: TestDatabase;
  let storage: Storage;
  let proxy: Awaited<ReturnType<typeof tcpProxy>>;
  beforeAll(async () => {
    database = await createTestDatabase();
    const url = new URL(database.url);
    proxy = await tcpProxy(Number(url.port));
    url.port = String(proxy.port);
    storage = await openStorage(url.toString(), { onConnectionLost: () => {} });
  });
  afterAll(async () => {
    await storage.close();
    await proxy.stop();
    await database.drop();
  });

  it('answers 503 with Retry-After while the database is away, and 200 when it is back', async () => {
    const app = createApp(storage);
    expect((await app.request('/en/persons')).status).toBe(200);
    await proxy.stop();
    const page = await app.request('/en/persons');
    expect(page.status).toBe(503);
    expect(page.headers.get('retry-after')).toBe('5');
    expect(await page.text()).toContain('Temporarily unavailable');
    const api = await app.request('/api/v1/persons');
    expect(api.status).toBe(503);
    expect(await api.json()).toEqual({
      error: { code: 'unavailable', message: 'The database is unavailable; try again shortly.' },
    });
    await proxy.start();
    // Pooled connections that died with the server are dropped as requests meet them, so the
    // first request or two after the outage may still answer 503; then pages come back.
    await vi.waitFor(async () => expect((await app.request('/en/persons')).status).toBe(200), {
      timeout: 10_000,
      interval: 100,
    });
    expect((await app.request('/en/persons')).status).toBe(200);
  });
});
