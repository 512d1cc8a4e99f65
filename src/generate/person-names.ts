import type { NameKind } from '../names/name.ts';
import { composeFullName } from '../names/name-format.ts';
import {
  type ClerkSource,
  clerkOf,
  feminineSurname,
  givenNameClerk,
  patronymicFrom,
  spellingOf,
  toCyrillic,
  ukrainianToRussian,
} from './cyrillic.ts';
import { misspellCyrillic, misspellLatin, typo } from './misspell.ts';
import type { Rng } from './prng.ts';
import { romanize, type Scheme } from './romanize.ts';
import { type FilePerson, type LatinOrigin, SECOND_GIVEN, SovietClerk } from './soviet-file.ts';
import type { GivenName, Origin, Sex, Surname, Tables } from './tables.ts';

/** One name statement of a generated person. */
export interface GeneratedName {
  kind: NameKind;
  given: string | null;
  surname: string | null;
  patronymic: string | null;
  full: string;
  lang: string;
  cyrillic: boolean;
}

export interface PersonNames {
  /** The main name first; at most MAX_NAMES. */
  names: GeneratedName[];
  display: string;
  sort: string;
}

export const MIN_NAMES = 2;
export const MAX_NAMES = 6;

const LATIN_ORIGINS = new Set<Origin>(['de', 'at', 'pl', 'yi', 'hu']);
/** Origins whose persons may have a second given name (Adolf Josef), as in the real material. */
const TWO_GIVEN_ORIGINS = new Set<Origin>(['de', 'at', 'yi']);
/** Share of surnames made from parts (the long tail of rare names). */
const TAIL_SHARE = 0.2;
/** Share of double surnames made of two common ones (Schulze-Boysen). */
const DOUBLE_SHARE = 0.03;

function name(
  kind: NameKind,
  lang: string,
  given: string | null,
  surname: string | null,
  patronymic: string | null = null,
  full?: string,
): GeneratedName {
  const cyrillic = /[\u0400-\u04ff]/.test(`${given ?? ''}${surname ?? ''}`);
  return {
    kind,
    given,
    surname,
    patronymic,
    full: full ?? composeFullName({ given, patronymic, surname }),
    lang,
    cyrillic,
  };
}

/** A Latin-script person as the lists and files that wrote their name know them. */
interface WrittenPerson extends FilePerson {
  lang: string;
  givenText: string;
  hasCyrillic: boolean;
}

/** Makes the names of synthetic persons from the frequency tables. */
export class NameMaker {
  private readonly clerk: SovietClerk;

  constructor(private readonly tables: Tables) {
    this.clerk = new SovietClerk(tables);
  }

  /** A surname of `origin`, in its masculine form. */
  surname(rng: Rng, origin: Origin): Surname {
    const t = this.tables.origins[origin];
    const r = rng.next();
    if (r < TAIL_SHARE && t.heads.length > 0 && t.tails.length > 0) {
      const made = rng.pick(t.heads) + rng.pick(t.tails);
      if (!this.tables.reserved.some((x) => made.toLowerCase().includes(x))) return { name: made, cyrillic: null };
    }
    const first = t.surnames.draw(rng);
    if (r > 1 - DOUBLE_SHARE && origin !== 'ru' && origin !== 'uk') {
      const second = t.surnames.draw(rng);
      if (second.name !== first.name && !first.name.includes('-') && !second.name.includes('-')) {
        const cyr = (s: Surname) => s.cyrillic ?? toCyrillic(s.name, clerkFor(origin, s.name));
        return { name: `${first.name}-${second.name}`, cyrillic: `${cyr(first)}-${cyr(second)}` };
      }
    }
    return first;
  }

  given(rng: Rng, origin: Origin, sex: Sex): GivenName {
    return this.tables.origins[origin].given[sex].draw(rng);
  }

  /** Every name of one person of `origin`. */
  person(rng: Rng, origin: Origin, sex: Sex, options: { aliasChance: number }): PersonNames {
    const names = LATIN_ORIGINS.has(origin)
      ? this.latinPerson(rng, origin, sex, options.aliasChance)
      : this.slavicPerson(rng, origin as 'ru' | 'uk', sex, options.aliasChance);
    const unique: GeneratedName[] = [];
    const seen = new Set<string>();
    for (const n of names) {
      if (seen.has(n.full) || unique.length >= MAX_NAMES) continue;
      seen.add(n.full);
      unique.push(n);
    }
    const main = unique[0] as GeneratedName;
    const shown = main.cyrillic ? (unique.find((n) => n.kind === 'transliteration' && !n.cyrillic) ?? main) : main;
    return {
      names: unique,
      display: composeFullName({ given: shown.given, surname: shown.surname }),
      sort: shown.given ? `${shown.surname}, ${shown.given}` : (shown.surname ?? ''),
    };
  }

