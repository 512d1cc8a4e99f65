// The edtf package (v4) ships no type definitions. These describe the plain parse tree that
// `parse()` returns (read from node_modules/edtf/src/grammar.js and util.js), which is what
// src/dates/ works from, plus the class wrapper that `edtf()` builds from it.
declare module 'edtf' {
  /**
   * `true` for a whole-value qualifier (level 1: `1931~`, `1937-12?`) or a bitmask over
   * `YYYYMMDD` (level 2, one bit per digit: year 15, month 48, day 192, as in `1937~-12`).
   */
  export type Qualifier = boolean | number;

  /**
   * A calendar date: `values` are [year, month 0–11, day], as many as the precision, or six for
   * a date-time. Digits written `X` are reported as 0 (month and day clamped into range) with the
   * `unspecified` bitmask saying which. Unspecified dates inside intervals, sets and lists come
   * without `type` and `level`.
   */
  export interface DateNode {
    type?: 'Date';
    level?: number;
    values: number[];
    unspecified?: number;
    uncertain?: Qualifier;
    approximate?: Qualifier;
    offset?: number;
  }

  /** `Y12345`, `Y17E7`, `1950S2`: a year, possibly beyond four digits or with significant digits. */
  export interface YearNode {
    type: 'Year';
    level: number;
    values: [number];
    significant?: number;
  }

  /** `1940-21`: [year, division code 21–41]. */
  export interface SeasonNode {
    type: 'Season';
    level: number;
    values: [number, number];
  }

  /** `193` (a decade, level 2) and `19` (a century, level 0), optionally qualified as a whole. */
  export interface DecadeNode {
    type: 'Decade';
    level: number;
    values: [number];
    uncertain?: boolean;
    approximate?: boolean;
  }
  export interface CenturyNode {
    type: 'Century';
    level: number;
    values: [number];
    uncertain?: boolean;
    approximate?: boolean;
  }

  /** An interval end: a date, `null` for an unknown end (`1939/`), `Infinity` for an open one (`..`), on either side. */
  export type IntervalEnd = DateNode | null | number;

  export interface IntervalNode {
    type: 'Interval';
    level: number;
    values: [IntervalEnd, IntervalEnd];
  }

  /** A set (`[…]`, one of) or list (`{…}`, all of); a pair is a consecutive range `a..b`. */
  export interface ListNode {
    type: 'Set' | 'List';
    level: number;
    values: Array<DateNode | [DateNode, DateNode]>;
    earlier?: boolean;
    later?: boolean;
  }

  export type ParseResult =
    | (DateNode & { type: 'Date'; level: number })
    | YearNode
    | SeasonNode
    | DecadeNode
    | CenturyNode
    | IntervalNode
    | ListNode;

  export interface ParseConstraints {
    level?: number;
    types?: string[];
    seasonIntervals?: boolean;
    seasonUncertainty?: boolean;
  }

  /** Throws on input that is not EDTF at the allowed level (default 2). */
  export function parse(input: string, constraints?: ParseConstraints): ParseResult;

  export interface EdtfValue {
    type: string;
    edtf: string;
    /** Milliseconds since the epoch; ±Infinity or null for open and unknown ends. */
    min: number | null;
    max: number | null;
  }
  export default function edtf(input: string | ParseResult, constraints?: ParseConstraints): EdtfValue;
}
