import { afterEach, describe, expect, it, vi } from 'vitest';
import { aggregate } from './aggregate-cache.ts';
import type { Db } from './connection.ts';

const db = () => ({}) as Db; // the cache only uses the object's identity
const slow = <T>(value: T) => new Promise<T>((resolve) => setTimeout(() => resolve(value), 60));

describe('aggregate cache', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('computes cheap counts every time, so small archives stay exact', async () => {
    const d = db();
    let n = 0;
    expect(await aggregate(d, 'k', async () => ++n)).toBe(1);
    expect(await aggregate(d, 'k', async () => ++n)).toBe(2);
  });

  it('keeps a slow count, serves it stale once old, and refreshes it in the background', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const d = db();
    let n = 0;
    const count = () => slow(++n);
    expect(await aggregate(d, 'k', count)).toBe(1);
    expect(await aggregate(d, 'k', count)).toBe(1);
    expect(n).toBe(1);
    vi.setSystemTime(Date.now() + 6 * 60_000);
    expect(await aggregate(d, 'k', count)).toBe(1); // stale, at once; a refresh has started
    expect(n).toBe(2);
    await slow(null);
    await slow(null);
    expect(await aggregate(d, 'k', count)).toBe(2);
  });

  it('shares one computation among concurrent readers and keeps each database apart', async () => {
    const [a, b] = [db(), db()];
    let n = 0;
    const count = () => slow(++n);
    expect(await Promise.all([aggregate(a, 'k', count), aggregate(a, 'k', count), aggregate(b, 'k', count)])).toEqual([1, 1, 2]);
  });

  it('does not keep a failure', async () => {
    const d = db();
    await expect(aggregate(d, 'k', () => slow(null).then(() => Promise.reject(new Error('gone'))))).rejects.toThrow('gone');
    expect(await aggregate(d, 'k', () => slow('back'))).toBe('back');
  });
});
