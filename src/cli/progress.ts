import type { DrainProgress } from '../search/index/index-drain.ts';

/**
 * Progress of a long job on stderr. On a terminal one line is rewritten in place, at most ten
 * times a second; into a file or pipe (a log, CI) a plain line goes out every few seconds and at
 * the end, so that a five-million-person reindex leaves a readable log rather than one line of
 * thousands of carriage returns.
 */
export function progressPrinter(stream: NodeJS.WriteStream = process.stderr): (line: string, done?: boolean) => void {
  let last = -Infinity;
  return (line, done = false) => {
    const now = performance.now();
    if (!done && now - last < (stream.isTTY ? 100 : 5000)) return;
    last = now;
    stream.write(stream.isTTY ? `\r\x1b[K${line}${done ? '\n' : ''}` : `${line}\n`);
  };
}

/** A duration for a progress line: "36s", "23m05s". */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** "120,000 / 5,000,000 persons (2%), 3,412/s, 23m50s left"; without a total, count and rate. */
export function countLine(what: string, done: number, total: number | undefined, elapsedMs: number): string {
  const n = (x: number) => Math.round(x).toLocaleString('en');
  const rate = elapsedMs > 0 ? (done / elapsedMs) * 1000 : 0;
  if (!total) return `${n(done)} ${what}, ${n(rate)}/s`;
  const left = rate > 0 && done < total ? `, ${duration((total - done) / rate)} left` : '';
  return `${n(done)} / ${n(total)} ${what} (${Math.floor((done / total) * 100)}%), ${n(rate)}/s${left}`;
}

/** Progress of writing the index queue: a line per stage (names, texts, the filters' bitsets). */
export function drainProgress(stream?: NodeJS.WriteStream): (p: DrainProgress) => void {
  const print = progressPrinter(stream);
  const started = new Map<DrainProgress['stage'], number>();
  const what = {
    names: ['name index', 'persons'],
    texts: ['text index', 'records'],
    filters: ['filter bitsets', 'filters'],
  };
  return (p) => {
    if (!started.has(p.stage)) started.set(p.stage, performance.now());
    const [label, unit] = what[p.stage];
    const elapsed = performance.now() - (started.get(p.stage) as number);
    print(`${label}: ${countLine(unit as string, p.done, p.total, elapsed)}`, p.done === p.total);
  };
}
