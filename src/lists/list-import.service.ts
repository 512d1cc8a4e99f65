import { setImmediate as yieldToOthers } from 'node:timers/promises';
import { isValidEdtf } from '../dates/edtf.ts';
import type { Db, Storage } from '../db/connection.ts';
import { withOwnConnection } from '../db/connection.ts';
import { lockForWriting } from '../db/engine.ts';
import { recordBulkChange } from '../editing/bulk-change.ts';
import { InputError } from '../errors.ts';
import { LIST_COLUMN_ROLES, type ListColumnRole, NAME_ROLES } from '../sources/list-row.ts';
import { updateSourceRow } from '../sources/source.repository.ts';
import { listRowValues } from '../sources/source.rows.ts';
import { createSource } from '../sources/source.service.ts';
import { type ByteScan, scanBytes } from './byte-scan.ts';
import { type ColumnPlan, findColumn, parseRole, planColumns } from './column-roles.ts';
import { decideEncoding, type ListEncoding, REPLACEMENT, textDecoder } from './encoding.ts';
import { type ImportReport, ProblemLog } from './import-report.ts';
import { attachListFile, findListBySha256 } from './list-file.repository.ts';
import { type ListFileInput, storeListFile } from './list-file.ts';
import { readTable, type TableFormat, TableSyntaxError } from './table-reader.ts';

/*
 * Importing a list from a file: a look first (format, encoding, columns and their roles, every
 * problem with its line and column), then, when there are no errors, one transaction that makes
 * the list, keeps the file, and writes its rows as they are read, a batch at a time, yielding to
 * other work between batches. The import is one change set, which reverting takes back whole.
 */

/** Columns a list may have (the source document's limit). */
const MAX_COLUMNS = 60;
/** Characters a cell may have (the list row document's limit). */
const MAX_CELL = 2000;
/** Rows shown in a preview. */
const PREVIEW_ROWS = 10;
/** Rows written per statement. */
const BATCH_ROWS = 500;

export interface ImportChoices {
  /** Read as this format; otherwise told from the file's name and first bytes. */
  format?: TableFormat | null;
  /** Decode as this; otherwise detected. */
  encoding?: ListEncoding | null;
  /** CSV's delimiter; otherwise the likeliest of , ; and tab in the header line. */
  delimiter?: string | null;
  /** Roles chosen by column heading (or `#n`); the others are guessed from their headings. */
  roles?: { column: string; role: string }[];
  /** Do not guess roles from headings: only the chosen ones. */
  guessRoles?: boolean;
  /** Import even though the same file made a list already. */
  again?: boolean;
}

export interface ListDetails {
  title: string;
  /** EDTF "as of" date. */
  asOf?: string | null;
  archive?: string | null;
  fond?: string | null;
  opis?: string | null;
  delo?: string | null;
  folios?: string | null;
  language?: string | null;
  note?: string | null;
  /** Draft lists are seen by editors only; published by default. */
  status?: 'draft' | 'published';
}

/** A file or its choices are wrong; the report says where. Nothing was written. */
export class ImportRefusedError extends InputError {
  override name = 'ImportRefusedError';
  constructor(readonly report: ImportReport) {
    super(`The file cannot be imported: ${report.errors} problem${report.errors === 1 ? '' : 's'} to correct.`);
  }
}

function formatOf(
  name: string,
  scan: ByteScan,
  log: ProblemLog,
  chosen: TableFormat | null | undefined,
): TableFormat | null {
  const zip = scan.magic[0] === 0x50 && scan.magic[1] === 0x4b && scan.magic[2] === 0x03 && scan.magic[3] === 0x04;
  const ole = scan.magic[0] === 0xd0 && scan.magic[1] === 0xcf && scan.magic[2] === 0x11 && scan.magic[3] === 0xe0;
  if (ole) {
    log.error('old_excel');
    return null;
  }
  const lower = name.toLowerCase();
  const format =
    chosen ??
    (zip || lower.endsWith('.xlsx') ? 'xlsx' : lower.endsWith('.tsv') || lower.endsWith('.tab') ? 'tsv' : 'csv');
  if (format === 'xlsx' && !zip) {
    log.error('not_xlsx');
    return null;
  }
  if (format !== 'xlsx' && scan.firstNul !== null) {
    log.error('binary', { line: null }, { offset: scan.firstNul });
    return null;
  }
  return format;
}

