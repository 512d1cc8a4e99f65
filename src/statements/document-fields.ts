import { z } from 'zod';
import { isValidEdtf } from '../dates/edtf.ts';
import { RANKS } from './rank.ts';
import { STATUSES } from './status.ts';

/*
 * The fields every record's document shares (see src/revisions/): the editing forms and the write
 * API validate a record with these, and their messages are what an editor reads beside a field.
 */

/** Longest single-line field: a name, a title, a locator. */
export const MAX_TEXT = 500;
/** Longest prose field: a biography, a description, a quotation, a transcription. */
export const MAX_PROSE = 20_000;

const blankToNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

/** A single line of text, trimmed; blank means absent. */
export const line = z.preprocess(
  blankToNull,
  z.string().trim().max(MAX_TEXT, `at most ${MAX_TEXT} characters`).nullable().optional(),
);
/** A required single line. */
export const requiredLine = z
  .string({ error: 'required' })
  .trim()
  .min(1, 'required')
  .max(MAX_TEXT, `at most ${MAX_TEXT} characters`);
/** Prose; blank means absent. */
export const prose = z.preprocess(
  blankToNull,
  z.string().trim().max(MAX_PROSE, `at most ${MAX_PROSE} characters`).nullable().optional(),
);
/** An EDTF date (1937-11-20, 1940-05, 1931~, 193X, 1939/1940); blank means unknown. */
export const edtfDate = z.preprocess(
  blankToNull,
  z
    .string()
    .trim()
    .max(100)
    .refine(isValidEdtf, 'not a valid EDTF date (e.g. 1937-11-20, 1940-05, 1931~, 1939/1940)')
    .nullable()
    .optional(),
);
/** A BCP 47 language tag. */
export const languageTag = z.preprocess(
  blankToNull,
  z
    .string()
    .trim()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag such as de, ru or ru-Latn')
    .nullable()
    .optional(),
);
/** The id of another record; blank means none. */
export const recordId = z.preprocess(
  blankToNull,
  z.coerce.number('a record number').int('a record number').positive('a record number').nullable().optional(),
);
/** A statement's own id in a document: absent for a statement the edit adds. */
export const statementId = z.preprocess(blankToNull, z.coerce.number().int().positive().nullable().optional());
export const rank = z.enum(RANKS).default('normal');
export const status = z.enum(STATUSES).default('published');

/** A statement's link to a source. */
export const citationDoc = z.object({
  id: statementId,
  source: z.coerce.number('a source number').int().positive('a source number'),
  locator: line,
  listRow: recordId,
  quote: prose,
  note: line,
});
export type CitationDoc = z.output<typeof citationDoc>;

/** What every statement carries besides its own fields. */
export const statementFields = {
  id: statementId,
  rank,
  status,
  note: line,
  citations: z.array(citationDoc).max(100).default([]),
};
