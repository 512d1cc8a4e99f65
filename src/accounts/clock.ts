/** A moment as every timestamp column holds it: `YYYY-MM-DD HH:MM:SS` UTC, which sorts as text. */
export function timestamp(at: Date): string {
  return at.toISOString().slice(0, 19).replace('T', ' ');
}

/** The moment `minutes` before `at`, as a timestamp. */
export function minutesBefore(at: Date, minutes: number): string {
  return timestamp(new Date(at.getTime() - minutes * 60_000));
}

/** Seconds from `now` until the timestamp `later` (at least 1). */
export function secondsUntil(now: Date, later: string): number {
  const ms = Date.parse(`${later.replace(' ', 'T')}Z`) - now.getTime();
  return Math.max(1, Math.ceil(ms / 1000));
}
