import {
  type ClerkSource,
  clerkOf,
  cyrillicSpellings,
  givenNameClerk,
  patronymicFrom,
  toCyrillic,
} from './cyrillic.ts';
import { misspellCyrillic } from './misspell.ts';
import { type Rng, weightedKeys } from './prng.ts';
import type { Spellings } from './rules.ts';
import type { GivenName, Sex, Tables } from './tables.ts';

/*
 * A person's name as a Soviet file wrote it: surname first, the given name in the form files used,
 * a patronymic made from the father's name (sometimes from a Russian name put in its place), now
 * and then a second spelling in brackets. The rates are counted in real file forms; the counts and
 * their sources are in docs/generator.md.
 */

/** The origins whose names Soviet files wrote from a Latin spelling. */
export type LatinOrigin = 'de' | 'at' | 'pl' | 'yi' | 'hu';

/** A given name written in the usual file form: 33 of the 35 given names of the training pairs. */
const USUAL_GIVEN = 33 / 35;
/** A surname with a conventional Russian form (Cohen → Коган) written in it, by the rate of given names. */
const USUAL_SURNAME = USUAL_GIVEN;
/** File forms without a patronymic: 6 of 33 training persons, 11 of 77 in the evaluation set. */
const NO_PATRONYMIC = 17 / 110;
/** Patronymics from the Russian name of a father that has one (Peter → Петрович): 2 of 6. */
const RUSSIFIED_FATHER = 2 / 6;
/** A Jewish father's name that is no Russian one replaced by one (Pinkas → Павлович): 1 of 2. */
const REPLACED_FATHER = 1 / 2;
/** File forms with a second spelling in brackets: 5 of 33 and 22 of 77 (aliases left out). */
const BRACKETS = 27 / 110;
/** What the brackets hold: 18 surnames, 4 given names, 5 patronymics of those 27. */
const BRACKETED = weightedKeys({ surname: 18, given: 4, patronymic: 5 });
/** The bracketed form is another spelling (3 of 7), else a slip of the pen (4 of 7). */
const OTHER_SPELLING = 3 / 7;
/** Two alternatives in the brackets: 2 of 27. */
const TWO_ALTERNATIVES = 2 / 27;
/** A double surname cut to its last part, the whole in brackets: 1 of 2. */
const CUT_DOUBLE = 1 / 2;
/** A slip in the surname itself: 1 of 114 persons. */
const SLIP = 1 / 114;
/** A person with two given names: 6 of 114. */
export const SECOND_GIVEN = 6 / 114;
/** How a file wrote two given names: the first 3, both 1, the second 1, the second as patronymic 1 (of 6). */
const TWO_GIVEN = weightedKeys({ first: 3, both: 1, second: 1, patronymic: 1 });

/** One name as a file wrote it; `full` has the brackets, the parts do not. */
export interface FileName {
  given: string;
  surname: string;
  patronymic: string | null;
  full: string;
}

export interface FilePerson {
  origin: LatinOrigin;
  sex: Sex;
  given: GivenName;
  secondGiven: GivenName | null;
  surname: string;
  father: GivenName;
}

type Weighted = [string, number];

/** A surname's conventional form and, once asked for, its spellings in files. */
interface SurnameForms {
  part: string;
  clerk: ClerkSource;
  conventional: string;
  spellings: Spellings | null;
}

function spellings(items: readonly Weighted[]): Spellings {
  const merged = new Map<string, number>();
  for (const [text, chance] of items) if (chance > 0) merged.set(text, (merged.get(text) ?? 0) + chance);
  const sorted = [...merged].sort((a, b) => b[1] - a[1]);
  const total = sorted.reduce((sum, [, p]) => sum + p, 0);
  return { forms: sorted.map(([text]) => text), chances: sorted.map(([, p]) => p / total) };
}

const weighted = (s: Spellings, share = 1): Weighted[] => s.forms.map((f, i) => [f, (s.chances[i] as number) * share]);

/** The usual form with `share`, the other forms evenly with the rest. */
function usualAmong(usual: string, others: Iterable<string>, share: number): Spellings {
  const rest = [...new Set(others)].filter((o) => o !== usual);
  return spellings([
    [usual, rest.length > 0 ? share : 1],
    ...rest.map((o): Weighted => [o, (1 - share) / rest.length]),
  ]);
}

/** One of the spellings, by its chance. */
export function drawSpelling(s: Spellings, rng: Rng): string {
  const { forms, chances } = s;
  if (forms.length === 1) return forms[0] as string;
  let r = rng.next();
  for (let i = 0; i < forms.length - 1; i++) {
    r -= chances[i] as number;
    if (r < 0) return forms[i] as string;
  }
  return forms[forms.length - 1] as string;
}