/** The likeliest delimiter of a CSV header line: the most frequent of , ; and tab outside quotes. */
export function sniffDelimiter(firstLine: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (const ch of firstLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > (counts.get(best) ?? 0)) best = d;
  return best;
}

async function firstTextLine(file: ListFileInput, encoding: ListEncoding): Promise<string> {
  const decoder = textDecoder(encoding);
  let text = '';
  for await (const chunk of file.open()) {
    text += decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    const end = text.indexOf('\n');
    if (end >= 0) return text.slice(0, end);
    if (text.length > 65_536) break;
  }
  return text;
}

/** How a file is read: format and encoding decided, the delimiter found. */
interface Reading {
  format: TableFormat;
  encoding: ListEncoding | null;
  delimiter: string | null;
}

const isBlank = (cells: readonly string[]) => cells.every((c) => c.trim() === '');

/** The roles chosen for the header's columns, as column index → role; problems logged. */
function chosenRoles(header: readonly string[], choices: ImportChoices, log: ProblemLog) {
  const chosen = new Map<number, ListColumnRole | null>();
  for (const { column, role } of choices.roles ?? []) {
    const index = findColumn(header, column);
    if (index === null) {
      log.error('unknown_column', {}, { column, columns: header.map((h) => `“${h.trim()}”`).join(', ') });
      continue;
    }
    const parsed = parseRole(role);
    if (parsed === undefined) {
      log.error('unknown_role', { column }, { role, roles: ['none', ...LIST_COLUMN_ROLES].join(', ') });
      continue;
    }
    chosen.set(index, parsed);
  }
  return chosen;
}

/** Roles given twice, and a list with no column of names. */
function checkRoles(columns: readonly ColumnPlan[], log: ProblemLog): void {
  const first = new Map<ListColumnRole, ColumnPlan>();
  for (const c of columns) {
    if (!c.role || c.role === 'remark') continue;
    const earlier = first.get(c.role);
    if (earlier) log.error('role_twice', {}, { role: c.role, first: earlier.label, second: c.label });
    else first.set(c.role, c);
  }
  if (!columns.some((c) => c.role && NAME_ROLES.includes(c.role) && c.role !== 'patronymic' && c.role !== 'given'))
    log.error('no_name_column');
}

/**
 * Reads a list's file through, as a dry run: what it holds, and each problem with its line and
 * column. Nothing is written.
 */
export async function analyzeListFile(db: Db, file: ListFileInput, choices: ImportChoices = {}): Promise<ImportReport> {
  const log = new ProblemLog();
  const scan = await scanBytes(file.open());
  const report: ImportReport = {
    file: {
      name: file.name,
      size: scan.size,
      sha256: scan.sha256,
      format: null,
      encoding: null,
      encodingDetected: false,
      delimiter: null,
    },
    columns: [],
    rows: 0,
    preview: [],
    problems: [],
    errors: 0,
    warnings: 0,
    duplicateOf: null,
  };
  const finish = () => {
    report.problems = log.sorted();
    report.errors = log.errors;
    report.warnings = log.warnings;
    return report;
  };
  if (scan.size === 0) {
    log.error('empty_file');
    return finish();
  }
  const duplicate = await findListBySha256(db, scan.sha256);
  if (duplicate) {
    report.duplicateOf = duplicate;
    log.add(choices.again ? 'warning' : 'error', 'duplicate_file', {}, { id: duplicate.id, title: duplicate.title });
  }
  const format = formatOf(file.name, scan, log, choices.format);
  if (!format) return finish();
  report.file.format = format;
  let reading: Reading = { format, encoding: null, delimiter: null };
  if (format !== 'xlsx') {
    const verdict = decideEncoding(scan, choices.encoding ?? null);
    if ('mixed' in verdict) {
      log.error(
        'mixed_encoding',
        { line: verdict.mixed.line },
        { utf8: verdict.mixed.utf8Lines, other: verdict.mixed.otherLines },
      );
      return finish();
    }
    report.file.encoding = verdict.encoding;
    report.file.encodingDetected = verdict.detected;
    const delimiter =
      format === 'tsv' ? '\t' : (choices.delimiter ?? sniffDelimiter(await firstTextLine(file, verdict.encoding)));
    report.file.delimiter = delimiter;
    reading = { format, encoding: verdict.encoding, delimiter };
  }
  await readRows(file, reading, choices, log, {
    header(columns) {
      report.columns = columns.map((c) => ({ ...c, samples: [] }));
    },
    row(line, cells) {
      report.rows++;
      if (report.preview.length < PREVIEW_ROWS) report.preview.push({ line, cells });
      for (const [i, c] of report.columns.entries()) {
        const value = cells[i]?.trim();
        if (value && c.samples.length < 3) c.samples.push(value);
      }
    },
  });
  return finish();
}

