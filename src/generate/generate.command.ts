import { duration } from '../cli/progress.ts';
import type { Storage } from '../db/connection.ts';
import { type GenerateProgress, type GenerateReport, generatePopulation } from './population.ts';

export { GenerateStoppedError } from './population.ts';

/** What `fates generate` was asked to do. */
export interface GenerateCommandOptions {
  persons: number;
  seed: number | string;
  onProgress?: (progress: GenerateProgress) => void;
  /** Fixed timestamps for reproducible dumps (tests); the current time by default. */
  now?: string;
  /** Stops after the batch being written (Ctrl-C); see GenerateStoppedError. */
  signal?: AbortSignal;
}

/** The arguments of `fates generate` are wrong; the message says how. */
export class GenerateUsageError extends Error {
  override name = 'GenerateUsageError';
}

/** The most persons one run may add; beyond it, run again with another seed. */
export const MAX_PERSONS = 50_000_000;

/** Parses `--persons`: a positive integer, with optional `_` or `,` separators or a k/M suffix. */
export function parsePersons(raw: string | undefined): number {
  if (raw === undefined) throw new GenerateUsageError('give the number of persons with --persons N');
  const m = /^\s*(\d[\d_,]*)(\.\d+)?\s*([kKmM]?)\s*$/.exec(raw);
  const scale = m?.[3] ? (m[3].toLowerCase() === 'k' ? 1_000 : 1_000_000) : 1;
  const n = m ? Number((m[1] as string).replace(/[_,]/g, '') + (m[2] ?? '')) * scale : Number.NaN;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PERSONS) {
    throw new GenerateUsageError(
      `invalid --persons "${raw}": give a whole number from 1 to ${MAX_PERSONS.toLocaleString('en')}`,
    );
  }
  return n;
}

/**
 * Adds a synthetic population to the archive (see population.ts). The caller migrates the
 * database first and rebuilds the search index afterwards.
 */
export async function runGenerate(storage: Storage, options: GenerateCommandOptions): Promise<GenerateReport> {
  if (!Number.isInteger(options.persons) || options.persons < 1 || options.persons > MAX_PERSONS) {
    throw new GenerateUsageError(`invalid number of persons: ${options.persons}`);
  }
  return generatePopulation(storage, {
    persons: options.persons,
    seed: options.seed,
    onProgress: options.onProgress,
    now: options.now,
    signal: options.signal,
  });
}

/**
 * `fates generate`: parses the arguments, adds the population with progress on stderr and prints
 * the report. The caller (src/cli/main.ts, through bin/fates.js) migrates first and reindexes after.
 */
export async function generateCommand(
  storage: Storage,
  options: { persons?: string; seed?: string; signal?: AbortSignal },
): Promise<void> {
  const report = await runGenerate(storage, {
    persons: parsePersons(options.persons),
    seed: options.seed ?? '1',
    onProgress: progressPrinter(),
    signal: options.signal,
  });
  console.log(formatReport(report, storage.location));
}

/** One progress line: "120,000 / 1,000,000 persons (12%), 24,310/s, 36s left". */
export function formatProgress(p: GenerateProgress): string {
  const pct = Math.floor((p.done / p.total) * 100);
  const n = (x: number) => Math.round(x).toLocaleString('en');
  const head = `${n(p.done)} / ${n(p.total)} persons (${pct}%), ${n(p.rate)}/s`;
  if (p.phase === 'indexing') return `${head}; building indexes …`;
  if (p.phase === 'done') return `${head}, done in ${duration(p.seconds)}`;
  return `${head}, ${duration(p.eta)} left`;
}

/** A progress callback printing to `out` (stderr) about once a second, and at each phase change. */
export function progressPrinter(out: NodeJS.WritableStream = process.stderr): (p: GenerateProgress) => void {
  let last = -Infinity;
  return (p) => {
    if (p.phase === 'writing' && p.seconds - last < 1) return;
    last = p.seconds;
    out.write(`${formatProgress(p)}\n`);
  };
}

/** The summary printed when a run has finished. */
export function formatReport(report: GenerateReport, location: string): string {
  const n = (x: number) => x.toLocaleString('en');
  const r = report.rows;
  return [
    `Generated ${n(report.persons)} persons (ids ${n(report.firstId)}–${n(report.lastId)}) into ${location} in ${report.seconds.toFixed(1)} s, ${n(Math.round(report.rate))} persons/s on ${report.threads} thread${report.threads === 1 ? '' : 's'}:`,
    `  ${n(r.names ?? 0)} names, ${n(r.events ?? 0)} events, ${n(r.event_participants ?? 0)} participants, ${n(r.list_rows ?? 0)} list rows, ${n(r.citations ?? 0)} citations;`,
    `  new: ${n(r.places ?? 0)} places, ${n(r.organizations ?? 0)} organizations, ${n(r.sources ?? 0)} list sources.`,
  ].join('\n');
}
