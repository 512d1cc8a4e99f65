import type { Atom } from './edtf-atoms.ts';
import { type EndWords, isRun, joinList, type Lexicon, type Slot, winterYears } from './edtf-lexicon.ts';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const month = (m: number) => MONTHS[m - 1] ?? String(m);

/** ISO years count a year 0, which is 1 BC. */
const year = (y: number) => (y > 0 ? String(y) : `${1 - y} BC`);

function ordinal(n: number): string {
  const suffix =
    n % 100 >= 11 && n % 100 <= 13 ? 'th' : (({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th');
  return `${n}${suffix}`;
}

const span = (list: string[], run: boolean) => (run ? `${list[0]}–${list.at(-1)}` : joinList(list, 'or'));
const days = (ds: number[]) => span(ds.map(String), isRun(ds));

function atom(a: Atom, slot: Slot): string {
  // "from the 1930s", but "1930s" on its own or in a list.
  const the = slot === 'alone' || slot === 'item' ? '' : 'the ';
  switch (a.kind) {
    case 'day':
      return `${days(a.days)} ${joinList(a.months.map(month), 'or')} ${year(a.year)}`;
    case 'month':
      return `${span(a.months.map(month), isRun(a.months))} ${year(a.year)}`;
    case 'dayOfUnknownMonth':
      return `${year(a.year)} (day ${days(a.days)}, month unknown)`;
    case 'year':
      return year(a.year);
    case 'years':
      return `${year(a.from)}–${year(a.to)}`;
    case 'decade':
      return `${the}${a.start}s`;
    case 'century':
      return `${the}${ordinal(a.ordinal)} century`;
    case 'season': {
      const when = a.season === (a.southern ? 'summer' : 'winter') ? winterYears(a.year, year) : year(a.year);
      return `${a.season} ${when}${a.southern ? ' (Southern Hemisphere)' : ''}`;
    }
    case 'unknown':
      return 'unknown date';
    case 'raw':
      return a.text;
  }
}

const PARTS = { year: 'year', month: 'month', day: 'day' };

function interval(start: EndWords, end: EndWords): string {
  const from = start === 'open' ? '' : start === 'unknown' ? 'from an unknown date' : `from ${start.text}`;
  const until = start === 'open' ? 'until' : 'to';
  const to = end === 'open' ? '' : end === 'unknown' ? `${until} an unknown date` : `${until} ${end.text}`;
  return [from, to].filter(Boolean).join(' ') || 'unknown date';
}

export const en: Lexicon = {
  atom,
  approximate: (a, slot) => `about ${atom(a, slot === 'alone' ? 'about' : slot)}`,
  note: (kind, parts) => {
    const word = kind === 'approximate' ? 'approximate' : 'uncertain';
    return parts === 'all'
      ? word
      : `${joinList(
          parts.map((p) => PARTS[p]),
          'and',
        )} ${word}`;
  },
  interval,
  between: (first, last) => `between ${first} and ${last}`,
  oneOf: (items, earlier, later) =>
    joinList([...items, ...(earlier ? ['earlier'] : []), ...(later ? ['later'] : [])], 'or'),
  allOf: (items, earlier, later) =>
    joinList([...items, ...(earlier ? ['earlier dates'] : []), ...(later ? ['later dates'] : [])], 'and'),
  unknownDate: 'unknown date',
};