/** Another spelling than `main`, by the chances of the others, or null when there is none. */
function otherSpelling(s: Spellings, main: string, rng: Rng): string | null {
  let total = 0;
  for (let i = 0; i < s.forms.length; i++) if (s.forms[i] !== main) total += s.chances[i] as number;
  if (total === 0) return null;
  let r = rng.next() * total;
  let last: string | null = null;
  for (let i = 0; i < s.forms.length; i++) {
    if (s.forms[i] === main) continue;
    last = s.forms[i] as string;
    r -= s.chances[i] as number;
    if (r < 0) break;
  }
  return last;
}

/** Writes names the way Soviet files did, from the frequency tables' names. */
export class SovietClerk {
  private readonly surnames: Record<LatinOrigin, Map<string, SurnameForms>> = {
    de: new Map(),
    at: new Map(),
    pl: new Map(),
    yi: new Map(),
    hu: new Map(),
  };
  private readonly givens = new WeakMap<GivenName, Spellings>();
  private readonly patronymics = new WeakMap<GivenName, Record<Sex, Spellings>>();
  private lastName = '';
  private lastOrigin: LatinOrigin = 'de';
  private lastForms: SurnameForms = { part: '', clerk: 'de', conventional: '', spellings: null };
  /** Surnames with a conventional Russian form, from every table. */
  private readonly conventional = new Map<string, string>();
  private readonly russian: Map<string, GivenName>;
  /** Russian men's names by their first letter, for the fathers whose names files replaced. */
  private readonly russianByInitial = new Map<string, GivenName[]>();

  constructor(tables: Tables) {
    for (const t of Object.values(tables.origins)) {
      for (const s of t.surnames.items)
        if (s.cyrillic && !this.conventional.has(s.name)) this.conventional.set(s.name, s.cyrillic);
    }
    this.russian = tables.origins.ru.givenByName;
    for (const g of tables.origins.ru.given.male.items) {
      const initial = g.name[0] as string;
      this.russianByInitial.set(initial, [...(this.russianByInitial.get(initial) ?? []), g]);
    }
  }

  /** The spellings of a surname (each part of a double one on its own). */
  surnameSpellings(name: string, origin: LatinOrigin): Spellings {
    if (!name.includes('-')) return this.spellingsOf(this.surnameForms(name, origin));
    return name
      .split('-')
      .map((part) => this.spellingsOf(this.surnameForms(part, origin)))
      .reduce((a, b) =>
        spellings(a.forms.flatMap((f, i) => weighted(b, a.chances[i]).map(([g, p]): Weighted => [`${f}-${g}`, p]))),
      );
  }

  /** A surname as the dictionary's conventions write it (each part on its own). */
  conventionalSurname(name: string, origin: LatinOrigin): string {
    if (!name.includes('-')) return this.surnameForms(name, origin).conventional;
    return name
      .split('-')
      .map((part) => this.surnameForms(part, origin).conventional)
      .join('-');
  }

  /** One spelling of a surname, each part of a double one drawn on its own. */
  private drawSurname(name: string, origin: LatinOrigin, rng: Rng): string {
    if (!name.includes('-')) return drawSpelling(this.spellingsOf(this.surnameForms(name, origin)), rng);
    return name
      .split('-')
      .map((part) => drawSpelling(this.spellingsOf(this.surnameForms(part, origin)), rng))
      .join('-');
  }

  /** The forms of a surname without a hyphen. */
  private surnameForms(name: string, origin: LatinOrigin): SurnameForms {
    // A person's surname is asked for again right away (its conventional form, then a spelling);
    // most names are made anew for each person, and a map hashes such a string each time.
    if (name === this.lastName && origin === this.lastOrigin) return this.lastForms;
    const cache = this.surnames[origin];
    let forms = cache.get(name);
    if (!forms) {
      forms = this.partForms(name, origin);
      if (cache.size < 50_000) cache.set(name, forms);
    }
    this.lastName = name;
    this.lastOrigin = origin;
    this.lastForms = forms;
    return forms;
  }

  private partForms(part: string, origin: LatinOrigin): SurnameForms {
    const clerk = origin === 'pl' || origin === 'hu' ? origin : clerkOf(part, origin);
    return { part, clerk, conventional: this.conventional.get(part) ?? toCyrillic(part, clerk), spellings: null };
  }

  /** Worked out when first asked for: many made-up surnames are never written in a file. */
  private spellingsOf(forms: SurnameForms): Spellings {
    if (!forms.spellings) {
      const rules = cyrillicSpellings(forms.part, forms.clerk);
      const conventional = this.conventional.get(forms.part);
      forms.spellings = conventional ? usualAmong(conventional, rules.forms, USUAL_SURNAME) : rules;
    }
    return forms.spellings;
  }

