import { compareDays, type Day, divisionSpan, patternSpan, significantYears } from './edtf-calendar.ts';
import { type DateNode, type EdtfNode, type End, type RangeNode, readEdtf } from './edtf-tree.ts';

export class InvalidEdtfError extends Error {
  override name = 'InvalidEdtfError';
  constructor(readonly value: string) {
    super(`not a valid EDTF date: "${value}"`);
  }
}

/** Earliest and latest day as `YYYY-MM-DD`; null where the value has no limit or it is unknown. */
export interface EdtfBounds {
  min: string | null;
  max: string | null;
}

/** First and last possible day; null for an open or unknown end. */
interface Span {
  first: Day | null;
  last: Day | null;
}

const earliest = (a: Day | null, b: Day | null) => (a && b ? (compareDays(a, b) <= 0 ? a : b) : null);
const latest = (a: Day | null, b: Day | null) => (a && b ? (compareDays(a, b) >= 0 ? a : b) : null);

const yearsSpan = (from: number, to: number): Span => ({
  first: { year: from, month: 1, day: 1 },
  last: { year: to, month: 12, day: 31 },
});

/** Null when the span is impossible: a day that does not exist, or an end before its start. */
function ordered(span: Span | null): Span | null {
  if (!span) return null;
  return span.first && span.last && compareDays(span.first, span.last) > 0 ? null : span;
}

const dateSpan = (node: DateNode): Span | null => patternSpan(node.pattern);

function endSpan(end: End): Span | null {
  return end === 'open' || end === 'unknown' ? { first: null, last: null } : dateSpan(end);
}

function rangeSpan(range: RangeNode): Span | null {
  const first = dateSpan(range.first);
  const last = dateSpan(range.last);
  return first && last ? ordered({ first: first.first, last: last.last }) : null;
}

/** The span of a node, or null when it names an impossible date (see `ordered`). */
export function spanOf(node: EdtfNode): Span | null {
  switch (node.kind) {
    case 'date':
      return dateSpan(node);
    case 'year':
      return yearsSpan(...significantYears(node.year, node.significant));
    case 'season':
      return divisionSpan(node.year, node.code);
    case 'decade':
      return yearsSpan(node.decade * 10, node.decade * 10 + 9);
    case 'century':
      return yearsSpan(node.century * 100, node.century * 100 + 99);
    case 'interval': {
      const start = endSpan(node.start);
      const end = endSpan(node.end);
      return start && end ? ordered({ first: start.first, last: end.last }) : null;
    }
    case 'set':
    case 'list': {
      // Every member counts, whatever the order or the kind: "one of" and "all of" span the same
      // days. The package instead takes the first member's min and the last member's *start*,
      // so its `[1939..1940]` ends on 1939-12-31.
      const spans = node.members.map((m) => (m.kind === 'range' ? rangeSpan(m) : dateSpan(m)));
      const known = spans.filter((s): s is Span => s !== null);
      if (known.length < spans.length) return null;
      return {
        first: node.earlier ? null : known.map((s) => s.first).reduce(earliest),
        last: node.later ? null : known.map((s) => s.last).reduce(latest),
      };
    }
  }
}

/** The span of an EDTF string, or null when it is not valid EDTF or names an impossible date. */
export function spanOfEdtf(value: string): Span | null {
  const node = readEdtf(value);
  return node && spanOf(node);
}

/*
 * Bounds are stored as text and compared as text, which only sorts right for four-digit years.
 * Days outside 0000–9999 are widened to the nearest bound that still holds every possible day:
 * an earliest day before year 0 becomes null (no limit), a latest one becomes 0000-01-01; past
 * 9999 the other way round. The people in this database lived in the twentieth century.
 */
function iso(day: Day | null, side: 'min' | 'max'): string | null {
  if (!day) return null;
  if (day.year < 0) return side === 'min' ? null : '0000-01-01';
  if (day.year > 9999) return side === 'min' ? '9999-12-31' : null;
  return `${String(day.year).padStart(4, '0')}-${String(day.month).padStart(2, '0')}-${String(day.day).padStart(2, '0')}`;
}

/**
 * The earliest and latest calendar day an EDTF value can denote, for sorting, filtering and
 * timelines. Qualifiers (`?`, `~`, `%`) do not widen the bounds. Throws `InvalidEdtfError` for
 * anything `isValidEdtf` rejects.
 */
export function edtfBounds(value: string): EdtfBounds {
  const span = spanOfEdtf(value);
  if (!span) throw new InvalidEdtfError(value);
  return { min: iso(span.first, 'min'), max: iso(span.last, 'max') };
}

/**
 * Chronological order for EDTF strings: by earliest day, then by latest day. An open or unknown
 * start sorts first, an open or unknown end last; invalid strings go after all valid ones.
 */
export function compareEdtf(a: string, b: string): number {
  const x = spanOfEdtf(a);
  const y = spanOfEdtf(b);
  if (!x || !y) return (x ? 0 : 1) - (y ? 0 : 1);
  const start = x.first && y.first ? compareDays(x.first, y.first) : (x.first ? 1 : 0) - (y.first ? 1 : 0);
  const end = x.last && y.last ? compareDays(x.last, y.last) : (x.last ? 0 : 1) - (y.last ? 0 : 1);
  return Math.sign(start || end);
}
