/** The nearest-rank percentile of some timings: `fraction` 0.95 for p95; NaN when there are none. */
export function percentile(ms: readonly number[], fraction: number): number {
  const sorted = [...ms].sort((a, b) => a - b);
  return sorted.length
    ? (sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] as number)
    : Number.NaN;
}