  private latinPerson(rng: Rng, origin: Origin, sex: Sex, aliasChance: number): GeneratedName[] {
    const given = this.given(rng, origin, sex);
    const father = this.given(rng, origin, 'male');
    const birth = this.surname(rng, origin);
    const also = TWO_GIVEN_ORIGINS.has(origin) && rng.chance(SECOND_GIVEN) ? this.given(rng, origin, sex) : null;
    const secondGiven = also && also.name !== given.name && !`${given.name}${also.name}`.includes('-') ? also : null;
    const givenText = secondGiven ? `${given.name} ${secondGiven.name}` : given.name;
    const lang = origin === 'at' ? 'de' : origin === 'yi' ? spellingOf(`${given.name} ${birth.name}`) : origin;

    const out: GeneratedName[] = [];
    let current = feminineIfPolish(birth, sex, origin);
    const married = sex === 'female' && rng.chance(0.5);
    if (married) {
      const husbandOrigin: Origin = rng.chance(0.85) ? origin : 'de';
      let husband = this.surname(rng, husbandOrigin);
      if (husbandOrigin === 'pl') husband = { name: feminineSurname(husband.name, 'pl'), cyrillic: null };
      // Some kept their own name beside the husband's, as Buber-Neumann did.
      current =
        rng.chance(0.1) && !husband.name.includes('-') && !current.name.includes('-')
          ? { name: `${husband.name}-${current.name}`, cyrillic: null }
          : husband;
      out.push(name('married', lang, givenText, current.name));
      out.push(name('birth', lang, givenText, feminineIfPolish(birth, sex, origin).name));
    } else {
      out.push(name('birth', lang, givenText, current.name));
    }

    const cyrGiven = secondGiven
      ? `${cyrillicGiven(given, origin)} ${cyrillicGiven(secondGiven, origin)}`
      : cyrillicGiven(given, origin);
    const cyrSurname = current.cyrillic ?? this.clerk.conventionalSurname(current.name, origin as LatinOrigin);
    const cyrPatronymic = rng.chance(0.6) ? patronymicFrom(cyrillicGiven(father, origin), sex) : null;
    const hasCyrillic = rng.chance(0.85);
    if (hasCyrillic) out.push(name('transliteration', 'ru', cyrGiven, cyrSurname, cyrPatronymic));

    const written: WrittenPerson = {
      origin: origin as LatinOrigin,
      sex,
      given,
      secondGiven,
      surname: current.name,
      father,
      lang,
      givenText,
      hasCyrillic,
    };
    const first = rng.chance(0.85) ? this.asWritten(rng, written) : null;
    if (first) out.push(first);
    if (given.diminutives.length > 0 && rng.chance(0.35)) {
      out.push(name('used', lang, rng.pick(given.diminutives), current.name));
    }
    if (given.yiddish && rng.chance(0.4)) out.push(name('used', 'yi', given.yiddish, current.name));
    if (rng.chance(aliasChance)) {
      const aliasOrigin: Origin = rng.chance(0.7) ? 'de' : origin;
      const alias = this.given(rng, aliasOrigin, sex);
      const aliasSurname = this.surname(rng, aliasOrigin).name;
      out.push(
        name('alias', aliasOrigin === 'at' || aliasOrigin === 'yi' ? 'de' : aliasOrigin, alias.name, aliasSurname),
      );
    }
    const second = rng.chance(0.75) ? this.asWritten(rng, written) : null;
    if (second) out.push(second);
    if (out.length < MIN_NAMES) {
      const s = misspellLatin(current.name, rng) ?? `${current.name}e`;
      out.push(name('as-written', lang, givenText, s));
    }
    return out;
  }

  /** One more name of a Latin-script person as some list or file wrote it. */
  private asWritten(rng: Rng, w: WrittenPerson): GeneratedName | null {
    const r = rng.next();
    if (w.hasCyrillic && r < 0.4) {
      // A Soviet file's form (soviet-file.ts), romanized again.
      const f = this.clerk.write(rng, w);
      const scheme = rng.pick<Scheme>(['duden', 'duden', 'english', 'english', 'scholarly', 'polish']);
      const p = f.patronymic && rng.chance(0.4) ? romanize(f.patronymic, scheme) : null;
      return name('as-written', 'ru-Latn', romanize(f.given, scheme), romanize(f.surname, scheme), p);
    }
    if (w.hasCyrillic && r < 0.55) {
      const f = this.clerk.write(rng, w);
      return name('as-written', 'ru', f.given, f.surname, f.patronymic, f.full);
    }
    if (r < 0.65) {
      // Surname first, as lists and card files write it ("Nagy János" is also Hungarian order).
      return name('as-written', w.lang, w.givenText, w.surname, null, `${w.surname} ${w.givenText}`);
    }
    const s = misspellLatin(w.surname, rng) ?? typo(w.surname, rng);
    return s ? name('as-written', w.lang, w.givenText, s) : null;
  }

