import jaroWinkler from 'talisman/metrics/jaro-winkler.js';
import { type MatchLevel, NameScorer, type ScoringTerm, type StoredName } from '../names/name-match.ts';
import { foldName } from '../names/spelling/normalize.ts';
import { skeletonKeys } from '../names/spelling/skeleton.ts';
import type { DateParts } from './dates.ts';
import type { LinkRecord, PersonRecord } from './records.ts';

/*
 * The comparisons of record linkage, each with graded levels (Splink's comparison levels): how a
 * list row's surname, given names, patronymic, birth date, birth place and other dates agree with
 * a person's. Name levels come from the name scorer's evidence (src/names/name-match.ts), so that
 * search and linkage never disagree about how alike two names are; what each level is worth is
 * learned from the archive (model.ts).
 */

export const NAME_LEVELS = ['exact', 'variant', 'translit', 'phonetic', 'near', 'different', 'missing'] as const;
export const GIVEN_LEVELS = [
  'exact',
  'variant',
  'translit',
  'phonetic',
  'near',
  'initial',
  'different',
  'missing',
] as const;
export const BIRTH_LEVELS = ['day', 'month', 'year', 'year±1', 'year±3', 'different', 'missing'] as const;
export const DATE_LEVELS = ['day', 'month', 'year', 'different', 'missing'] as const;
export const PLACE_LEVELS = ['same', 'different', 'missing'] as const;

export const COMPARISONS = {
  surname: NAME_LEVELS,
  given: GIVEN_LEVELS,
  patronymic: NAME_LEVELS,
  birth: BIRTH_LEVELS,
  birthPlace: PLACE_LEVELS,
  arrest: DATE_LEVELS,
  death: DATE_LEVELS,
} as const;
export type ComparisonName = keyof typeof COMPARISONS;
export type Level<C extends ComparisonName = ComparisonName> = (typeof COMPARISONS)[C][number];

/**
 * Each comparison's level for one pair, the detail an editor reads beside it, and for a name the
 * row's word that met it at that level (whose frequency in the archive the model weighs).
 */
export type Comparison = {
  [C in ComparisonName]: { level: Level<C>; detail?: string; word?: string; precision?: DatePrecision };
};

/**
 * How finely two dates could be compared: to the day where both give one, to the month where both
 * give one, else to the year. It decides which levels a pair can show (model.ts weighs a level
 * among those): a list that gives years alone never agrees to the day.
 */
export type DatePrecision = 'day' | 'month' | 'year';

/** Jaro–Winkler similarity from which two spellings that share no key count as a near spelling. */
const NEAR = 0.88;

function nameLevel(level: MatchLevel): (typeof NAME_LEVELS)[number] {
  return level === 'fuzzy' ? 'near' : level;
}

const comparableCache = new Map<string, string>();
const COMPARABLE_CACHE_LIMIT = 200_000;

/** A comparable form of a word in any script: its first skeleton key, else its folded form (remembered). */
function comparable(word: string): string {
  let form = comparableCache.get(word);
  if (form === undefined) {
    form = skeletonKeys(word)[0] ?? foldName(word);
    if (comparableCache.size >= COMPARABLE_CACHE_LIMIT) comparableCache.clear();
    comparableCache.set(word, form);
  }
  return form;
}

/** Whether a query word is a near spelling of any word of the stored parts (an OCR slip, a typo). */
function near(term: ScoringTerm, parts: readonly (string | null)[]): boolean {
  const a = comparable(term.text);
  if (a.length < 3) return false;
  for (const part of parts) {
    for (const word of foldName(part ?? '').split(/\s+/)) {
      if (word.length >= 3 && jaroWinkler(a, comparable(word)) >= NEAR) return true;
    }
  }
  return false;
}

/** A level one row word reached. */
interface Reached<T extends string> {
  level: T;
  word: string;
}

function bestOf<T extends string>(order: readonly T[], reached: Reached<T>[]): Reached<T> | null {
  let best: Reached<T> | null = null;
  for (const r of reached) if (best === null || order.indexOf(r.level) < order.indexOf(best.level)) best = r;
  return best;
}

/** A name comparison's result: the best level a word reached, different when none did, missing when not asked. */
function nameResult<T extends string>(
  order: readonly T[],
  reached: Reached<T>[],
  asked: boolean,
  missing: T,
  different: T,
): { level: T; word?: string } {
  if (!asked) return { level: missing };
  const best = bestOf(order, reached);
  return best ? { level: best.level, word: best.word } : { level: different };
}

function compareDates<L extends string>(
  a: DateParts | null,
  b: DateParts | null,
  levels: { day: L; month: L; year: L; close?: [number, L][]; different: L; missing: L },
): { level: L; detail?: string; precision?: DatePrecision } {
  if (!a || !b) return { level: levels.missing };
  const detail = `${a.year} / ${b.year}`;
  const months = a.month !== undefined && b.month !== undefined;
  const precision: DatePrecision =
    months && a.day !== undefined && b.day !== undefined ? 'day' : months ? 'month' : 'year';
  if (a.year === b.year) {
    if (months && a.month !== b.month) return { level: levels.different, detail, precision };
    if (precision === 'day') return { level: a.day === b.day ? levels.day : levels.month, detail, precision };
    if (months) return { level: levels.month, detail, precision };
    return { level: levels.year, detail, precision };
  }
  const gap = Math.abs(a.year - b.year);
  for (const [within, level] of levels.close ?? []) if (gap <= within) return { level, detail, precision };
  return { level: levels.different, detail, precision };
}

