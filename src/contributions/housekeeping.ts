import type { Storage } from '../db/connection.ts';
import { purgeContributions } from './contribution.service.ts';
import type { ContributionSettings } from './settings.ts';

/** How often a server process erases what outlived the retention period. */
const EVERY_MS = 6 * 3_600_000;

/**
 * Erases expired contributors' data now and then every six hours, for as long as the process
 * runs; several processes doing it at once erase each contribution once (erasure is idempotent).
 * Returns a function that stops it.
 */
export function keepContributionsTidy(storage: Storage, settings: ContributionSettings): () => void {
  const run = () => {
    purgeContributions(storage, settings).catch((error: unknown) => {
      console.warn(`fates: erasing expired contributions failed: ${error instanceof Error ? error.name : 'error'}`);
    });
  };
  const first = setTimeout(run, 10_000);
  const timer = setInterval(run, EVERY_MS);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