  private slavicPerson(rng: Rng, origin: 'ru' | 'uk', sex: Sex, aliasChance: number): GeneratedName[] {
    const lang = origin;
    const latn = `${origin}-Latn`;
    const given = this.given(rng, origin, sex);
    const father = this.given(rng, origin, 'male');
    const patronymic = father.patronymic ? (sex === 'male' ? father.patronymic[0] : father.patronymic[1]) : null;
    const birth = this.surname(rng, origin).name;

    const out: GeneratedName[] = [];
    let current = birth;
    if (sex === 'female' && rng.chance(0.5)) {
      current = this.surname(rng, rng.chance(0.8) ? origin : origin === 'ru' ? 'uk' : 'ru').name;
      out.push(name('married', lang, given.name, feminineIf(sex, origin, current), patronymic));
      out.push(name('birth', lang, given.name, feminineIf(sex, origin, birth), patronymic));
    } else {
      out.push(name('birth', lang, given.name, feminineIf(sex, origin, birth), patronymic));
    }
    const surname = feminineIf(sex, origin, current);

    // The Russian form a Soviet file gives a Ukrainian (Микола Петрович → Николай Петрович).
    let ruGiven = given.name;
    let ruPatronymic = patronymic;
    let ruSurname = surname;
    if (origin === 'uk') {
      ruGiven = given.cyrillic ?? given.name;
      const ruFather = this.tables.origins.ru.givenByName.get(father.cyrillic ?? '');
      ruPatronymic = ruFather?.patronymic
        ? ruFather.patronymic[sex === 'male' ? 0 : 1]
        : patronymicFrom(father.cyrillic ?? father.name, sex);
      ruSurname = sex === 'female' ? feminineSurname(ukrainianToRussian(current), 'ru') : ukrainianToRussian(current);
    }

    const english: Scheme = origin === 'uk' ? 'uk-national' : 'english';
    out.push(name('transliteration', latn, romanize(given.name, english), romanize(surname, english)));
    if (origin === 'uk' && rng.chance(0.75)) out.push(name('as-written', 'ru', ruGiven, ruSurname, ruPatronymic));
    if (rng.chance(0.7)) {
      out.push(name('transliteration', 'ru-Latn', romanize(ruGiven, 'duden'), romanize(ruSurname, 'duden')));
    }
    if (rng.chance(0.6)) {
      if (rng.chance(0.5)) {
        const s = misspellCyrillic(ruSurname, rng) ?? ruSurname;
        const full = [s, ruGiven, ruPatronymic].filter(Boolean).join(' ');
        out.push(name('as-written', 'ru', ruGiven, s, ruPatronymic, full));
      } else {
        const scheme = rng.pick<Scheme>(['bgn', 'scholarly', 'polish']);
        out.push(name('as-written', 'ru-Latn', romanize(ruGiven, scheme), romanize(ruSurname, scheme)));
      }
    }
    if (given.diminutives.length > 0 && rng.chance(0.15)) {
      out.push(name('used', lang, rng.pick(given.diminutives), surname));
    }
    if (rng.chance(aliasChance)) {
      const alias = this.given(rng, 'ru', sex);
      out.push(name('alias', 'ru', alias.name, feminineIf(sex, origin, this.surname(rng, 'ru').name)));
    }
    return out;
  }

  /** The row of a list as written: the person's name in the list's script, surname first. */
  listSpelling(rng: Rng, names: readonly GeneratedName[], cyrillicList: boolean): { text: string; index: number } {
    const candidates = names.map((n, i) => ({ n, i })).filter(({ n }) => n.cyrillic === cyrillicList);
    const pool = candidates.length > 0 ? candidates : names.map((n, i) => ({ n, i }));
    const asWritten = pool.filter(({ n }) => n.kind === 'as-written');
    const { n, i } = asWritten.length > 0 && rng.chance(0.5) ? rng.pick(asWritten) : rng.pick(pool);
    const surnameFirst = n.full.startsWith(n.surname ?? '\u0000');
    if (surnameFirst || !n.surname) return { text: n.full, index: i };
    const rest = [n.given, n.patronymic].filter(Boolean).join(' ');
    return {
      text: cyrillicList ? `${n.surname} ${rest}`.trim() : rest ? `${n.surname}, ${rest}` : n.surname,
      index: i,
    };
  }
}

/** A Polish woman's surname in its feminine form. */
function feminineIfPolish(s: Surname, sex: Sex, origin: Origin): Surname {
  return sex === 'female' && origin === 'pl' ? { name: feminineSurname(s.name, 'pl'), cyrillic: null } : s;
}

function feminineIf(sex: Sex, origin: 'ru' | 'uk', s: string): string {
  return sex === 'female' ? feminineSurname(s, origin) : s;
}

function cyrillicGiven(g: GivenName, origin: Origin): string {
  return g.cyrillic ?? toCyrillic(g.name, givenNameClerk(g.name, origin as LatinOrigin));
}

function clerkFor(origin: Origin, latinName: string): ClerkSource {
  if (origin === 'hu') return 'hu';
  if (origin === 'pl') return 'pl';
  return clerkOf(latinName, origin === 'yi' || origin === 'at' ? origin : 'de');
}
