import { edtfBounds, isValidEdtf } from '../dates/edtf.ts';

/** A date as far as a source gives it. */
export interface DateParts {
  year: number;
  month?: number;
  day?: number;
}

const MONTHS_RU = ['янв', 'фев', 'мар', 'апр', 'ма', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'];
const MONTHS_DE = ['jan', 'feb', 'mär', 'apr', 'mai', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dez'];
const MONTHS_EN = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

function monthOf(word: string): number | undefined {
  const w = word.toLowerCase();
  for (const list of [MONTHS_RU, MONTHS_DE, MONTHS_EN]) {
    // "ма" (май, мая) is checked after "мар" by taking the longest prefix that matches.
    let best: number | undefined;
    let length = 0;
    list.forEach((prefix, i) => {
      if (w.startsWith(prefix) && prefix.length > length) [best, length] = [i + 1, prefix.length];
    });
    if (best !== undefined) return best;
  }
  return undefined;
}

const valid = (d: DateParts): DateParts | null =>
  d.year >= 1700 &&
  d.year <= 2100 &&
  (d.month === undefined || (d.month >= 1 && d.month <= 12)) &&
  (d.day === undefined || (d.day >= 1 && d.day <= 31))
    ? d
    : null;

/** How an EDTF date can begin (a year, an unspecified digit, a negative year, a set, an open end); nothing else is tried as one. */
const EDTF_START = /^(?:[\dX]{4}|Y|-|\[|\{|\.\.)/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The common forms read without the EDTF grammar, whose parser costs far more than a regular
 * expression when a million stored dates are read: 1901, 1901-03, 1901-03-12; a date marked
 * uncertain or approximate (1901?, 1901-03-12~) and an interval (1917/1918) as their first year,
 * which is what the grammar's bounds came to. Undefined for any other text; an impossible day
 * counts as the year alone, as the grammar's refusal did.
 */
function plainDate(t: string): DateParts | null | undefined {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?([~?%])?$/.exec(t);
  if (!m) {
    const interval = /^(\d{4})(?:-\d{2}){0,2}[~?%]?\/\d{4}(?:-\d{2}){0,2}[~?%]?$/.exec(t);
    return interval ? valid({ year: Number(interval[1]) }) : undefined;
  }
  const year = Number(m[1]);
  if (m[4]) return valid({ year });
  const month = m[2] ? Number(m[2]) : undefined;
  const day = m[3] ? Number(m[3]) : undefined;
  if (month !== undefined && (month < 1 || month > 12)) return valid({ year });
  if (day !== undefined && month !== undefined && (day < 1 || day > daysIn(year, month))) return valid({ year });
  return valid({ year, month, day });
}

/**
 * A date as lists write it: EDTF (1901-03-12, 1901), "12.03.1901", "03.1901", "12 марта 1901",
 * "12. März 1901", "1901 г.р."; a bare year anywhere in the text as the last resort.
 */
export function parseListDate(text: string | null | undefined): DateParts | null {
  const t = (text ?? '').trim();
  if (!t) return null;
  const plain = plainDate(t);
  if (plain !== undefined) return plain;
  if (EDTF_START.test(t) && isValidEdtf(t)) {
    const m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$/.exec(t);
    if (m)
      return valid({
        year: Number(m[1]),
        month: m[2] ? Number(m[2]) : undefined,
        day: m[3] ? Number(m[3]) : undefined,
      });
    const { min, max } = edtfBounds(t);
    if (min && max && min.slice(0, 4) === max.slice(0, 4)) return valid({ year: Number(min.slice(0, 4)) });
  }
  let m = /^(\d{1,2})[./](\d{1,2})[./](\d{4})/.exec(t);
  if (m) return valid({ day: Number(m[1]), month: Number(m[2]), year: Number(m[3]) });
  m = /^(\d{1,2})[./](\d{4})\b/.exec(t);
  if (m) return valid({ month: Number(m[1]), year: Number(m[2]) });
  m = /^(\d{1,2})\.?\s+([\p{L}]+)\.?\s+(\d{4})/u.exec(t);
  if (m) {
    const month = monthOf(m[2] as string);
    if (month) return valid({ day: Number(m[1]), month, year: Number(m[3]) });
  }
  m = /\b(1[789]\d\d|20\d\d)\b/.exec(t);
  return m ? valid({ year: Number(m[1]) }) : null;
}

/** A stored EDTF date as the parts it is precise to (a range or vague date to its year, when one). */
export function partsOfEdtf(edtf: string | null): DateParts | null {
  if (!edtf) return null;
  return parseListDate(edtf);
}
