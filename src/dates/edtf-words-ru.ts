import type { Atom } from './edtf-atoms.ts';
import { type EndWords, isRun, joinList, type Lexicon, type Slot, winterYears } from './edtf-lexicon.ts';

/** Grammatical case: nominative, genitive, accusative, instrumental. */
type Case = 'nom' | 'gen' | 'acc' | 'ins';

/*
 * The case each slot governs: "около мая" (about), "с мая" (from, since), "по май" (to,
 * inclusive), "до мая" (until), "между маем и июлем" (between).
 */
const CASES: Record<Slot, Case> = {
  alone: 'nom',
  item: 'nom',
  about: 'gen',
  from: 'gen',
  since: 'gen',
  until: 'gen',
  to: 'acc',
  between: 'ins',
};

type Forms = Record<Case, string>;
const forms = (nom: string, gen: string, acc: string, ins: string): Forms => ({ nom, gen, acc, ins });

const MONTHS: Forms[] = [
  forms('январь', 'января', 'январь', 'январём'),
  forms('февраль', 'февраля', 'февраль', 'февралём'),
  forms('март', 'марта', 'март', 'мартом'),
  forms('апрель', 'апреля', 'апрель', 'апрелем'),
  forms('май', 'мая', 'май', 'маем'),
  forms('июнь', 'июня', 'июнь', 'июнем'),
  forms('июль', 'июля', 'июль', 'июлем'),
  forms('август', 'августа', 'август', 'августом'),
  forms('сентябрь', 'сентября', 'сентябрь', 'сентябрём'),
  forms('октябрь', 'октября', 'октябрь', 'октябрём'),
  forms('ноябрь', 'ноября', 'ноябрь', 'ноябрём'),
  forms('декабрь', 'декабря', 'декабрь', 'декабрём'),
];
const month = (m: number, c: Case) => MONTHS[m - 1]?.[c] ?? String(m);

const SEASONS = {
  spring: forms('весна', 'весны', 'весну', 'весной'),
  summer: forms('лето', 'лета', 'лето', 'летом'),
  autumn: forms('осень', 'осени', 'осень', 'осенью'),
  winter: forms('зима', 'зимы', 'зиму', 'зимой'),
};
const DECADE = forms('е годы', 'х годов', 'е годы', 'ми годами');
const CENTURY = forms('век', 'века', 'век', 'веком');

const year = (y: number) => (y > 0 ? String(y) : `${1 - y} до н. э.`);

function roman(n: number): string {
  const numerals: Array<[number, string]> = [
    [1000, 'M'],
    [900, 'CM'],
    [500, 'D'],
    [400, 'CD'],
    [100, 'C'],
    [90, 'XC'],
    [50, 'L'],
    [40, 'XL'],
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  for (const [value, letters] of numerals) {
    while (n >= value) {
      out += letters;
      n -= value;
    }
  }
  return out;
}

const span = (list: string[], run: boolean) => (run ? `${list[0]}–${list.at(-1)}` : joinList(list, 'или'));
const days = (ds: number[]) => span(ds.map(String), isRun(ds));

function inCase(a: Atom, c: Case): string {
  switch (a.kind) {
    case 'day':
      // "20 ноября 1937" in every case: the day number carries the case, the month stays genitive.
      return `${days(a.days)} ${joinList(
        a.months.map((m) => month(m, 'gen')),
        'или',
      )} ${year(a.year)}`;
    case 'month':
      return `${span(
        a.months.map((m) => month(m, c)),
        isRun(a.months),
      )} ${year(a.year)}`;
    case 'dayOfUnknownMonth':
      return `${year(a.year)} (день ${days(a.days)}, месяц неизвестен)`;
    case 'year':
      return year(a.year);
    case 'years':
      return `${year(a.from)}–${year(a.to)}`;
    case 'decade':
      return `${a.start}-${DECADE[c]}`;
    case 'century':
      return `${roman(a.ordinal)} ${CENTURY[c]}`;
    case 'season': {
      const when = a.season === (a.southern ? 'summer' : 'winter') ? winterYears(a.year, year) : year(a.year);
      return `${SEASONS[a.season][c]} ${when}${a.southern ? ' (Южное полушарие)' : ''}`;
    }
    case 'unknown':
      return 'дата неизвестна';
    case 'raw':
      return a.text;
  }
}

const atom = (a: Atom, slot: Slot) => inCase(a, CASES[slot]);

const PARTS = { year: 'год', month: 'месяц', day: 'день' };

function interval(start: EndWords, end: EndWords): string {
  const from = start === 'open' ? '' : start === 'unknown' ? 'с неизвестной даты' : `с ${start.text}`;
  const to =
    end === 'open'
      ? ''
      : start === 'open'
        ? `до ${end === 'unknown' ? 'неизвестной даты' : end.text}`
        : `по ${end === 'unknown' ? 'неизвестную дату' : end.text}`;
  return [from, to].filter(Boolean).join(' ') || 'дата неизвестна';
}

export const ru: Lexicon = {
  atom,
  // "около 1931" on its own; inside a phrase a note, as "с около …" is no Russian.
  approximate: (a, slot) => (slot === 'alone' ? `около ${atom(a, 'about')}` : null),
  note: (kind, parts) => {
    const word = kind === 'approximate' ? 'приблизительно' : 'предположительно';
    return parts === 'all'
      ? word
      : `${joinList(
          parts.map((p) => PARTS[p]),
          'и',
        )} ${word}`;
  },
  interval,
  between: (first, last) => `между ${first} и ${last}`,
  oneOf: (items, earlier, later) =>
    joinList([...items, ...(earlier ? ['ранее'] : []), ...(later ? ['позже'] : [])], 'или'),
  allOf: (items, earlier, later) =>
    joinList([...items, ...(earlier ? ['более ранние даты'] : []), ...(later ? ['более поздние даты'] : [])], 'и'),
  unknownDate: 'дата неизвестна',
};
