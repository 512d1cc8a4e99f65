import { edtfBounds, formatEdtf } from '../dates/edtf.ts';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** A GEDCOM date value and, where it says less or other than the EDTF, the EDTF in words. */
export interface GedcomDate {
  value: string;
  phrase: string | null;
}

const PLAIN = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

/** `1910-11-12` → `12 NOV 1910`, `1940-05` → `MAY 1940`, `1931` → `1931`; null for anything else. */
function gedcomDay(edtf: string): string | null {
  const m = PLAIN.exec(edtf);
  if (!m?.[1]) return null;
  const month = m[2] ? MONTHS[Number(m[2]) - 1] : undefined;
  if (m[2] && !month) return null;
  return [m[3] ? String(Number(m[3])) : null, month ?? null, String(Number(m[1]))].filter(Boolean).join(' ');
}

/** The same day from an ISO bound (`1930-01-01`), at the precision both bounds share. */
function boundsValue(min: string, max: string): string {
  const [y1, m1] = min.split('-');
  const [y2, m2] = max.split('-');
  const wholeYears = min.endsWith('-01-01') && max.endsWith('-12-31');
  if (wholeYears) return y1 === y2 ? String(Number(y1)) : `BET ${Number(y1)} AND ${Number(y2)}`;
  const a = gedcomDay(min) ?? '';
  const b = gedcomDay(max) ?? '';
  if (y1 === y2 && m1 === m2 && min.endsWith('-01') && /-(28|29|30|31)$/.test(max))
    return gedcomDay(min.slice(0, 7)) ?? a;
  return a === b ? a : `BET ${a} AND ${b}`;
}

/**
 * An EDTF date as a GEDCOM 7 DateValue. A date that lasted (a camp, an imprisonment) is a period
 * (`FROM 1938 TO 1940`), a point in time between two dates a range (`BET 1939 AND 1940`); an
 * approximate or uncertain date is `ABT`, and anything GEDCOM cannot say exactly (unspecified
 * digits, sets) is given by its bounds, with the EDTF in words as the date's phrase.
 */
export function gedcomDate(edtf: string, options: { lasting?: boolean } = {}): GedcomDate {
  const exact = gedcomDay(edtf);
  if (exact) return { value: exact, phrase: null };
  const words = formatEdtf(edtf, 'en');
  const qualified = /^(\d{4}(?:-\d{2}){0,2})([?~%])$/.exec(edtf);
  if (qualified?.[1]) {
    const day = gedcomDay(qualified[1]);
    if (day) return { value: `ABT ${day}`, phrase: qualified[2] === '~' ? null : words };
  }
  const interval = /^([^/]*)\/([^/]*)$/.exec(edtf);
  if (interval) {
    const from = interval[1] && interval[1] !== '..' ? gedcomDay(interval[1]) : null;
    const to = interval[2] && interval[2] !== '..' ? gedcomDay(interval[2]) : null;
    const known =
      (interval[1] === '' || interval[1] === '..' || from) && (interval[2] === '' || interval[2] === '..' || to);
    if (known && (from || to)) {
      if (options.lasting)
        return { value: [from && `FROM ${from}`, to && `TO ${to}`].filter(Boolean).join(' '), phrase: null };
      if (from && to) return { value: `BET ${from} AND ${to}`, phrase: null };
      return { value: from ? `AFT ${from}` : `BEF ${to}`, phrase: null };
    }
  }
  try {
    const { min, max } = edtfBounds(edtf);
    if (min && max) return { value: boundsValue(min, max), phrase: words };
  } catch {
    // Not a date GEDCOM can bound: the words alone.
  }
  return { value: '', phrase: words || edtf };
}
