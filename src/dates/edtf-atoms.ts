import {
  type DatePattern,
  division,
  patternDays,
  patternMonths,
  type SeasonName,
  significantYears,
} from './edtf-calendar.ts';
import type { EdtfNode } from './edtf-tree.ts';

/**
 * A single date as the words will name it, independent of language. Lists of months and days
 * hold the candidates unspecified digits leave (`1937-1X`: months 10–12), all 1-based.
 */
export type Atom =
  | { kind: 'day'; year: number; months: number[]; days: number[] }
  | { kind: 'month'; year: number; months: number[] }
  | { kind: 'dayOfUnknownMonth'; year: number; days: number[] }
  | { kind: 'year'; year: number }
  | { kind: 'years'; from: number; to: number }
  | { kind: 'decade'; start: number }
  | { kind: 'century'; ordinal: number }
  | { kind: 'season'; year: number; season: SeasonName; southern: boolean }
  | { kind: 'unknown' }
  | { kind: 'raw'; text: string };

const written = (p: DatePattern) => [p.year, p.month, p.day].filter(Boolean).join('-');
const unknownPart = (part?: string) => part === undefined || part === 'XX';

/** A year with unspecified trailing digits: `193X` a decade, `19XX` a century, `1XXX` a range. */
function maskedYear(p: DatePattern): Atom {
  if (!unknownPart(p.month) || !unknownPart(p.day)) return { kind: 'raw', text: written(p) };
  if (p.year === 'XXXX') return { kind: 'unknown' };
  // Negative and mid-year masks (`1X37`) are too rare to deserve words; show them as written.
  const match = /^(\d+)(X+)$/.exec(p.year);
  if (!match?.[1] || !match[2]) return { kind: 'raw', text: written(p) };
  const size = 10 ** match[2].length;
  const start = Number(match[1]) * size;
  if (size === 10) return { kind: 'decade', start };
  // 19XX is 1900–1999, which English, German and Russian all call the twentieth century.
  if (size === 100) return { kind: 'century', ordinal: start / 100 + 1 };
  return { kind: 'years', from: start, to: start + size - 1 };
}

export function dateAtom(p: DatePattern): Atom {
  if (p.year.includes('X')) return maskedYear(p);
  const year = Number(p.year);
  if (p.month === undefined) return { kind: 'year', year };
  const months = patternMonths(year, p);
  const dayUnknown = unknownPart(p.day);
  if (p.month === 'XX') {
    if (dayUnknown) return { kind: 'year', year };
    return { kind: 'dayOfUnknownMonth', year, days: patternDays(year, months, p.day ?? 'XX') };
  }
  if (dayUnknown) return { kind: 'month', year, months };
  return { kind: 'day', year, months, days: patternDays(year, months, p.day ?? 'XX') };
}

/** Atoms for the single-valued nodes; intervals, sets and lists are composed in edtf-words.ts. */
export function nodeAtom(node: Exclude<EdtfNode, { kind: 'interval' | 'set' | 'list' }>): Atom {
  switch (node.kind) {
    case 'date':
      return dateAtom(node.pattern);
    case 'year': {
      const [from, to] = significantYears(node.year, node.significant);
      return from === to ? { kind: 'year', year: from } : { kind: 'years', from, to };
    }
    case 'season': {
      const { first, count, season, southern } = division(node.code);
      if (season) return { kind: 'season', year: node.year, season, southern: southern === true };
      // Quarters, quadrimesters and semesters read best as their months.
      return { kind: 'month', year: node.year, months: Array.from({ length: count }, (_, i) => first + i) };
    }
    case 'decade':
      if (node.decade < 0) return { kind: 'raw', text: `-${String(-node.decade).padStart(3, '0')}` };
      return { kind: 'decade', start: node.decade * 10 };
    case 'century':
      if (node.century < 0) return { kind: 'raw', text: `-${String(-node.century).padStart(2, '0')}` };
      return { kind: 'century', ordinal: node.century + 1 };
  }
}
