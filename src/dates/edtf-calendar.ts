/** A day of the proleptic Gregorian calendar; `month` is 1–12 and `year` may be negative (ISO: 0 = 1 BC). */
export interface Day {
  year: number;
  month: number;
  day: number;
}

/**
 * A date as written, with `X` for each unspecified digit: `{ year: '193X' }`,
 * `{ year: '1937', month: '1X' }`. Month and day are absent below that precision; the year may
 * carry a leading `-`.
 */
export interface DatePattern {
  year: string;
  month?: string;
  day?: string;
}

export function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Orders days; works for negative years too. */
export function compareDays(a: Day, b: Day): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/**
 * The numbers from `from` to `to` whose zero-padded digits fit `pattern` (X for any digit),
 * ascending. Built digit by digit: a plain year costs one number, not a scan of ten thousand.
 */
function matching(pattern: string, from: number, to: number): number[] {
  let values = [0];
  for (const c of pattern) {
    const digits = c === 'X' ? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] : [Number(c)];
    values = values.flatMap((v) => digits.map((d) => v * 10 + d));
  }
  return values.filter((n) => n >= from && n <= to);
}

/** The years a four-digit year pattern (`193X`, `-19XX`) can stand for, ascending. */
export function yearsMatching(pattern: string): number[] {
  const negative = pattern.startsWith('-');
  const years = matching(negative ? pattern.slice(1) : pattern, 0, 9999);
  return negative ? years.map((y) => -y).reverse() : years;
}

export const monthsMatching = (pattern: string): number[] => matching(pattern, 1, 12);
export const daysMatching = (pattern: string): number[] => matching(pattern, 1, 31);

/** The first (or last) existing day a pattern can denote, or null when it names no real day. */
function findDay(pattern: DatePattern, years: number[], last: boolean): Day | null {
  const months = pattern.month ? monthsMatching(pattern.month) : matching('XX', 1, 12);
  const days = pattern.day ? daysMatching(pattern.day) : null;
  const order = <T>(list: T[]) => (last ? [...list].reverse() : list);
  for (const year of order(years)) {
    for (const month of order(months)) {
      const length = daysInMonth(year, month);
      const fitting = days ? days.filter((d) => d <= length) : [1, length];
      const day = last ? fitting.at(-1) : fitting[0];
      if (day !== undefined) return { year, month, day };
    }
  }
  return null;
}

/**
 * The earliest and latest day a date pattern can denote, found by search rather than digit
 * arithmetic so that leap days and short months come out right (`1940-02` ends on the 29th,
 * `1900-02-X9` on the 19th). Null when no real day matches, as in `1939-02-29`.
 */
export function patternSpan(pattern: DatePattern): { first: Day; last: Day } | null {
  const years = yearsMatching(pattern.year);
  const first = findDay(pattern, years, false);
  const last = findDay(pattern, years, true);
  return first && last ? { first, last } : null;
}

/** The months (1–12) of `year` a pattern can denote that hold at least one day it allows. */
export function patternMonths(year: number, pattern: DatePattern): number[] {
  const months = pattern.month ? monthsMatching(pattern.month) : matching('XX', 1, 12);
  if (!pattern.day) return months;
  const days = daysMatching(pattern.day);
  return months.filter((m) => days.some((d) => d <= daysInMonth(year, m)));
}

/** The days of the month a pattern allows that exist in at least one of `months` of `year`. */
export function patternDays(year: number, months: number[], dayPattern: string): number[] {
  const longest = Math.max(...months.map((m) => daysInMonth(year, m)));
  return daysMatching(dayPattern).filter((d) => d <= longest);
}

/**
 * The years a year with significant digits stands for: `1950S2` is some year 1900–1999
 * (estimated 1950). Without them, or with as many as the year has digits, just the year.
 */
export function significantYears(year: number, significant?: number): [number, number] {
  const digits = String(Math.abs(year)).length;
  if (!significant || significant >= digits) return [year, year];
  const unit = 10 ** (digits - significant);
  const low = Math.floor(Math.abs(year) / unit) * unit;
  return year < 0 ? [-(low + unit - 1), -low] : [low, low + unit - 1];
}

export type SeasonName = 'spring' | 'summer' | 'autumn' | 'winter';

/**
 * The months a division of the year (ISO 8601-2 codes 21–41) covers. The standard names them but
 * gives no months. Seasons are meteorological: whole months, so that bounds and "spring 1940"
 * agree. Codes 21–24 ("independent of location") are read as Northern Hemisphere, where the
 * people in this database lived. Winter follows autumn of the same year (December to February),
 * as the codes' order suggests, and is worded "winter 1940/41" so readers see that reading.
 */
export interface Division {
  /** First month covered; `count` months follow, into the next year for winter. */
  first: number;
  count: number;
  season?: SeasonName;
  southern?: boolean;
}

const NORTH: Division[] = [
  { first: 3, count: 3, season: 'spring' },
  { first: 6, count: 3, season: 'summer' },
  { first: 9, count: 3, season: 'autumn' },
  { first: 12, count: 3, season: 'winter' },
];
const SOUTH: Division[] = [
  { first: 9, count: 3, season: 'spring', southern: true },
  { first: 12, count: 3, season: 'summer', southern: true },
  { first: 3, count: 3, season: 'autumn', southern: true },
  { first: 6, count: 3, season: 'winter', southern: true },
];
const DIVISIONS: Division[] = [
  ...NORTH, // 21–24
  ...NORTH, // 25–28
  ...SOUTH, // 29–32
  ...[1, 4, 7, 10].map((first) => ({ first, count: 3 })), // 33–36 quarters
  ...[1, 5, 9].map((first) => ({ first, count: 4 })), // 37–39 quadrimesters
  ...[1, 7].map((first) => ({ first, count: 6 })), // 40–41 semesters
];

export function division(code: number): Division {
  const found = DIVISIONS[code - 21];
  if (!found) throw new RangeError(`no division of the year with code ${code}`);
  return found;
}

/** The first and last day of a division of `year`. */
export function divisionSpan(year: number, code: number): { first: Day; last: Day } {
  const { first, count } = division(code);
  const end = first + count - 1;
  const lastYear = year + Math.floor((end - 1) / 12);
  const lastMonth = ((end - 1) % 12) + 1;
  return {
    first: { year, month: first, day: 1 },
    last: { year: lastYear, month: lastMonth, day: daysInMonth(lastYear, lastMonth) },
  };
}
