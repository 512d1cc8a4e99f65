import type { Atom } from './edtf-atoms.ts';
import { type EndWords, isRun, joinList, type Lexicon, type Slot, winterYears } from './edtf-lexicon.ts';

const MONTHS = [
  'Januar',
  'Februar',
  'März',
  'April',
  'Mai',
  'Juni',
  'Juli',
  'August',
  'September',
  'Oktober',
  'November',
  'Dezember',
];
const month = (m: number) => MONTHS[m - 1] ?? String(m);
const SEASONS = { spring: 'Frühjahr', summer: 'Sommer', autumn: 'Herbst', winter: 'Winter' };

const year = (y: number) => (y > 0 ? String(y) : `${1 - y} v. Chr.`);

const span = (list: string[], run: boolean) => (run ? `${list[0]}–${list.at(-1)}` : joinList(list, 'oder'));
const days = (ds: number[]) =>
  span(
    ds.map((d) => `${d}.`),
    isRun(ds),
  );

/*
 * The article or preposition a date takes after "von", "bis", "ab", "zwischen" and "ungefähr":
 * "vom 20. November 1937 bis zum 5. Mai 1938", "bis in die 1940er Jahre", "ungefähr im Mai 1940".
 * Years, months and the rest take none ("von 1939 bis Mai 1940").
 */
const ARTICLES: Partial<Record<Atom['kind'], Partial<Record<Slot, string>>>> = {
  day: { about: 'am', from: 'dem', since: 'dem', between: 'dem', to: 'zum', until: 'zum' },
  month: { about: 'im' },
  decade: { about: 'in den', from: 'den', since: 'den', between: 'den', to: 'in die', until: 'in die' },
  century: { about: 'im', from: 'dem', since: 'dem', between: 'dem', to: 'ins', until: 'ins' },
};

function bare(a: Atom, dative: boolean): string {
  switch (a.kind) {
    case 'day':
      return `${days(a.days)} ${joinList(a.months.map(month), 'oder')} ${year(a.year)}`;
    case 'month':
      return `${span(a.months.map(month), isRun(a.months))} ${year(a.year)}`;
    case 'dayOfUnknownMonth':
      return `${year(a.year)} (Tag ${span(a.days.map(String), isRun(a.days))}, Monat unbekannt)`;
    case 'year':
      return year(a.year);
    case 'years':
      return `${year(a.from)}–${year(a.to)}`;
    case 'decade':
      return `${a.start}er ${dative ? 'Jahren' : 'Jahre'}`;
    case 'century':
      return `${a.ordinal}. Jahrhundert`;
    case 'season': {
      const when = a.season === (a.southern ? 'summer' : 'winter') ? winterYears(a.year, year) : year(a.year);
      return `${SEASONS[a.season]} ${when}${a.southern ? ' (Südhalbkugel)' : ''}`;
    }
    case 'unknown':
      return 'unbekanntes Datum';
    case 'raw':
      return a.text;
  }
}

function atom(a: Atom, slot: Slot): string {
  const article = ARTICLES[a.kind]?.[slot];
  if (!article) return bare(a, false);
  return `${article} ${bare(a, article.endsWith('den'))}`;
}

const PARTS = { year: 'Jahr', month: 'Monat', day: 'Tag' };

function interval(start: EndWords, end: EndWords): string {
  const open = end === 'open';
  const unknownStart = open ? 'ab einem unbekannten Zeitpunkt' : 'von einem unbekannten Zeitpunkt';
  const from = start === 'open' ? '' : start === 'unknown' ? unknownStart : `${open ? 'ab' : 'von'} ${start.text}`;
  const to = end === 'open' ? '' : end === 'unknown' ? 'bis zu einem unbekannten Zeitpunkt' : `bis ${end.text}`;
  return ([from, to].filter(Boolean).join(' ') || 'unbekanntes Datum').replace(/\bvon dem\b/g, 'vom');
}

export const de: Lexicon = {
  atom,
  // "ungefähr 1931" on its own; inside a phrase a note, as "von ungefähr dem …" is no German.
  approximate: (a, slot) => (slot === 'alone' ? `ungefähr ${atom(a, 'about')}` : null),
  note: (kind, parts) => {
    const word = kind === 'approximate' ? 'ungefähr' : 'unsicher';
    return parts === 'all'
      ? word
      : `${joinList(
          parts.map((p) => PARTS[p]),
          'und',
        )} ${word}`;
  },
  interval,
  between: (first, last) => `zwischen ${first} und ${last}`,
  oneOf: (items, earlier, later) =>
    joinList([...items, ...(earlier ? ['früher'] : []), ...(later ? ['später'] : [])], 'oder'),
  allOf: (items, earlier, later) =>
    joinList([...items, ...(earlier ? ['frühere Daten'] : []), ...(later ? ['spätere Daten'] : [])], 'und'),
  unknownDate: 'unbekanntes Datum',
};
