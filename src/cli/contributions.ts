import { purgeContributions } from '../contributions/contribution.service.ts';
import { contributionSettingsFromEnv } from '../contributions/settings.ts';
import type { Storage } from '../db/connection.ts';

export const CONTRIBUTIONS_HELP = `  contributions purge [--days N]
                erase the personal data of contributions withdrawn or declined more than N days
                ago (default: $FATES_CONTRIBUTION_RETENTION_DAYS or 90; 0 erases them all now)`;

/** A mistake in how `fates contributions` was called. */
export class ContributionsUsageError extends Error {
  override name = 'ContributionsUsageError';
}

export async function contributionsCommand(
  storage: Storage,
  positionals: string[],
  days: string | undefined,
): Promise<void> {
  if (positionals[1] !== 'purge') throw new ContributionsUsageError('usage: fates contributions purge [--days N]');
  const settings = contributionSettingsFromEnv();
  let retentionDays = settings.retentionDays;
  if (days !== undefined) {
    const n = Number(days);
    if (!Number.isInteger(n) || n < 0 || n > 3650)
      throw new ContributionsUsageError(`invalid --days "${days}": give a whole number from 0 to 3650`);
    retentionDays = n;
  }
  const erased = await purgeContributions(storage, { retentionDays });
  console.log(
    erased === 0
      ? `No contribution closed more than ${retentionDays} days ago holds personal data; nothing erased.`
      : `Erased the personal data of ${erased} contribution${erased === 1 ? '' : 's'} closed more than ${retentionDays} days ago.`,
  );
}