/** The comparisons of dates and places: cheap, so that u can be counted over many pairs. */
export const LIFE_COMPARISONS = ['birth', 'birthPlace', 'arrest', 'death'] as const;
type LifeComparison = Pick<Comparison, (typeof LIFE_COMPARISONS)[number]>;

/** How a row's (or person's) dates and places agree with a person's. */
export function compareLife(
  row: Omit<LinkRecord, 'terms'>,
  person: Omit<PersonRecord, 'names' | 'id'>,
): LifeComparison {
  return {
    birth: compareDates(row.birth, person.birth, {
      day: 'day',
      month: 'month',
      year: 'year',
      close: [
        [1, 'year±1'],
        [3, 'year±3'],
      ],
      different: 'different',
      missing: 'missing',
    }),
    birthPlace: comparePlaces(row.birthPlace, person.birthPlace),
    arrest: compareDates(row.arrest, person.arrest, {
      day: 'day',
      month: 'month',
      year: 'year',
      different: 'different',
      missing: 'missing',
    }),
    death: compareDates(row.death, person.death, {
      day: 'day',
      month: 'month',
      year: 'year',
      different: 'different',
      missing: 'missing',
    }),
  };
}

/** How one list row (or name as written) agrees with one person, comparison by comparison. */
export function compare(row: LinkRecord, person: PersonRecord, scorer = new NameScorer(row.terms)): Comparison {
  const scored = scorer.score(person.names);
  const best: StoredName | undefined = person.names.find((n) => n.full_name === scored.explanation?.name);
  const names = best ? [best] : person.names;
  const storedSurnames = names.map((n) => n.surname ?? (n.given ? null : n.full_name));
  const storedGiven = names.map((n) => n.given ?? (n.surname ? null : n.full_name));
  const hasSurname = storedSurnames.some(Boolean);
  const hasGiven = storedGiven.some(Boolean);
  const hasPatronymic = person.names.some((n) => n.patronymic);

  const surnameLevels: Reached<(typeof NAME_LEVELS)[number]>[] = [];
  const givenLevels: Reached<(typeof GIVEN_LEVELS)[number]>[] = [];
  const patronymicLevels: Reached<(typeof NAME_LEVELS)[number]>[] = [];
  let surnameAsked = false;
  let givenAsked = false;
  let patronymicAsked = false;
  row.terms.forEach((term, i) => {
    const e = scored.evidence[i];
    const part = e?.part ?? null;
    // A word the row gives as a surname agrees on the surname only where it met the person's
    // surname (or a name not split into parts), and a given name only where it met theirs:
    // Франк meeting the given name of Franc-Iosif Fiszer is no agreement of surnames.
    const crossed =
      (term.role === 'surname' && (part === 'given' || part === 'patronymic')) ||
      (term.role === 'given' && (part === 'surname' || part === 'patronymic'));
    const matched = e?.level && !crossed ? nameLevel(e.level) : null;
    if (term.role === 'patronymic') {
      patronymicAsked = true;
      if (matched) patronymicLevels.push({ level: matched, word: term.text });
      else if (
        near(
          term,
          person.names.map((n) => n.patronymic),
        )
      )
        patronymicLevels.push({ level: 'near', word: term.text });
      return;
    }
    if (term.role === 'initial') {
      givenAsked = true;
      if (matched) givenLevels.push({ level: 'initial', word: term.text });
      return;
    }
    const onSurname = term.role === 'surname' || (term.role === 'unknown' && part === 'surname');
    const onGiven = term.role === 'given' || (term.role === 'unknown' && (part === 'given' || part === 'other'));
    if (onSurname) {
      surnameAsked = true;
      if (matched) surnameLevels.push({ level: matched, word: term.text });
      else if (near(term, storedSurnames)) surnameLevels.push({ level: 'near', word: term.text });
    } else if (onGiven) {
      givenAsked = true;
      if (matched) givenLevels.push({ level: matched, word: term.text });
      else if (near(term, storedGiven)) givenLevels.push({ level: 'near', word: term.text });
    } else if (term.role === 'unknown') {
      // A word of a name whose order the row does not tell, meeting nothing: the surname, unless
      // a near spelling says otherwise.
      if (near(term, storedSurnames)) {
        surnameAsked = true;
        surnameLevels.push({ level: 'near', word: term.text });
      } else if (near(term, storedGiven)) {
        givenAsked = true;
        givenLevels.push({ level: 'near', word: term.text });
      } else if (surnameLevels.length === 0) {
        surnameAsked = true;
      } else {
        givenAsked = true;
      }
    }
  });
  const explained = scored.explanation?.name;
  return {
    surname: {
      ...nameResult(NAME_LEVELS, surnameLevels, surnameAsked && hasSurname, 'missing', 'different'),
      detail: explained,
    },
    given: nameResult(GIVEN_LEVELS, givenLevels, givenAsked && hasGiven, 'missing', 'different'),
    patronymic: nameResult(NAME_LEVELS, patronymicLevels, patronymicAsked && hasPatronymic, 'missing', 'different'),
    ...compareLife(row, person),
  };
}

function comparePlaces(a: Set<string> | null, b: Set<string> | null): { level: (typeof PLACE_LEVELS)[number] } {
  if (!a || !b) return { level: 'missing' };
  for (const k of a) if (b.has(k)) return { level: 'same' };
  return { level: 'different' };
}