  /** The spellings of a given name: its usual file form, now and then another. */
  givenSpellings(given: GivenName, origin: LatinOrigin): Spellings {
    let s = this.givens.get(given);
    if (!s) {
      const clerk = givenNameClerk(given.name, origin);
      const rules = cyrillicSpellings(given.name, clerk).forms;
      const usual = given.written[0] ?? given.cyrillic ?? toCyrillic(given.name, clerk);
      s = usualAmong(
        usual,
        [...given.written.slice(1), ...(given.cyrillic ? [given.cyrillic] : []), ...rules],
        USUAL_GIVEN,
      );
      this.givens.set(given, s);
    }
    return s;
  }

  /** The patronymics a file gave the child of `father`. */
  patronymicSpellings(father: GivenName, origin: LatinOrigin, sex: Sex): Spellings {
    let s = this.patronymics.get(father);
    if (!s) {
      const own = this.givenSpellings(father, origin);
      const usual = own.forms[0] as string;
      let replaced: readonly string[] = [];
      let share = 0;
      if (father.russified) {
        replaced = [father.russified];
        share = RUSSIFIED_FATHER;
      } else if (father.yiddish && !this.russian.has(usual)) {
        replaced = (this.russianByInitial.get(usual[0] as string) ?? []).map((g) => g.name);
        share = replaced.length > 0 ? REPLACED_FATHER : 0;
      }
      const of = (x: Sex) =>
        spellings([
          ...weighted(own, 1 - share).map(([f, p]): Weighted => [this.patronymicOf(f, x), p]),
          ...replaced.map((r): Weighted => [this.patronymicOf(r, x), share / replaced.length]),
        ]);
      s = { male: of('male'), female: of('female') };
      this.patronymics.set(father, s);
    }
    return s[sex];
  }

  private patronymicOf(name: string, sex: Sex): string {
    const pair = this.russian.get(name)?.patronymic;
    return pair ? pair[sex === 'male' ? 0 : 1] : patronymicFrom(name, sex);
  }

  /** The person's name in one file: "Фамилия Имя Отчество", perhaps with a bracketed alternative. */
  write(rng: Rng, p: FilePerson): FileName {
    let surname = this.drawSurname(p.surname, p.origin, rng);
    let cut: string | null = null;
    if (surname.includes('-') && rng.chance(CUT_DOUBLE)) {
      cut = surname;
      surname = surname.slice(surname.lastIndexOf('-') + 1);
    }
    if (rng.chance(SLIP)) surname = misspellCyrillic(surname, rng) ?? surname;

    const second = p.secondGiven;
    const how = second ? TWO_GIVEN.draw(rng) : 'first';
    const firstWritten = how === 'second' ? (second as GivenName) : p.given;
    const givens = this.givenSpellings(firstWritten, p.origin);
    const firstGiven = drawSpelling(givens, rng);
    const given =
      how === 'both'
        ? `${firstGiven} ${drawSpelling(this.givenSpellings(second as GivenName, p.origin), rng)}`
        : firstGiven;

    const patronymics =
      how === 'patronymic'
        ? this.patronymicSpellings(second as GivenName, p.origin, p.sex)
        : rng.chance(NO_PATRONYMIC)
          ? null
          : this.patronymicSpellings(p.father, p.origin, p.sex);
    const patronymic = patronymics ? drawSpelling(patronymics, rng) : null;

    let full: string;
    if (cut) {
      full = `${surname} (${cut}) ${given}`;
    } else if (rng.chance(BRACKETS)) {
      let part = BRACKETED.draw(rng);
      if (part === 'patronymic' && !patronymic) part = 'surname';
      const [all, main] =
        part === 'surname'
          ? [this.surnameSpellings(p.surname, p.origin), surname]
          : part === 'given'
            ? [givens, firstGiven]
            : [patronymics as Spellings, patronymic as string];
      const alternatives = this.alternatives(rng, all, main);
      const withAlternatives = alternatives.length > 0 ? `${main} (${alternatives.join(', ')})` : main;
      full =
        part === 'surname'
          ? `${withAlternatives} ${given}`
          : part === 'given'
            ? `${surname} ${withAlternatives}${given.slice(firstGiven.length)}`
            : `${surname} ${given}`;
      if (patronymic) full += ` ${part === 'patronymic' ? withAlternatives : patronymic}`;
      return { given, surname, patronymic, full };
    } else {
      full = `${surname} ${given}`;
    }
    if (patronymic) full += ` ${patronymic}`;
    return { given, surname, patronymic, full };
  }

  /** One or two other ways the file wrote `main`, for the brackets. */
  private alternatives(rng: Rng, all: Spellings, main: string): string[] {
    const out: string[] = [];
    const count = rng.chance(TWO_ALTERNATIVES) ? 2 : 1;
    for (let k = 0; k < count; k++) {
      // Another spelling or a slip, whichever the name allows when it does not allow both.
      const other = rng.chance(OTHER_SPELLING)
        ? (otherSpelling(all, main, rng) ?? misspellCyrillic(main, rng))
        : (misspellCyrillic(main, rng) ?? otherSpelling(all, main, rng));
      if (other && other !== main && !out.includes(other)) out.push(other);
    }
    return out;
  }
}