interface RowSink {
  header(columns: ColumnPlan[]): void | Promise<void>;
  row(line: number, cells: string[]): void | Promise<void>;
}

/**
 * Reads the file's records into `sink`: the first non-blank one as the header (its columns
 * planned), then each non-blank one as a row, checked; problems logged with line and column.
 */
async function readRows(
  file: ListFileInput,
  reading: Reading,
  choices: ImportChoices,
  log: ProblemLog,
  sink: RowSink,
): Promise<ColumnPlan[] | null> {
  let columns: ColumnPlan[] | null = null;
  let rows = 0;
  try {
    for await (const record of readTable(file.open(), {
      format: reading.format,
      encoding: reading.encoding ?? undefined,
      delimiter: reading.delimiter ?? undefined,
    })) {
      if (isBlank(record.cells)) continue;
      if (!columns) {
        const header = trimTrailingEmpty(record.cells);
        if (header.length > MAX_COLUMNS) {
          log.error('too_many_columns', { line: record.line }, { columns: header.length, max: MAX_COLUMNS });
          return null;
        }
        for (const [i, cell] of header.entries()) {
          if (reading.encoding && cell.includes(REPLACEMENT))
            log.error('invalid_bytes', { line: record.line, column: String(i + 1) }, { encoding: reading.encoding });
        }
        columns = planColumns(header, chosenRoles(header, choices, log), choices.guessRoles ?? true);
        checkRoles(columns, log);
        await sink.header(columns);
        continue;
      }
      const cells = checkRow(record.line, record.cells, columns, reading.encoding, log);
      rows++;
      await sink.row(record.line, cells);
    }
  } catch (error) {
    if (!(error instanceof TableSyntaxError)) throw error;
    const column = error.field !== null && columns ? (columns[error.field]?.label ?? String(error.field + 1)) : null;
    log.error(error.code, { line: error.line, column }, { detail: error.message });
    return columns;
  }
  if (!columns) log.error('empty_file');
  else if (rows === 0) log.error('no_rows');
  return columns;
}

function trimTrailingEmpty(cells: readonly string[]): string[] {
  let end = cells.length;
  while (end > 0 && (cells[end - 1] ?? '').trim() === '') end--;
  return cells.slice(0, end);
}

/** A row's cells checked against the header: too many, too few, undecodable bytes, too long. */
function checkRow(
  line: number,
  raw: readonly string[],
  columns: readonly ColumnPlan[],
  encoding: ListEncoding | null,
  log: ProblemLog,
): string[] {
  const cells = raw.length > columns.length ? trimTrailingEmpty(raw) : [...raw];
  if (cells.length > columns.length) {
    log.error(
      'too_many_cells',
      { line, column: `${columns.length + 1}` },
      { cells: cells.length, columns: columns.length },
    );
  } else if (cells.length < columns.length) {
    log.warning('too_few_cells', { line }, { cells: cells.length, columns: columns.length });
  }
  for (const [i, cell] of cells.entries()) {
    const column = columns[i]?.label ?? String(i + 1);
    if (encoding && cell.includes(REPLACEMENT)) log.error('invalid_bytes', { line, column }, { encoding });
    if (cell.length > MAX_CELL) log.error('cell_too_long', { line, column }, { length: cell.length, max: MAX_CELL });
  }
  return cells.slice(0, columns.length);
}

