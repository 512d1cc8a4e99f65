import { Readable } from 'node:stream';
import { type CsvError, type Options, parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import { type ListEncoding, textDecoder } from './encoding.ts';

/*
 * Reading a list's file record by record, whatever its format, without holding it whole: CSV
 * and TSV through csv-parse on the decoded text, XLSX through ExcelJS's streaming reader (which
 * keeps the workbook's shared strings, the one part of the format a reader must look things up in).
 * Each record carries the line (or spreadsheet row) it starts on, for reports.
 */

export type TableFormat = 'csv' | 'tsv' | 'xlsx';

/** A record of the file: its cells as written, and where it starts. */
export interface TableRecord {
  line: number;
  cells: string[];
}

/** The file cannot be read on from here: a quote never closed, a broken spreadsheet. */
export class TableSyntaxError extends Error {
  override name = 'TableSyntaxError';
  constructor(
    readonly code: 'quote_not_closed' | 'invalid_quote' | 'record_too_large' | 'xlsx_unreadable' | 'no_sheet',
    readonly line: number | null,
    /** The field, from 0, where the parser stopped. */
    readonly field: number | null,
    message: string,
  ) {
    super(message);
  }
}

export interface ReadOptions {
  format: TableFormat;
  /** CSV and TSV only. */
  encoding?: ListEncoding;
  /** CSV only: `,` or `;` (German spreadsheets write semicolons). */
  delimiter?: string;
}

/** The longest record a list may have; past it, a quote left open has swallowed the rest of the file. */
const MAX_RECORD_CHARS = 256 * 1024;

/** The records of a list's file, in order. */
export function readTable(chunks: AsyncIterable<Uint8Array>, options: ReadOptions): AsyncGenerator<TableRecord> {
  return options.format === 'xlsx' ? readXlsx(chunks) : readDelimited(chunks, options);
}

async function* decode(chunks: AsyncIterable<Uint8Array>, encoding: ListEncoding): AsyncGenerator<string> {
  const decoder = textDecoder(encoding);
  for await (const chunk of chunks) {
    const text = decoder.write(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    if (text) yield text;
  }
  const rest = decoder.end();
  if (rest) yield rest;
}

const CSV_CODES: Record<string, TableSyntaxError['code']> = {
  CSV_QUOTE_NOT_CLOSED: 'quote_not_closed',
  CSV_INVALID_CLOSING_QUOTE: 'invalid_quote',
  INVALID_OPENING_QUOTE: 'invalid_quote',
  CSV_MAX_RECORD_SIZE: 'record_too_large',
};

async function* readDelimited(chunks: AsyncIterable<Uint8Array>, options: ReadOptions): AsyncGenerator<TableRecord> {
  // A record starts on the line after the one the previous record ended on. Counted as the parser
  // makes each record, so that an error, which may come before the records made ahead of it are
  // read, still knows where the last good one ended.
  let ended = 0;
  const csvOptions: Options<TableRecord, string[]> = {
    delimiter: options.format === 'tsv' ? '\t' : (options.delimiter ?? ','),
    relax_column_count: true,
    // A quote inside a field is kept as written (Müller "Max"); one opening a field must close.
    relax_quotes: true,
    max_record_size: MAX_RECORD_CHARS,
    on_record: (record: string[], context: { lines: number }): TableRecord => {
      const line = ended + 1;
      ended = context.lines;
      return { line, cells: record };
    },
  };
  const parser = Readable.from(decode(chunks, options.encoding ?? 'utf-8')).pipe(
    parse(csvOptions as unknown as Options),
  );
  try {
    for await (const record of parser as AsyncIterable<TableRecord>) yield record;
  } catch (error) {
    const code = CSV_CODES[(error as CsvError).code];
    if (!code) throw error;
    const field = (error as CsvError & { column?: number }).column;
    throw new TableSyntaxError(code, ended + 1, typeof field === 'number' ? field : null, (error as Error).message);
  }
}

/** A cell's value as a person reads it in the spreadsheet. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Dates are stored as days; midnight UTC is a date alone.
    const iso = value.toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return value.result === undefined ? '' : cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return String(value.error);
    return '';
  }
  return String(value);
}

async function* readXlsx(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<TableRecord> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(chunks), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    // Styles tell a date from a number.
    styles: 'cache',
    entries: 'ignore',
  });
  let sheets = 0;
  try {
    for await (const sheet of reader) {
      sheets++;
      // The first sheet is the list; the others are read past.
      for await (const row of sheet) {
        if (sheets > 1) continue;
        const values = (row as ExcelJS.Row).values as ExcelJS.CellValue[];
        // ExcelJS counts columns from 1: the array's first place is empty.
        const cells = Array.from({ length: Math.max(0, values.length - 1) }, (_, i) => cellText(values[i + 1]));
        yield { line: (row as ExcelJS.Row).number, cells };
      }
    }
  } catch (error) {
    if (error instanceof TableSyntaxError) throw error;
    throw new TableSyntaxError('xlsx_unreadable', null, null, (error as Error).message);
  }
  if (sheets === 0) throw new TableSyntaxError('no_sheet', null, null, 'The workbook has no worksheet.');
}
