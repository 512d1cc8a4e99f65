import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { aggregate } from './aggregate-cache.ts';
import { openSqlite, type Storage } from './connection.ts';
import { markArchiveChanged } from './engine.ts';
import { migrateToLatest } from './migrator.ts';

const slow = <T>(value: T, ms = 60) => new Promise<T>((resolve) => setTimeout(() => resolve(value), ms));

describe('aggregate cache', () => {
  let storage: Storage;
  beforeEach(async () => {
    storage = openSqlite(':memory:');
    await migrateToLatest(storage.db);
  });
  afterEach(async () => {
    vi.useRealTimers();
    await storage.close();
  });

  it('computes cheap counts every time, so small archives stay exact', async () => {
    let n = 0;
    expect(await aggregate(storage.db, 'k', async () => ++n)).toBe(1);
    expect(await aggregate(storage.db, 'k', async () => ++n)).toBe(2);
  });

  it('keeps a slow count, serves it stale once old, and refreshes it in the background', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    let n = 0;
    const count = () => slow(++n);
    expect(await aggregate(storage.db, 'k', count)).toBe(1);
    expect(await aggregate(storage.db, 'k', count)).toBe(1);
    expect(n).toBe(1);
    vi.setSystemTime(Date.now() + 6 * 60_000);
    expect(await aggregate(storage.db, 'k', count)).toBe(1); // stale, at once; a refresh has started
    expect(n).toBe(2);
    await slow(null, 120);
    expect(await aggregate(storage.db, 'k', count)).toBe(2);
  });

  it('computes a kept count again as soon as the archive changes', async () => {
    let n = 0;
    const count = () => slow(++n);
    expect(await aggregate(storage.db, 'k', count)).toBe(1);
    expect(await aggregate(storage.db, 'k', count)).toBe(1);
    await markArchiveChanged(storage.db);
    expect(await aggregate(storage.db, 'k', count)).toBe(2);
  });

  it('serves a costly count as it is after a change, and the new one once computed', async () => {
    let n = 0;
    const count = () => slow(++n, 1_100);
    expect(await aggregate(storage.db, 'k', count)).toBe(1);
    await markArchiveChanged(storage.db);
    expect(await aggregate(storage.db, 'k', count)).toBe(1);
    await slow(null, 1_300);
    expect(await aggregate(storage.db, 'k', count)).toBe(2);
  });

  it('shares one computation among concurrent readers', async () => {
    let n = 0;
    const count = () => slow(++n);
    expect(await Promise.all([aggregate(storage.db, 'k', count), aggregate(storage.db, 'k', count)])).toEqual([1, 1]);
  });

  it('does not keep a failure', async () => {
    await expect(
      aggregate(storage.db, 'k', () => slow(null).then(() => Promise.reject(new Error('gone')))),
    ).rejects.toThrow('gone');
    expect(await aggregate(storage.db, 'k', () => slow('back'))).toBe('back');
  });
});
