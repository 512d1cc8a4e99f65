/**
 * A small seeded pseudo-random generator (mulberry32). Not for cryptography: its only job is to
 * make `fates generate` produce the same rows for the same seed on every machine, which
 * `Math.random` cannot.
 */
export class Rng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  /** An integer in [min, max], both included. */
  between(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** A generator for a sub-task, so that adding draws there does not shift the main sequence. */
  fork(salt: number): Rng {
    return new Rng(mix32(this.state ^ Math.imul(salt, 0x9e3779b9)));
  }
}

/** splitmix32's finalizer: spreads the bits of a 32-bit integer. */
export function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** A 32-bit seed from what the user typed: an integer as itself, anything else hashed (FNV-1a). */
export function seedFrom(value: string | number): number {
  if (typeof value === 'number') return value >>> 0;
  if (/^\d+$/.test(value) && Number(value) <= 0xffffffff) return Number(value) >>> 0;
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) h = Math.imul(h ^ value.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Items drawn in proportion to their weights (binary search over the running totals). */
export class WeightedTable<T> {
  private readonly totals: Float64Array;
  readonly total: number;

  constructor(
    readonly items: readonly T[],
    weights: readonly number[],
  ) {
    if (items.length === 0 || weights.length !== items.length)
      throw new Error('one weight for each item, at least one');
    this.totals = new Float64Array(items.length);
    let sum = 0;
    weights.forEach((w, i) => {
      sum += Math.max(0, w);
      this.totals[i] = sum;
    });
    this.total = sum;
  }

  draw(rng: Rng): T {
    const target = rng.next() * this.total;
    let lo = 0;
    let hi = this.totals.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.totals[mid] as number) > target) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }
}

/** Chooses a key by weight from a small literal table, e.g. `{ de: 30, pl: 14 }`. */
export function weightedKeys<K extends string>(weights: Record<K, number>): WeightedTable<K> {
  const keys = Object.keys(weights) as K[];
  return new WeightedTable(
    keys,
    keys.map((k) => weights[k]),
  );
}
