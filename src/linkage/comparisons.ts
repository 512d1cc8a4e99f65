import jaroWinkler from 'talisman/metrics/jaro-winkler.js';
import { type MatchLevel, type ScoringTerm, type StoredName, scoreNames } from '../names/name-match.ts';
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

/** Each comparison's level for one pair, and the detail an editor reads beside it. */
export type Comparison = { [C in ComparisonName]: { level: Level<C>; detail?: string } };

/** Jaro–Winkler similarity from which two spellings that share no key count as a near spelling. */
const NEAR = 0.88;

function nameLevel(level: MatchLevel): (typeof NAME_LEVELS)[number] {
  return level === 'fuzzy' ? 'near' : level;
}

/** A comparable form of a word in any script: its first skeleton key, else its folded form. */
function comparable(word: string): string {
  return skeletonKeys(word)[0] ?? foldName(word);
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

function bestOf<T extends string>(order: readonly T[], levels: T[]): T | null {
  let best: T | null = null;
  for (const l of levels) if (best === null || order.indexOf(l) < order.indexOf(best)) best = l;
  return best;
}

function compareDates<L extends string>(
  a: DateParts | null,
  b: DateParts | null,
  levels: { day: L; month: L; year: L; close?: [number, L][]; different: L; missing: L },
): { level: L; detail?: string } {
  if (!a || !b) return { level: levels.missing };
  const detail = `${a.year} / ${b.year}`;
  if (a.year === b.year) {
    if (a.month !== undefined && b.month !== undefined && a.month !== b.month)
      return { level: levels.different, detail };
    if (a.day !== undefined && b.day !== undefined)
      return { level: a.day === b.day ? levels.day : levels.month, detail };
    if (a.month !== undefined && b.month !== undefined) return { level: levels.month, detail };
    return { level: levels.year, detail };
  }
  const gap = Math.abs(a.year - b.year);
  for (const [within, level] of levels.close ?? []) if (gap <= within) return { level, detail };
  return { level: levels.different, detail };
}

/** The comparisons of dates and places: cheap, so that u can be counted over many pairs. */
export const LIFE_COMPARISONS = ['birth', 'birthPlace', 'arrest', 'death'] as const;
type LifeComparison = Pick<Comparison, (typeof LIFE_COMPARISONS)[number]>;

/** How a row's (or person's) dates and places agree with a person's. */
export function compareLife(row: Omit<LinkRecord, 'terms'>, person: Omit<PersonRecord, 'names' | 'id'>): LifeComparison {
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
export function compare(row: LinkRecord, person: PersonRecord): Comparison {
  const scored = scoreNames(row.terms, person.names);
  const best: StoredName | undefined = person.names.find((n) => n.full_name === scored.explanation?.name);
  const names = best ? [best] : person.names;
  const storedSurnames = names.map((n) => n.surname ?? (n.given ? null : n.full_name));
  const storedGiven = names.map((n) => n.given ?? (n.surname ? null : n.full_name));
  const hasSurname = storedSurnames.some(Boolean);
  const hasGiven = storedGiven.some(Boolean);
  const hasPatronymic = person.names.some((n) => n.patronymic);

  const surnameLevels: (typeof NAME_LEVELS)[number][] = [];
  const givenLevels: (typeof GIVEN_LEVELS)[number][] = [];
  const patronymicLevels: (typeof NAME_LEVELS)[number][] = [];
  let surnameAsked = false;
  let givenAsked = false;
  let patronymicAsked = false;
  row.terms.forEach((term, i) => {
    const e = scored.evidence[i];
    const part = e?.part ?? null;
    const matched = e?.level ? nameLevel(e.level) : null;
    if (term.role === 'patronymic') {
      patronymicAsked = true;
      if (matched) patronymicLevels.push(matched);
      else if (
        near(
          term,
          person.names.map((n) => n.patronymic),
        )
      )
        patronymicLevels.push('near');
      return;
    }
    if (term.role === 'initial') {
      givenAsked = true;
      if (matched) givenLevels.push('initial');
      return;
    }
    const onSurname = term.role === 'surname' || (term.role === 'unknown' && part === 'surname');
    const onGiven = term.role === 'given' || (term.role === 'unknown' && (part === 'given' || part === 'other'));
    if (onSurname) {
      surnameAsked = true;
      if (matched) surnameLevels.push(matched);
      else if (near(term, storedSurnames)) surnameLevels.push('near');
    } else if (onGiven) {
      givenAsked = true;
      if (matched) givenLevels.push(matched);
      else if (near(term, storedGiven)) givenLevels.push('near');
    } else if (term.role === 'unknown') {
      // A word of a name whose order the row does not tell, meeting nothing: the surname, unless
      // a near spelling says otherwise.
      if (near(term, storedSurnames)) {
        surnameAsked = true;
        surnameLevels.push('near');
      } else if (near(term, storedGiven)) {
        givenAsked = true;
        givenLevels.push('near');
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
      level: !surnameAsked || !hasSurname ? 'missing' : (bestOf(NAME_LEVELS, surnameLevels) ?? 'different'),
      detail: explained,
    },
    given: {
      level: !givenAsked || !hasGiven ? 'missing' : (bestOf(GIVEN_LEVELS, givenLevels) ?? 'different'),
    },
    patronymic: {
      level: !patronymicAsked || !hasPatronymic ? 'missing' : (bestOf(NAME_LEVELS, patronymicLevels) ?? 'different'),
    },
    ...compareLife(row, person),
  };
}

function comparePlaces(a: Set<string> | null, b: Set<string> | null): { level: (typeof PLACE_LEVELS)[number] } {
  if (!a || !b) return { level: 'missing' };
  for (const k of a) if (b.has(k)) return { level: 'same' };
  return { level: 'different' };
}
