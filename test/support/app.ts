import { listen } from '../../src/cli/serve.ts';
import type { EngineName, Storage } from '../../src/db/connection.ts';
import { loadSampleAndIndex } from '../../src/sample/sample-loader.ts';
import { createApp } from '../../src/web/app.tsx';
import { openTestStorage } from './storage.ts';

export interface TestArchive {
  storage: Storage;
  app: ReturnType<typeof createApp>;
  /** GET a path in-process; returns status, body text and the response. */
  get(path: string, headers?: Record<string, string>): Promise<{ status: number; text: string; res: Response }>;
  close(): Promise<void>;
}

/** A migrated database with the real sample data loaded, and the app over it. */
export async function openTestArchive(engine: EngineName = 'sqlite', sampleDir?: string): Promise<TestArchive> {
  const storage = await openTestStorage(engine);
  await loadSampleAndIndex(storage, sampleDir);
  const app = createApp(storage);
  return {
    storage,
    app,
    async get(path, headers) {
      const res = await app.request(path, { headers });
      return { status: res.status, text: await res.text(), res };
    },
    close: () => storage.close(),
  };
}

/** Serves an archive on a free local port, for a real browser, as `fates serve` does. */
export async function serveTestArchive(archive: TestArchive): Promise<{ url: string; stop(): Promise<void> }> {
  return new Promise((resolve) => {
    const server = listen(archive.app.fetch, 0, '127.0.0.1', (info) => {
      resolve({
        url: `http://127.0.0.1:${info.port}`,
        stop: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}

/** Finds the id of a sample record by its key. */
export async function idOf(
  storage: Storage,
  table: 'persons' | 'events' | 'sources' | 'places' | 'organizations',
  key: string,
): Promise<number> {
  const row = await storage.db.selectFrom(table).select('id').where('key', '=', key).executeTakeFirst();
  if (!row) throw new Error(`no ${table} with key ${key}`);
  return row.id;
}
