import { type ParseResult, parse, type Qualifier, type DateNode as RawDate, type IntervalEnd as RawEnd } from 'edtf';
import type { DatePattern } from './edtf-calendar.ts';

/*
 * The edtf package's parse tree, turned into a small tree of our own: dates keep their digits as
 * written (`X` included) and qualifiers become lists of components. Bounds and wording both read
 * this tree, never the package's `min`/`max`.
 */

export type Component = 'year' | 'month' | 'day';

/** The components a `~` (approximate) or `?` (uncertain) applies to; `%` sets both. */
export interface Qualifiers {
  approximate: Component[];
  uncertain: Component[];
}

export interface DateNode {
  kind: 'date';
  pattern: DatePattern;
  qualifiers: Qualifiers;
}

/** A consecutive range inside a set or list: `1939..1940`. */
export interface RangeNode {
  kind: 'range';
  first: DateNode;
  last: DateNode;
}

/** `..` is an open end (no limit); an empty end is an unknown one. */
export type End = DateNode | 'open' | 'unknown';

export type EdtfNode =
  | DateNode
  | { kind: 'year'; year: number; significant?: number }
  | { kind: 'season'; year: number; code: number }
  | { kind: 'decade'; decade: number; qualifiers: Qualifiers }
  | { kind: 'century'; century: number; qualifiers: Qualifiers }
  | { kind: 'interval'; start: End; end: End }
  | { kind: 'set' | 'list'; members: Array<DateNode | RangeNode>; earlier: boolean; later: boolean };

const COMPONENT_BITS: Array<[Component, number]> = [
  ['year', 0b1111],
  ['month', 0b110000],
  ['day', 0b11000000],
];
const PRECISION: Component[] = ['year', 'month', 'day'];

function components(q: Qualifier | undefined, precision: number): Component[] {
  if (q === true) return PRECISION.slice(0, precision);
  if (!q) return [];
  return COMPONENT_BITS.filter(([, bits]) => q & bits).map(([c]) => c);
}

function qualifiers(node: { approximate?: Qualifier; uncertain?: Qualifier }, precision: number): Qualifiers {
  return { approximate: components(node.approximate, precision), uncertain: components(node.uncertain, precision) };
}

/** Bit k set when digit k of `YYYYMMDD` is `X`, as the package computes it. */
const maskOf = (written: string) =>
  [...written.replace(/-/g, '')].reduce((mask, c, i) => (c === 'X' ? mask | (1 << i) : mask), 0);

const pad = (n: number, width: number) => String(Math.abs(n)).padStart(width, '0');

/**
 * The digits of a date as written. The package reports `X` digits as 0 and clamps the day to the
 * month's length, which loses information (`1937-X2-30` comes back as day 29 of month 02), so
 * dates with `X` take their digits from the input itself: the n-th such date in the tree is the
 * n-th token with an `X` in the string. The mask check guards that pairing.
 */
function pattern(node: RawDate, written: Iterator<string>): DatePattern {
  const [year = 0, month, day] = node.values;
  if (node.unspecified) {
    const token = written.next().value;
    if (token !== undefined && maskOf(token) === node.unspecified) {
      const [y = '', m, d] = token.replace(/^-/, '').split('-');
      return { year: (token.startsWith('-') ? '-' : '') + y, month: m, day: d };
    }
  }
  const digits = [pad(year, 4), month === undefined ? '' : pad(month + 1, 2), day === undefined ? '' : pad(day, 2)]
    .join('')
    .split('')
    .map((c, i) => ((node.unspecified ?? 0) & (1 << i) ? 'X' : c))
    .join('');
  return {
    year: (year < 0 ? '-' : '') + digits.slice(0, 4),
    month: digits.slice(4, 6) || undefined,
    day: digits.slice(6, 8) || undefined,
  };
}

function date(node: RawDate, written: Iterator<string>): DateNode {
  const precision = Math.min(node.values.length, 3);
  return { kind: 'date', pattern: pattern(node, written), qualifiers: qualifiers(node, precision) };
}

function end(value: RawEnd, written: Iterator<string>): End {
  if (value === null) return 'unknown';
  if (typeof value === 'number') return 'open';
  return date(value, written);
}

function convert(raw: ParseResult, written: Iterator<string>): EdtfNode {
  switch (raw.type) {
    case 'Date':
      return date(raw, written);
    case 'Year':
      return { kind: 'year', year: raw.values[0], significant: raw.significant };
    case 'Season':
      return { kind: 'season', year: raw.values[0], code: raw.values[1] };
    case 'Decade':
      return { kind: 'decade', decade: raw.values[0], qualifiers: qualifiers(raw, 1) };
    case 'Century':
      return { kind: 'century', century: raw.values[0], qualifiers: qualifiers(raw, 1) };
    case 'Interval':
      return { kind: 'interval', start: end(raw.values[0], written), end: end(raw.values[1], written) };
    case 'Set':
    case 'List':
      return {
        kind: raw.type === 'Set' ? 'set' : 'list',
        members: raw.values.map((v) =>
          Array.isArray(v)
            ? { kind: 'range', first: date(v[0], written), last: date(v[1], written) }
            : date(v, written),
        ),
        earlier: raw.earlier === true,
        later: raw.later === true,
      };
  }
}

/**
 * Parses an EDTF string (levels 0–2) into our tree, or returns null when the package rejects it.
 * Whether every date in it exists is checked by `spanOf` in edtf-bounds.ts.
 */
export function readEdtf(value: string): EdtfNode | null {
  let raw: ParseResult;
  try {
    raw = parse(value);
  } catch {
    return null;
  }
  const written = (value.match(/-?[\dX]{4}(?:-[\dX]{2}){0,2}/g) ?? []).filter((t) => t.includes('X'));
  return convert(raw, written[Symbol.iterator]());
}
