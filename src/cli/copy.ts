import fs from 'node:fs';
import { openStorage, type Storage } from '../db/connection.ts';
import { type CopyProgress, copyArchive } from '../db/copy.ts';
import { isPostgresUrl } from '../db/postgres.ts';
import { rebuildIndexes as rebuildBoth } from '../search/index/index-drain.ts';
import { progressPrinter } from './progress.ts';

/** Options of `fates copy`, for the CLI's argument parser. */
export const COPY_OPTIONS = {
  from: { type: 'string' },
  to: { type: 'string' },
  force: { type: 'boolean' },
} as const;

export const COPY_HELP = `  copy          copy a whole archive between engines: --from <file|url> --to <file|url> [--force]
                (the search indexes are rebuilt on the target, not copied)`;

/** A mistake in how `fates copy` was called. */
export class CopyUsageError extends Error {
  override name = 'CopyUsageError';
}

const number = new Intl.NumberFormat('en');

/** One line per table: rewritten in place on a terminal, every few seconds into a file or pipe. */
function copyProgress(): (p: CopyProgress) => void {
  const print = progressPrinter();
  return (p) => {
    const rate = p.elapsedMs > 0 ? Math.round((p.copied / p.elapsedMs) * 1000) : 0;
    print(
      `${p.table.padEnd(20)} ${number.format(p.copied).padStart(11)} / ${number.format(p.total)} rows  ${number.format(rate)} rows/s`,
      p.copied === p.total,
    );
  };
}

/** The search indexes are derived data: rebuilt on the target rather than copied. */
async function rebuildIndexes(target: Storage): Promise<void> {
  process.stderr.write('Rebuilding the search indexes on the target…\n');
  await rebuildBoth(target);
}

/**
 * `fates copy --from <file|url> --to <file|url> [--force]`. `afterCopy` rebuilds the derived
 * tables (the search indexes) on the target once the copy is committed.
 */
export async function copyCommand(
  values: { from?: string; to?: string; force?: boolean },
  afterCopy: (target: Storage) => Promise<void> = rebuildIndexes,
): Promise<void> {
  if (!values.from || !values.to)
    throw new CopyUsageError('copy needs --from <sqlite file|postgres url> and --to <sqlite file|postgres url>');
  // Opening a SQLite path creates the file, which a source must not do.
  if (!isPostgresUrl(values.from) && !fs.existsSync(values.from)) {
    throw new CopyUsageError(`copy: the source file ${values.from} does not exist`);
  }
  const from = await openStorage(values.from);
  try {
    const to = await openStorage(values.to);
    try {
      const report = await copyArchive(from, to, {
        force: values.force ?? false,
        onProgress: copyProgress(),
        afterCopy,
      });
      const seconds = report.ms / 1000;
      console.log(
        `Copied ${number.format(report.rows)} rows in ${report.tables.length} tables from ${from.location} to ${to.location} in ${seconds.toFixed(1)} s.`,
      );
    } finally {
      await to.close();
    }
  } finally {
    await from.close();
  }
}
