import type { Messages } from '../i18n/en.ts';
import { fill } from '../i18n/i18n.ts';
import type { ColumnPlan } from './column-roles.ts';
import type { ListEncoding } from './encoding.ts';
import type { TableFormat } from './table-reader.ts';

/*
 * What a look at a file found before anything is written: its format and encoding, its columns
 * with their roles, how many rows it has, and each problem with the line and column it is on.
 */

export const PROBLEM_CODES = [
  'empty_file',
  'no_rows',
  'binary',
  'old_excel',
  'not_xlsx',
  'xlsx_unreadable',
  'no_sheet',
  'mixed_encoding',
  'invalid_bytes',
  'quote_not_closed',
  'invalid_quote',
  'record_too_large',
  'too_many_cells',
  'too_few_cells',
  'cell_too_long',
  'too_many_columns',
  'unknown_column',
  'unknown_role',
  'role_twice',
  'no_name_column',
  'duplicate_file',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];

export interface ImportProblem {
  level: 'error' | 'warning';
  code: ProblemCode;
  /** The line of the file (the row of a spreadsheet) it is on, where it is on one. */
  line: number | null;
  /** The column's heading (or its number), where it is in one. */
  column: string | null;
  params: Record<string, string | number>;
}

export interface ImportReport {
  file: {
    name: string;
    size: number;
    sha256: string;
    format: TableFormat | null;
    encoding: ListEncoding | null;
    /** The encoding was detected, not chosen. */
    encodingDetected: boolean;
    delimiter: string | null;
  };
  columns: (ColumnPlan & { samples: string[] })[];
  /** Data rows (the header and blank lines not counted). */
  rows: number;
  /** The first rows, cells in column order. */
  preview: { line: number; cells: string[] }[];
  /** The first problems found (at most MAX_PROBLEMS), errors before warnings; `errors` and `warnings` count them all. */
  problems: ImportProblem[];
  errors: number;
  warnings: number;
  /** A list made from the same file (the same SHA-256), when there is one. */
  duplicateOf: { id: number; title: string } | null;
}

/** Problems listed in a report; past them only counted. */
export const MAX_PROBLEMS = 200;

/** Collects a report's problems, keeping the first of each level and counting all. */
export class ProblemLog {
  readonly problems: ImportProblem[] = [];
  errors = 0;
  warnings = 0;

  add(
    level: ImportProblem['level'],
    code: ProblemCode,
    at: { line?: number | null; column?: string | null } = {},
    params: ImportProblem['params'] = {},
  ): void {
    if (level === 'error') this.errors++;
    else this.warnings++;
    if (this.problems.length < MAX_PROBLEMS) {
      this.problems.push({ level, code, line: at.line ?? null, column: at.column ?? null, params });
    }
  }

  error(
    code: ProblemCode,
    at: { line?: number | null; column?: string | null } = {},
    params: ImportProblem['params'] = {},
  ) {
    this.add('error', code, at, params);
  }

  warning(
    code: ProblemCode,
    at: { line?: number | null; column?: string | null } = {},
    params: ImportProblem['params'] = {},
  ) {
    this.add('warning', code, at, params);
  }

  sorted(): ImportProblem[] {
    return [...this.problems].sort((a, b) => (a.level === b.level ? 0 : a.level === 'error' ? -1 : 1));
  }
}

/** A problem in words: where it is ("line 12, column Name: ") and what it is. */
export function describeProblem(p: ImportProblem, t: Messages): string {
  const where =
    p.line !== null && p.column !== null
      ? fill(t.lists.problemAtCell, { line: p.line, column: p.column })
      : p.line !== null
        ? fill(t.lists.problemAtLine, { line: p.line })
        : '';
  return `${where}${fill(t.lists.problems[p.code], p.params)}`;
}
