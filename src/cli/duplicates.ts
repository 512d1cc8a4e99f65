import type { Storage } from '../db/connection.ts';
import { THRESHOLDS } from '../linkage/link.ts';
import { scanForDuplicates } from '../merges/merge.service.ts';
import { countLine, progressPrinter } from './progress.ts';

export const DUPLICATES_HELP = `  duplicates [--all | --person ID[,ID…]] [--min-weight W] [--json]
                look for likely duplicate persons by record linkage and keep the pairs for the
                duplicates page: by default of the persons created or changed since the last
                scan (the first scan walks the whole archive); --min-weight keeps pairs whose
                match weight reaches W (default: the review threshold,
                ${THRESHOLDS.review}; a negative W is written --min-weight=-5)`;

export const DUPLICATES_OPTIONS = {
  all: { type: 'boolean' },
  person: { type: 'string' },
  'min-weight': { type: 'string' },
} as const;

/** A mistake in how `fates duplicates` was called. */
export class DuplicatesUsageError extends Error {
  override name = 'DuplicatesUsageError';
}

function parseIds(raw: string): number[] {
  const ids = raw.split(',').map((s) => s.trim());
  if (ids.some((s) => !/^[1-9]\d{0,14}$/.test(s)))
    throw new DuplicatesUsageError(`invalid --person "${raw}": give person ids separated by commas, e.g. 12,305`);
  return ids.map(Number);
}

export async function duplicatesCommand(
  storage: Storage,
  values: { all?: boolean; person?: string; 'min-weight'?: string; json?: boolean },
): Promise<void> {
  if (values.all && values.person) throw new DuplicatesUsageError('give --all or --person, not both');
  const minWeight = values['min-weight'] === undefined ? THRESHOLDS.review : Number(values['min-weight']);
  if (!Number.isFinite(minWeight) || Math.abs(minWeight) > 100)
    throw new DuplicatesUsageError(`invalid --min-weight "${values['min-weight']}": give a number from -100 to 100`);
  const print = progressPrinter();
  const started = performance.now();
  const report = await scanForDuplicates(storage, {
    scope: values.person ? parseIds(values.person) : values.all ? 'all' : 'changed',
    minWeight,
    onProgress: (p) =>
      print(`duplicates: ${countLine('persons', p.done, p.total, performance.now() - started)}`, p.done === p.total),
  });
  if (values.json) {
    console.log(JSON.stringify(report));
    return;
  }
  const which = {
    all: 'every person',
    changed: 'the persons changed since the last scan',
    persons: 'the persons given',
  };
  console.log(
    `Compared ${report.persons.toLocaleString('en')} persons (${which[report.scope]}): ${report.pairs.toLocaleString('en')} likely duplicate pairs kept for review on the duplicates page.`,
  );
}