export interface ImportResult {
  report: ImportReport;
  listId: number;
  changeSet: number;
  rows: number;
}

/** A file already stored (an upload): its id; otherwise it is stored with the list. */
export type ImportSource = (ListFileInput & { id?: number }) | ListFileInput;

/**
 * Imports a list from a file: refused with the report (ImportRefusedError) when it has errors;
 * otherwise the list, its file and its rows in one transaction and one change set.
 */
export async function importList(
  storage: Storage,
  actor: { userId: number | null },
  file: ImportSource,
  details: ListDetails,
  choices: ImportChoices = {},
  onProgress?: (rows: number) => void,
): Promise<ImportResult> {
  const title = details.title.trim();
  if (!title) throw new InputError('Give the list a title.');
  if (title.length > 500) throw new InputError('The title may be at most 500 characters.');
  if (details.asOf && !isValidEdtf(details.asOf)) throw new InputError(`“${details.asOf}” is not an EDTF date.`);
  const report = await analyzeListFile(storage.db, file, choices);
  if (report.errors > 0) throw new ImportRefusedError(report);
  const reading: Reading = {
    format: report.file.format as TableFormat,
    encoding: report.file.encoding,
    delimiter: report.file.delimiter,
  };
  const { listId, changeSet, rows } = await withOwnConnection(storage, (own) =>
    own.db.transaction().execute(async (trx) => {
      await lockForWriting(trx, 'import');
      if (!choices.again && (await findListBySha256(trx, report.file.sha256)))
        throw new ImportRefusedError({ ...report, errors: 1 });
      const columns = report.columns.map((c) => ({ key: c.key, label: c.label, ...(c.role ? { role: c.role } : {}) }));
      const listId = await createSource(trx, {
        kind: 'list',
        title,
        columns,
        asOf: details.asOf ?? null,
        archive: details.archive ?? null,
        fond: details.fond ?? null,
        opis: details.opis ?? null,
        delo: details.delo ?? null,
        folios: details.folios ?? null,
        language: details.language ?? null,
        note: details.note ?? null,
      });
      await updateSourceRow(trx, listId, { status: details.status ?? 'published' });
      if ('id' in file && file.id !== undefined) await attachListFile(trx, file.id, listId);
      else await storeListFile(trx, { name: file.name, bytes: file.open(), sourceId: listId, userId: actor.userId });
      const rows = await writeRows(trx, listId, file, reading, choices, onProgress);
      const changeSet = await recordBulkChange(
        trx,
        { userId: actor.userId, kind: 'import', reason: `import of ${file.name}` },
        { created: [{ type: 'source', id: listId }], changed: [] },
      );
      return { listId, changeSet, rows };
    }),
  );
  return { report, listId, changeSet, rows };
}

/** Writes the file's rows into the list, a batch at a time, yielding to other work between batches. */
async function writeRows(
  db: Db,
  listId: number,
  file: ListFileInput,
  reading: Reading,
  choices: ImportChoices,
  onProgress?: (rows: number) => void,
): Promise<number> {
  const log = new ProblemLog();
  let columns: ColumnPlan[] = [];
  let folio = -1;
  let batch: ReturnType<typeof listRowValues>[] = [];
  let position = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    await db.insertInto('list_rows').values(batch).execute();
    batch = [];
    onProgress?.(position);
    await yieldToOthers();
  };
  await readRows(file, reading, choices, log, {
    header(planned) {
      columns = planned;
      folio = columns.findIndex((c) => c.role === 'folio');
    },
    async row(_line, cells) {
      position++;
      const values: Record<string, string> = {};
      for (const [i, c] of columns.entries()) {
        const cell = cells[i];
        if (cell !== undefined && cell !== '') values[c.key] = cell;
      }
      batch.push(
        listRowValues(listId, {
          position,
          cells: values,
          folio: folio >= 0 ? cells[folio]?.trim() || null : null,
        }),
      );
      if (batch.length >= BATCH_ROWS) await flush();
    },
  });
  // The look before found none; a file that changed since is not imported half.
  if (log.errors > 0) throw new InputError('The file changed while it was imported; nothing was written.');
  await flush();
  return position;
}
