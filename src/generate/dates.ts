import type { Rng } from './prng.ts';

/*
 * Dates for generated events: a day number (days since 1970-01-01) for ordering a life, and the
 * EDTF string a source might give for it, with the earliest and latest day it allows.
 *
 * The bounds are computed here from the parts the string was made of, not by parsing it with
 * edtfBounds: that parser costs about half a millisecond a call, and a large run meets tens of
 * thousands of distinct dates. The generator's tests check that both agree on every form made here.
 */

export interface Dated {
  edtf: string;
  min: string;
  max: string;
}

/** How precisely a source states a date. */
export type Precision =
  | 'day'
  | 'day?'
  | 'day~'
  | 'month'
  | 'month~'
  | 'year'
  | 'year~'
  | 'year?'
  /** Between two years, `1937/1938`. */
  | 'years'
  /** Between two months, `1937-11/1938-02`. */
  | 'months';

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
export function dayOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** [year, month, day] of a day number. */
export function partsOf(dayNumber: number): [number, number, number] {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

export function daysInMonth(year: number, month: number): number {
  return dayOf(month === 12 ? year + 1 : year, month === 12 ? 1 : month + 1, 1) - dayOf(year, month, 1);
}

const two = (n: number) => (n < 10 ? `0${n}` : String(n));
const ymd = (y: number, m: number, d: number) => `${y}-${two(m)}-${two(d)}`;
const isoCache = new Map<number, string>();

/** `YYYY-MM-DD` of a day number. */
export function isoDay(dayNumber: number): string {
  let s = isoCache.get(dayNumber);
  if (s === undefined) {
    const [y, m, d] = partsOf(dayNumber);
    s = ymd(y, m, d);
    isoCache.set(dayNumber, s);
  }
  return s;
}

/** `D.M.YYYY`, as German and Russian lists write a date. */
export function dottedDay(dayNumber: number): string {
  const [y, m, d] = partsOf(dayNumber);
  return `${d}.${m}.${y}`;
}

export function yearOf(dayNumber: number): number {
  return partsOf(dayNumber)[0];
}

function yearSpan(edtf: string, from: number, to: number): Dated {
  return { edtf, min: ymd(from, 1, 1), max: ymd(to, 12, 31) };
}

function monthSpan(edtf: string, fy: number, fm: number, ty: number, tm: number): Dated {
  return { edtf, min: ymd(fy, fm, 1), max: ymd(ty, tm, daysInMonth(ty, tm)) };
}

/** The date of `dayNumber` as a source of the given precision would state it. */
export function datedAs(dayNumber: number, precision: Precision, rng: Rng): Dated {
  const [y, m, d] = partsOf(dayNumber);
  switch (precision) {
    case 'day':
    case 'day?':
    case 'day~': {
      const day = ymd(y, m, d);
      return { edtf: precision === 'day' ? day : day + precision.slice(3), min: day, max: day };
    }
    case 'month':
    case 'month~':
      return monthSpan(`${y}-${two(m)}${precision === 'month~' ? '~' : ''}`, y, m, y, m);
    case 'year':
    case 'year~':
    case 'year?':
      return yearSpan(`${y}${precision.slice(4)}`, y, y);
    case 'years': {
      const from = rng.chance(0.5) ? y - 1 : y;
      return yearSpan(`${from}/${from + 1}`, from, from + 1);
    }
    case 'months': {
      const back = rng.int(3);
      const ahead = 1 + rng.int(3);
      const [fy, fm] = partsOf(dayOf(y, m, 1) - back * 28);
      const [ty, tm] = partsOf(dayOf(y, m, 28) + ahead * 31);
      return monthSpan(`${fy}-${two(fm)}/${ty}-${two(tm)}`, fy, fm, ty, tm);
    }
  }
}
