import { z } from 'zod';
import { LIST_COLUMN_ROLES } from '../sources/list-row.ts';
import { LIST_ENCODINGS } from './encoding.ts';
import { PROBLEM_CODES } from './import-report.ts';

/*
 * The lists API's requests and answers (see list-api.routes.ts); the OpenAPI document is generated from
 * them (src/api/openapi.ts).
 */

const blank = (v: unknown) => (v === '' ? undefined : v);
/** Rows one call of the link operation looks at, so that the request ends in reasonable time. */
export const MAX_LINK_ROWS = 2000;

export const createListBody = z.object({
  title: z.string().trim().min(1).max(500),
  columns: z
    .array(z.object({ key: z.string(), label: z.string(), role: z.enum(LIST_COLUMN_ROLES).nullable().optional() }))
    .min(1)
    .max(60),
  asOf: z.string().max(100).nullable().optional(),
  archive: z.string().max(500).nullable().optional(),
  fond: z.string().max(500).nullable().optional(),
  opis: z.string().max(500).nullable().optional(),
  delo: z.string().max(500).nullable().optional(),
  folios: z.string().max(500).nullable().optional(),
  status: z.enum(['draft', 'published']).default('published'),
});
export const createdResponse = z.object({ id: z.number().int(), revision: z.number().int() });

export const addRowsBody = z.object({
  rows: z
    .array(
      z.object({
        cells: z.record(z.string(), z.string()),
        folio: z.string().max(500).nullable().optional(),
        note: z.string().max(500).nullable().optional(),
      }),
    )
    .min(1)
    .max(1000),
});
export const addRowsResponse = z.object({
  ids: z.array(z.number().int()),
  positions: z.array(z.number().int()),
  changeSet: z.number().int().nullable(),
});

export const decideBody = z.object({
  person: z.number().int().positive(),
  decision: z.enum(['confirmed', 'rejected', 'unsure']),
});
export const decideResponse = z.object({ changeSet: z.number().int().nullable() });

const flag = z
  .enum(['1', '0', 'true', 'false'])
  .optional()
  .transform((v) => v === '1' || v === 'true');

export const importQuery = z.object({
  title: z.string().trim().max(500).optional().describe('The list’s title; needed unless dryRun.'),
  name: z.string().max(255).optional().describe('The file’s name (its extension tells CSV, TSV or XLSX apart).'),
  columns: z
    .string()
    .max(5000)
    .optional()
    .describe('Roles chosen by heading or number, as “Фамилия=surname,Имя=given,#3=birth”; the rest are guessed.'),
  encoding: z.enum(LIST_ENCODINGS).optional().describe('Decode as this; otherwise detected.'),
  format: z.enum(['csv', 'tsv', 'xlsx']).optional().describe('Read as this; otherwise told from name and bytes.'),
  delimiter: z.string().min(1).max(1).optional().describe('CSV’s delimiter; otherwise , ; or tab from the header.'),
  asOf: z.string().max(100).optional().describe('EDTF date the list gives as its state.'),
  draft: flag.describe('1: seen by editors only until published.'),
  again: flag.describe('1: import even though the same file made a list already.'),
  dryRun: flag.describe('1: only read the file and report; nothing is written.'),
});

const problem = z.object({
  level: z.enum(['error', 'warning']),
  code: z.enum(PROBLEM_CODES),
  line: z.number().int().nullable().describe('The line of the file (row of a sheet).'),
  column: z.string().nullable().describe('The column’s heading or number.'),
  message: z.string().describe('The problem in words, with its line and column.'),
});

export const importReport = z.object({
  file: z.object({
    name: z.string(),
    size: z.number().int(),
    sha256: z.string(),
    format: z.enum(['csv', 'tsv', 'xlsx']).nullable(),
    encoding: z.enum(LIST_ENCODINGS).nullable(),
    encodingDetected: z.boolean(),
    delimiter: z.string().nullable(),
  }),
  columns: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      role: z.enum(LIST_COLUMN_ROLES).nullable(),
      guessed: z.boolean().describe('The role was guessed from the heading.'),
    }),
  ),
  rows: z.number().int(),
  problems: z.array(problem).describe('The first problems, errors first; errors and warnings count all.'),
  errors: z.number().int(),
  warnings: z.number().int(),
  duplicateOf: z
    .object({ id: z.number().int(), title: z.string() })
    .nullable()
    .describe('A list made from the same file.'),
});

export const importResponse = z.object({
  dryRun: z.boolean(),
  list: z.number().int().nullable().describe('The new list’s id; null on a dry run.'),
  changeSet: z.number().int().nullable().describe('Reverting it takes the whole import back.'),
  rows: z.number().int(),
  report: importReport,
});

export const linkQuery = z.object({
  max: z
    .preprocess(blank, z.coerce.number().int('a whole number').min(1, 'at least 1').default(MAX_LINK_ROWS))
    .transform((n) => Math.min(n, MAX_LINK_ROWS))
    .describe(`Rows to look at, 1–${MAX_LINK_ROWS}.`),
  after: z
    .preprocess(blank, z.coerce.number().int('a whole number').min(0, 'not negative').default(0))
    .describe('Begin after this row number: the last of the previous call, to go on through a long list.'),
});

export const linkResponse = z.object({
  rows: z.number().int().describe('Rows without links looked at.'),
  suggested: z.number().int(),
  review: z.number().int(),
  unmatched: z.number().int(),
  remaining: z.number().int().describe('Rows without links after the last one looked at; 0 when done.'),
  last: z.number().int().describe('The number of the last row looked at: the next call’s after.'),
  fit: z
    .object({
      rows: z.number().int().describe('Rows the model was fitted to: the first looked at.'),
      inArchive: z.number().describe('The share of those rows the fitted model takes to name someone in the archive.'),
    })
    .optional()
    .describe('How the model was fitted to the list’s own first rows; absent when they were too few to learn from.'),
});
