import fs from 'node:fs';
import path from 'node:path';
import type { Storage } from '../db/connection.ts';
import { messages } from '../i18n/i18n.ts';
import { parseColumnSpec } from '../lists/column-roles.ts';
import { type ListEncoding, parseEncoding } from '../lists/encoding.ts';
import { describeProblem, type ImportReport } from '../lists/import-report.ts';
import { type Linkage, requireLinkage } from '../lists/linkage.ts';
import type { ListFileInput } from '../lists/list-file.ts';
import { analyzeListFile, ImportRefusedError, importList } from '../lists/list-import.service.ts';
import { type LinkingReport, linkList } from '../lists/list-linking.service.ts';
import type { TableFormat } from '../lists/table-reader.ts';
import { countLine, progressPrinter } from './progress.ts';

/** Options of `fates import-list`, for the CLI's argument parser. */
export const IMPORT_LIST_OPTIONS = {
  title: { type: 'string' },
  columns: { type: 'string' },
  encoding: { type: 'string' },
  format: { type: 'string' },
  delimiter: { type: 'string' },
  'as-of': { type: 'string' },
  link: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  json: { type: 'boolean' },
  again: { type: 'boolean' },
  draft: { type: 'boolean' },
} as const;

export const IMPORT_LIST_HELP = `  import-list   import a list from FILE (CSV, TSV or XLSX) as written: --title TEXT
                [--columns "Heading=role,…"] [--encoding utf-8|windows-1251|koi8-r|windows-1252]
                [--format csv|tsv|xlsx] [--delimiter ";"] [--as-of EDTF] [--draft] [--again]
                [--link] [--dry-run] [--json]; roles: no name surname given patronymic birth
                birth_place arrest death file_no folio remark none`;

/** A mistake in how `fates import-list` was called. */
export class ImportListUsageError extends Error {
  override name = 'ImportListUsageError';
}

type Values = {
  [K in keyof typeof IMPORT_LIST_OPTIONS]?: (typeof IMPORT_LIST_OPTIONS)[K]['type'] extends 'boolean'
    ? boolean
    : string;
};

const en = messages('en');

function fileInput(file: string): ListFileInput {
  return { name: path.basename(file), open: () => fs.createReadStream(file, { highWaterMark: 256 * 1024 }) };
}

/** The report for a terminal: file, columns with their roles, rows, problems. */
function reportText(report: ImportReport): string {
  const f = report.file;
  const lines = [
    `${f.name}: ${f.size.toLocaleString('en')} bytes, ${f.format ?? 'unknown format'}${
      f.encoding ? `, ${f.encoding}${f.encodingDetected ? ' (detected)' : ''}` : ''
    }${f.delimiter && f.format === 'csv' ? `, delimiter "${f.delimiter}"` : ''}, SHA-256 ${f.sha256}`,
  ];
  if (report.columns.length > 0) {
    lines.push('Columns:');
    for (const c of report.columns)
      lines.push(`  ${c.label} → ${c.role ?? 'as written only'}${c.guessed ? ' (guessed)' : ''}`);
  }
  lines.push(`Rows: ${report.rows.toLocaleString('en')}`);
  for (const p of report.problems) lines.push(`${p.level}: ${describeProblem(p, en)}`);
  const unlisted = report.errors + report.warnings - report.problems.length;
  if (unlisted > 0) lines.push(`… and ${unlisted.toLocaleString('en')} more problems`);
  return lines.join('\n');
}

/**
 * `fates import-list FILE --title TEXT …`: reads the file, reports, and unless it is a dry run or
 * the report has errors, imports it (and with --link proposes links). Exit status 1 on errors.
 */
export async function importListCommand(storage: Storage, positionals: string[], values: Values): Promise<void> {
  const file = positionals[1];
  if (!file) throw new ImportListUsageError('import-list needs a FILE; see fates --help');
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new ImportListUsageError(`no file ${file}`);
  const dryRun = values['dry-run'] ?? false;
  if (!dryRun && !values.title?.trim()) throw new ImportListUsageError('import-list needs --title TEXT');
  let encoding: ListEncoding | null = null;
  if (values.encoding) {
    encoding = parseEncoding(values.encoding);
    if (!encoding)
      throw new ImportListUsageError(
        `unknown --encoding "${values.encoding}": give utf-8, windows-1251, koi8-r, windows-1252, utf-16le or utf-16be`,
      );
  }
  const format = values.format as TableFormat | undefined;
  if (format && !['csv', 'tsv', 'xlsx'].includes(format))
    throw new ImportListUsageError(`unknown --format "${format}": give csv, tsv or xlsx`);
  // Asked for and missing: said before anything is read or written.
  const linkage: Linkage | null = values.link && !dryRun ? await requireLinkage() : null;
  const choices = {
    format: format ?? null,
    encoding,
    delimiter: values.delimiter ?? null,
    roles: values.columns ? parseColumnSpec(values.columns) : [],
    again: values.again ?? false,
  };
  const input = fileInput(file);
  const print = progressPrinter();
  const json = values.json ?? false;
  const done = (body: unknown, failed: boolean) => {
    if (json) process.stdout.write(`${JSON.stringify(body, null, 2)}\n`);
    if (failed) process.exitCode = 1;
  };

  if (dryRun) {
    const report = await analyzeListFile(storage.db, input, choices);
    if (!json) console.log(reportText(report));
    done({ ok: report.errors === 0, dryRun: true, report }, report.errors > 0);
    return;
  }
  const started = performance.now();
  try {
    const result = await importList(
      storage,
      { userId: null },
      input,
      { title: values.title ?? '', asOf: values['as-of'] ?? null, status: values.draft ? 'draft' : 'published' },
      choices,
      (rows) => print(`writing: ${countLine('rows', rows, undefined, performance.now() - started)}`),
    );
    print(`writing: ${countLine('rows', result.rows, result.rows, performance.now() - started)}`, true);
    let linking: LinkingReport | null = null;
    if (linkage) {
      const linkStart = performance.now();
      linking = await linkList(storage, linkage, result.listId, {
        onProgress: (rows) =>
          print(
            `linking: ${countLine('rows', rows, result.rows, performance.now() - linkStart)}`,
            rows === result.rows,
          ),
      });
    }
    if (!json) {
      console.log(reportText(result.report));
      console.log(
        `Imported ${result.rows.toLocaleString('en')} rows as list ${result.listId} (change set ${result.changeSet}).`,
      );
      if (linking)
        console.log(
          `Linked: ${linking.suggested} rows suggested, ${linking.review} to review, ${linking.unmatched} without a candidate.`,
        );
      if (linking?.fit)
        console.log(
          `The model was fitted to the list's first ${linking.fit.rows.toLocaleString('en')} rows: it takes ${Math.round(linking.fit.inArchive * 100)} % of them to name someone in the archive.`,
        );
    }
    done(
      {
        ok: true,
        listId: result.listId,
        changeSet: result.changeSet,
        rows: result.rows,
        report: result.report,
        linking,
      },
      false,
    );
  } catch (error) {
    if (!(error instanceof ImportRefusedError)) throw error;
    if (!json) console.error(reportText(error.report));
    done({ ok: false, report: error.report }, true);
    if (!json) throw new ImportListUsageError('nothing was imported: correct the problems above');
  }
}
