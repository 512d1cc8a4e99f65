import type { Storage } from '../db/connection.ts';
import { takeLock } from '../db/engine.ts';
import { THRESHOLDS } from '../linkage/link.ts';
import { deleteMeta, getMeta, setMeta } from '../sample/sample.repository.ts';
import { type DuplicateScan, pendingDuplicateScan, scanForDuplicates } from './merge.service.ts';

/*
 * A server keeps the duplicates page filled by itself: now and then it compares the persons
 * created or changed since the last scan (or, in a small archive, everyone the first time), as
 * `fates duplicates` does. A large scan (the first one of a big archive, or after an import) is
 * left to that command, run when the operator chooses: record linkage compares some dozens of
 * persons a second, and a server process would answer slowly meanwhile.
 */

/** Persons a server compares on its own in one scan at most. */
export const AUTO_SCAN_PERSONS = 2_000;
/** Minutes between a server's scans unless FATES_DUPLICATE_SCAN_MINUTES says otherwise (0: never). */
export const DEFAULT_SCAN_MINUTES = 10;
/** The `meta` row saying a process is scanning, and since when (ms): one scan at a time across processes. */
const LEASE = 'duplicates.scan_lease';
/** A lease older than this was left by a process that died while scanning. */
const LEASE_MS = 30 * 60_000;

export type ScanOutcome =
  | { outcome: 'scanned'; scan: DuplicateScan }
  | { outcome: 'nothing new' }
  | { outcome: 'too many'; persons: number }
  | { outcome: 'busy' };

/** Takes the lease unless another process holds it; false when it does. */
async function takeLease(storage: Storage, now: number): Promise<boolean> {
  return storage.db.transaction().execute(async (trx) => {
    await takeLock(trx, 'duplicates-scan');
    const held = await getMeta(trx, LEASE);
    if (held !== undefined && now - Number(held) < LEASE_MS) return false;
    await setMeta(trx, LEASE, String(now));
    return true;
  });
}

/**
 * Scans for duplicates now if there is something to compare and no more than `most` persons,
 * and no other process is scanning.
 */
export async function scanDuplicatesIfDue(
  storage: Storage,
  options: { most?: number; now?: number } = {},
): Promise<ScanOutcome> {
  const most = options.most ?? AUTO_SCAN_PERSONS;
  const pending = await pendingDuplicateScan(storage.db);
  if (pending.persons === 0) return { outcome: 'nothing new' };
  if (pending.persons > most) return { outcome: 'too many', persons: pending.persons };
  if (!(await takeLease(storage, options.now ?? Date.now()))) return { outcome: 'busy' };
  try {
    const scan = await scanForDuplicates(storage, { scope: 'changed', minWeight: THRESHOLDS.review });
    return { outcome: 'scanned', scan };
  } finally {
    await deleteMeta(storage.db, LEASE);
  }
}

/** Minutes between scans from FATES_DUPLICATE_SCAN_MINUTES: a whole number up to a week, 0 for never. */
export function scanMinutesFromEnv(raw: string | undefined): number {
  if (raw === undefined || raw === '') return DEFAULT_SCAN_MINUTES;
  const n = Number(raw);
  if (Number.isInteger(n) && n >= 0 && n <= 7 * 24 * 60) return n;
  console.warn(
    `fates: FATES_DUPLICATE_SCAN_MINUTES="${raw}" is not a number of minutes from 0 to 10080; scanning every ${DEFAULT_SCAN_MINUTES}.`,
  );
  return DEFAULT_SCAN_MINUTES;
}

/**
 * Scans for duplicates a minute after the start and then every `minutes`, for as long as the
 * process runs; says so in the log when it found pairs, and once when it leaves a large scan to
 * `fates duplicates`. Returns a function that stops it.
 */
export function keepDuplicatesFound(storage: Storage, minutes: number): () => void {
  if (minutes === 0) return () => {};
  let warned = false;
  const run = () => {
    scanDuplicatesIfDue(storage)
      .then((result) => {
        if (result.outcome === 'scanned' && result.scan.pairs > 0)
          console.log(
            `fates: compared ${result.scan.persons.toLocaleString('en')} changed persons; ${result.scan.pairs.toLocaleString('en')} likely duplicate pairs are on the duplicates page.`,
          );
        if (result.outcome === 'too many' && !warned) {
          warned = true;
          console.log(
            `fates: ${result.persons.toLocaleString('en')} persons wait to be compared for duplicates, more than a server compares on its own (${AUTO_SCAN_PERSONS.toLocaleString('en')}); run \`fates duplicates\`.`,
          );
        }
      })
      .catch((error: unknown) => {
        console.warn(`fates: looking for duplicates failed: ${error instanceof Error ? error.message : 'error'}`);
      });
  };
  const first = setTimeout(run, 60_000);
  const timer = setInterval(run, minutes * 60_000);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
