import fs from 'node:fs';
import path from 'node:path';

/** One round of bench/editing.ts: readers alone, then with the editors. Times in ms. */
export interface Round {
  readersAlone: { p50: number; p95: number; perSecond: number };
  readersWithEditors: { p50: number; p95: number; perSecond: number };
  readersP95Rise: number;
  edits: number;
  editP50: number;
  editP95: number;
  findableP50: number;
  findableP95: number;
  /** Merges of persons far apart and their unmerges (runs before 2026-12-07 had none). */
  merges?: number;
  mergeP50?: number;
  mergeP95?: number;
  errors: string[];
}

/** A run of bench/editing.ts on one archive. */
export interface EditingReport {
  engine: string;
  persons: number;
  seconds: number;
  readers: number;
  editors: number;
  workers: number;
  readerPauseMs: number;
  editorPauseMs: number;
  /** One edit in this many was a merge and unmerge of persons far apart (0 or absent: none). */
  mergeEvery?: number;
  load: number[];
  date: string;
  rounds: Round[];
}

/** Archives of about the same size (two significant digits) are one configuration. */
const sizeOf = (r: EditingReport) => Number(r.persons.toPrecision(2));

function section(r: EditingReport): string[] {
  const merging = (r.mergeEvery ?? 0) > 0;
  return [
    `## ${r.persons.toLocaleString('en')} persons`,
    '',
    `\`fates serve --workers ${r.workers}\`; ${r.readers} readers searching over HTTP for ${r.seconds} s alone (each pausing ${r.readerPauseMs / 2}–${(r.readerPauseMs * 3) / 2} ms between searches), then the same with ${r.editors} editors writing through the API (each pausing ${r.editorPauseMs / 2}–${(r.editorPauseMs * 3) / 2} ms between edits; half add a name to a person with PATCH and If-Match, half create a person with POST${merging ? `; instead of one edit in ${r.mergeEvery}, a merge of a person into one far from it in the archive and its unmerge, each request timed alone` : ''}), each edit followed by searches for its new name until the person is found. Run ${r.date}; load average at the end ${r.load.join(', ')}. Times in ms.`,
    '',
    `| round | readers alone p50 / p95 | readers with editors p50 / p95 | readers p95 rise | edits | edit request p50 / p95 | edited name found p50 / p95 |${merging ? ' merge and unmerge requests | their p50 / p95 |' : ''} errors |`,
    `|---|---|---|---|---|---|---|${merging ? '---|---|' : ''}---|`,
    ...r.rounds.map(
      (x, i) =>
        `| ${i + 1} | ${x.readersAlone.p50} / ${x.readersAlone.p95} | ${x.readersWithEditors.p50} / ${x.readersWithEditors.p95} | ${Math.round(x.readersP95Rise * 100)} % | ${x.edits} | ${x.editP50} / ${x.editP95} | ${x.findableP50} / ${x.findableP95} |${merging ? ` ${x.merges ?? 0} | ${x.mergeP50 ?? '—'} / ${x.mergeP95 ?? '—'} |` : ''} ${x.errors.join('; ') || '—'} |`,
    ),
    '',
  ];
}

/**
 * Adds a run to `out/editing-{engine}.{json,md}`, which keep the latest run at each size of
 * archive (history is in git); returns the Markdown written.
 */
export function keepEditingResult(out: string, report: EditingReport): string {
  const jsonFile = path.join(out, `editing-${report.engine}.json`);
  const earlier: EditingReport[] = fs.existsSync(jsonFile)
    ? [JSON.parse(fs.readFileSync(jsonFile, 'utf8'))].flat()
    : [];
  const kept = [...earlier.filter((r) => sizeOf(r) !== sizeOf(report)), report].sort((a, b) => a.persons - b.persons);
  fs.writeFileSync(jsonFile, `${JSON.stringify(kept, null, 2)}\n`);
  const md = [
    `# Editing under load (${report.engine})`,
    '',
    'Written by `bench/editing.ts`: the latest run at each size of archive.',
    '',
    ...kept.flatMap(section),
  ].join('\n');
  fs.writeFileSync(path.join(out, `editing-${report.engine}.md`), md);
  return md;
}
