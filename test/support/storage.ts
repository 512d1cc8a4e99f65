import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type EngineName, openSqlite, type Storage } from '../../src/db/connection.ts';
import { migrateToLatest } from '../../src/db/migrator.ts';

/** The engines every storage test runs on. */
export const ENGINES: EngineName[] = ['sqlite'];

/** A fresh, migrated database of the given engine, removed by `close()`. */
export async function openTestStorage(engine: EngineName): Promise<Storage> {
  if (engine !== 'sqlite') throw new Error(`no test storage for ${engine}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fates-test-'));
  const storage = openSqlite(path.join(dir, 'test.sqlite'));
  await migrateToLatest(storage.db);
  return {
    ...storage,
    close: async () => {
      await storage.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every row of every table, for comparing whole databases. */
export async function dumpTables(storage: Storage): Promise<Record<string, unknown[]>> {
  const tables = [
    'places', 'place_names', 'organizations', 'organization_names', 'persons', 'person_roles', 'person_texts', 'names',
    'events', 'event_texts', 'event_participants', 'attributes', 'relationships', 'sources', 'list_rows', 'document_texts',
    'citations', 'meta',
  ] as const;
  const out: Record<string, unknown[]> = {};
  for (const t of tables) {
    // biome-ignore lint/suspicious/noExplicitAny: generic dump over every table.
    out[t] = await (storage.db as any).selectFrom(t).selectAll().execute();
  }
  return out;
}

export const FIXTURES = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../fixtures');
