import type { Db } from './connection.ts';
import { archiveVersion } from './engine.ts';

/**
 * Whole-archive counts (persons by fate, records by kind, the facets of the unfiltered index)
 * cost a scan of millions of rows. A count that took longer than SLOW_MS to compute is kept and
 * served for FRESH_MS, or for REFRESH_RATIO times as long as it took when that is longer, so that
 * keeping counts fresh costs the database at most about 1 % of its time. After that the next
 * reader still gets the kept count at once while a fresh one is computed in the background
 * (stale while revalidate). Counts that are cheap, as in a small archive, are computed anew every
 * time, so they are always exact there.
 *
 * Whenever any process writes to the archive it gets a new version mark (see lockForWriting).
 * A kept count of an older version is computed again before it is served when that took under
 * EXACT_MS last time, so that every process shows the same counts right after a change; a
 * costlier one is served as it is while the new one is computed.
 */
const SLOW_MS = 50;
const FRESH_MS = 5 * 60_000;
const REFRESH_RATIO = 100;
const EXACT_MS = 1_000;

interface Entry {
  value?: unknown;
  at: number;
  /** How long computing it took, in ms. */
  cost?: number;
  /** The archive version it was computed on. */
  version?: string | null;
  pending?: Promise<unknown>;
}

const entries = new WeakMap<Db, Map<string, Entry>>();

function compute<T>(key: string, fn: () => Promise<T>, map: Map<string, Entry>, version: string | null): Promise<T> {
  const started = performance.now();
  const entry = map.get(key) ?? { at: 0 };
  const pending = fn().then(
    (value) => {
      const cost = performance.now() - started;
      if (cost >= SLOW_MS) map.set(key, { value, at: Date.now(), cost, version });
      else map.delete(key);
      return value;
    },
    (error: unknown) => {
      entry.pending = undefined;
      throw error;
    },
  );
  entry.pending = pending;
  map.set(key, entry);
  return pending;
}

/** The value of `fn` for this database, remembered when it was slow to compute (see above). */
export async function aggregate<T>(db: Db, key: string, fn: () => Promise<T>): Promise<T> {
  let map = entries.get(db);
  if (!map) {
    map = new Map();
    entries.set(db, map);
  }
  const version = await archiveVersion(db);
  const entry = map.get(key);
  if (entry && 'value' in entry) {
    const changed = entry.version !== version;
    if (changed && (entry.cost ?? 0) < EXACT_MS) return compute(key, fn, map, version);
    const old = Date.now() - entry.at > Math.max(FRESH_MS, REFRESH_RATIO * (entry.cost ?? 0));
    if ((changed || old) && !entry.pending) {
      // A failed refresh keeps the old value; the next reader tries again.
      compute(key, fn, map, version).catch(() => {});
    }
    return entry.value as T;
  }
  if (entry?.pending) return entry.pending as Promise<T>;
  return compute(key, fn, map, version);
}
