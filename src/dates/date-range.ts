import { edtfBounds } from './edtf-bounds.ts';

/** An EDTF date with its earliest and latest day, as the `*_edtf`, `*_min`, `*_max` columns store it. */
export interface DateRange {
  edtf: string | null;
  min: string | null;
  max: string | null;
}

/**
 * An EDTF string, or a date whose bounds the caller already knows: the generator makes its dates
 * from days and knows them, and parsing millions of strings again would cost it more than the rest
 * of a person.
 */
export type DateInput = string | DateRange;

const NO_DATE: DateRange = { edtf: null, min: null, max: null };

/**
 * The columns of a date as stored, computing the bounds of an EDTF string; throws
 * InvalidEdtfError for a string that is not one.
 */
export function dateRange(date: DateInput | null | undefined): DateRange {
  if (date === null || date === undefined) return NO_DATE;
  if (typeof date !== 'string') return date;
  const { min, max } = edtfBounds(date);
  return { edtf: date, min, max };
}
