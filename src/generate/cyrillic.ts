import { CZECH, GERMAN, looksCzech } from './cyrillic-german.ts';
import {
  and,
  atEnd,
  atStart,
  charIn,
  compileRules,
  compileVariants,
  nextIs,
  not,
  or,
  prevIs,
  type Rule,
  type Spellings,
  type VariantRewriter,
} from './rules.ts';

/*
 * Latin names as a Soviet clerk wrote them in Cyrillic (Müller → Мюллер, Neumann → Нейман,
 * Wiśniewski → Вишневский, Horváth → Хорват): the traditional Russian renderings of German,
 * Czech, Polish and Hungarian spelling, not a reversible scheme. Given names mostly come with their
 * conventional Russian form in the tables (Johann → Иоганн); these rules cover the rest. The
 * German and Czech rules, which list the several spellings files used, are in cyrillic-german.ts.
 */

// --- Polish -----------------------------------------------------------------------------------

const PL_VOWEL = charIn('aąeęioóuy');
const PL_CONSONANT = (c: string) => c !== '' && /\p{L}/u.test(c) && !PL_VOWEL(c);
const LABIAL = charIn('bp');

const POLISH: Rule[] = [
  ['szcz', 'щ'],
  ['dzki', 'дзкий', atEnd],
  ['dzka', 'дзкая', atEnd],
  ['ński', 'нский', atEnd],
  ['ńska', 'нская', atEnd],
  ['ski', 'ский', atEnd],
  ['ska', 'ская', atEnd],
  ['cki', 'цкий', atEnd],
  ['cka', 'цкая', atEnd],
  ['ny', 'ный', atEnd],
  ['sz', 'ш'],
  ['cz', 'ч'],
  ['ch', 'х'],
  ['rz', 'ш', prevIs(charIn('ptk'))],
  ['rz', 'ж'],
  ['dż', 'дж'],
  ['dź', 'дзь'],
  ['dz', 'дз'],
  ['ją', 'йон'],
  ['ia', 'я', prevIs(PL_CONSONANT)],
  ['ie', 'е', prevIs(PL_CONSONANT)],
  ['iu', 'ю', prevIs(PL_CONSONANT)],
  ['ią', 'ён', prevIs(PL_CONSONANT)],
  ['ię', 'ен', prevIs(PL_CONSONANT)],
  ['ja', 'я'],
  ['je', 'е'],
  ['ju', 'ю'],
  ['jo', 'йо'],
  ['j', 'й'],
  ['ą', 'ом', nextIs(LABIAL)],
  ['ą', 'он'],
  ['ę', 'ем', nextIs(LABIAL)],
  ['ę', 'е', atEnd],
  ['ę', 'ен'],
  ['ó', 'у'],
  ['la', 'ля'],
  ['lo', 'лё'],
  ['lu', 'лю'],
  ['ló', 'лю'],
  ['l', 'л', nextIs(PL_VOWEL)],
  ['l', 'ль'],
  ['ł', 'л'],
  ['ń', 'нь'],
  ['ś', 'ш', nextIs(charIn('nń'))],
  ['ś', 'с', nextIs(PL_CONSONANT)],
  ['ś', 'сь'],
  ['ć', 'ц', nextIs(PL_CONSONANT)],
  ['ć', 'ць'],
  ['ź', 'з', nextIs(PL_CONSONANT)],
  ['ź', 'зь'],
  ['ż', 'ж'],
  ['y', 'и', prevIs(charIn('zż'))],
  ['y', 'й', and(prevIs(PL_VOWEL), atEnd)],
  ['y', 'ы'],
  ['e', 'э', atStart],
  ['e', 'е'],
  ['a', 'а'],
  ['i', 'и'],
  ['o', 'о'],
  ['u', 'у'],
  ['w', 'в'],
  ['v', 'в'],
  ['h', 'г'],
  ['c', 'ц'],
  ['x', 'кс'],
  ['q', 'к'],
  ['b', 'б'],
  ['d', 'д'],
  ['f', 'ф'],
  ['g', 'г'],
  ['k', 'к'],
  ['m', 'м'],
  ['n', 'н'],
  ['p', 'п'],
  ['r', 'р'],
  ['s', 'с'],
  ['t', 'т'],
  ['z', 'з'],
];

// --- Hungarian --------------------------------------------------------------------------------

const HU_VOWEL = charIn('aáeéiíoóöőuúüűy');
const HU_BACK_A = charIn('aá');

const HUNGARIAN: Rule[] = [
  ['tsch', 'ч'],
  ['sch', 'ш'],
  ['dzs', 'дж'],
  ['cs', 'ч'],
  ['cz', 'ц'],
  ['sz', 'с'],
  ['zs', 'ж'],
  ['gy', 'д', nextIs(HU_BACK_A)],
  ['gy', 'дь'],
  ['ny', 'н', nextIs(HU_BACK_A)],
  ['ny', 'нь'],
  ['ty', 'т', nextIs(HU_BACK_A)],
  ['ty', 'ть'],
  ['ly', 'й'],
  ['ch', 'ч'],
  ['th', 'т'],
  ['gh', 'г'],
  ['ss', 'ш'],
  ['ei', 'ей'],
  ['eu', 'ой'],
  ['ja', 'я'],
  ['já', 'я'],
  ['ju', 'ю'],
  ['jú', 'ю'],
  ['je', 'е'],
  ['jé', 'е'],
  ['j', 'й'],
  // After gy/ny/ty an a is written я (Gyula is Дьюла, but Nagyvárad's gyv takes no vowel).
  ['a', 'я', prevIs(charIn('y'))],
  ['á', 'я', prevIs(charIn('y'))],
  ['a', 'а'],
  ['á', 'а'],
  ['e', 'э', or(atStart, prevIs(HU_VOWEL))],
  ['e', 'е'],
  ['é', 'э', atStart],
  ['é', 'е'],
  ['ö', 'э', atStart],
  ['ő', 'э', atStart],
  ['ö', 'ё'],
  ['ő', 'ё'],
  ['ü', 'ю'],
  ['ű', 'ю'],
  ['i', 'и'],
  ['í', 'и'],
  ['o', 'о'],
  ['ó', 'о'],
  ['u', 'у'],
  ['ú', 'у'],
  ['y', 'и'],
  ['l', 'ль', and(not(nextIs(HU_VOWEL)), not(atEnd))],
  ['l', 'л'],
  ['s', 'ш'],
  ['z', 'з'],
  ['c', 'ц'],
  ['h', 'х'],
  ['v', 'в'],
  ['w', 'в'],
  ['x', 'кс'],
  ['q', 'к'],
  ['b', 'б'],
  ['d', 'д'],
  ['f', 'ф'],
  ['g', 'г'],
  ['k', 'к'],
  ['m', 'м'],
  ['n', 'н'],
  ['p', 'п'],
  ['r', 'р'],
  ['t', 'т'],
];

export type ClerkSource = 'de' | 'cs' | 'pl' | 'hu';

const clerks: Record<ClerkSource, VariantRewriter> = {
  de: compileVariants(GERMAN),
  cs: compileVariants(CZECH),
  pl: compileVariants(POLISH),
  hu: compileVariants(HUNGARIAN),
};

/** A Latin name in Cyrillic as a Soviet clerk would have written it from `source` spelling. */
export function toCyrillic(name: string, source: ClerkSource): string {
  return clerks[source].conventional(name);
}

/** The spellings Soviet clerks used for a Latin name of `source` spelling, likeliest first. */
export function cyrillicSpellings(name: string, source: ClerkSource): Spellings {
  return clerks[source].spellings(name);
}

/** Polish rz where German has none: after a consonant or at the start, or before a vowel (Grzegorz, Jerzy). */
const POLISH_RZ = /(?:^|[bcdgkptw])rz|rz[aeiouy]/;
/** German spellings around an rz that is German (Schwarzer, Grillparzer). */
const GERMAN_AROUND_RZ = /sch|ei|eu|ck|tz|ß|[äöü]|th|ph|dt|pf|ll|er$/;

/** Which spelling rules a Latin name follows: Polish digraphs and letters, else German (Schwarz, Herz). */
export function spellingOf(name: string): 'de' | 'pl' {
  const s = name.toLowerCase();
  if (/sz|cz|[ąćęłńśźż]|aj|ej|ow(?:icz|ski)?$|[kc]i$/.test(s)) return 'pl';
  return POLISH_RZ.test(s) && !GERMAN_AROUND_RZ.test(s) ? 'pl' : 'de';
}

/** Spellings a Polish name has and an old Czech one does not. */
const POLISH_ONLY = /[ąćęłńśźż]|rz|ow(?:icz|ski)$|[kc]i$/;

/**
 * The clerk for a name of a German-speaking person: Polish letters and digraphs (sz in an
 * Austrian name being Hungarian and cz Czech, as in Austria-Hungary they mostly were), Czech
 * names, else German.
 */
export function clerkOf(name: string, origin: 'de' | 'at' | 'yi'): ClerkSource {
  if (origin === 'at') {
    const s = name.toLowerCase();
    if (s.includes('sz')) return 'hu';
    // Old Czech spelling wrote č as cz, and Austrian records kept it (Czerny, Sedlaczek).
    if (s.includes('cz') && !POLISH_ONLY.test(s)) return 'cs';
  }
  if (spellingOf(name) === 'pl') return 'pl';
  return looksCzech(name) ? 'cs' : 'de';
}

/** The clerk for a given name: its origin's own, German or Polish spelling; an -a is no Czech sign in Rosa. */
export function givenNameClerk(name: string, origin: 'de' | 'at' | 'yi' | 'pl' | 'hu'): ClerkSource {
  return origin === 'pl' || origin === 'hu' ? origin : spellingOf(name);
}

// --- Ukrainian → Russian ------------------------------------------------------------------------

const UK_TO_RU = compileRules([
  ['ьо', 'ё'],
  ['ій', 'ий', atEnd],
  ['ій', 'ей'],
  ['ії', 'ии'],
  ['іє', 'ие'],
  ['і', 'и'],
  ['ї', 'и'],
  ['є', 'е'],
  ['ґ', 'г'],
  ["'", 'ь'],
  ['’', 'ь'],
]);

/** A Ukrainian surname as a Russian-language Soviet file spells it (Олійник → Олейник). */
export function ukrainianToRussian(name: string): string {
  return UK_TO_RU(name);
}

// --- Grammatical gender ------------------------------------------------------------------------

/** The feminine form of a surname where the language inflects it (Kowalski → Kowalska). */
export function feminineSurname(name: string, lang: 'pl' | 'ru' | 'uk'): string {
  return name
    .split('-')
    .map((part) => feminineOne(part, lang))
    .join('-');
}

function feminineOne(part: string, lang: 'pl' | 'ru' | 'uk'): string {
  if (lang === 'pl') return part.replace(/([sc]k|dzk|ńsk)i$/, '$1a').replace(/ny$/, 'na');
  if (/(ский|цкий)$/.test(part)) return part.replace(/ий$/, 'ая');
  if (/(ський|цький)$/.test(part)) return part.replace(/ий$/, 'а');
  if (lang === 'uk' && /[нч]ий$/.test(part)) return part.replace(/ий$/, 'а');
  if (lang === 'uk' && /овий$/.test(part)) return part.replace(/ий$/, 'а');
  if (/ой$/.test(part) && lang === 'ru') return part.replace(/ой$/, 'ая');
  if (/ый$/.test(part)) return part.replace(/ый$/, 'ая');
  if (/(ов|ев|ёв|ин|ын)$/.test(part)) return `${part}а`;
  return part;
}

/**
 * A Russian patronymic from a father's given name in Russian (Генрих → Генрихович / Генриховна),
 * as Soviet files gave foreigners one. Names in -й/-ь take -евич; in a hushing consonant, ц or
 * -и, -е (Вилли → Виллиевич) -евич after it; in -а, -я, -о -ович in its place.
 */
export function patronymicFrom(fatherCyrillic: string, sex: 'male' | 'female'): string {
  const name = fatherCyrillic.split('-')[0] as string;
  const [m, f] = /[йь]$/.test(name)
    ? [`${name.slice(0, -1)}евич`, `${name.slice(0, -1)}евна`]
    : /[жшчщциэе]$/.test(name)
      ? [`${name}евич`, `${name}евна`]
      : /[аяо]$/.test(name)
        ? [`${name.slice(0, -1)}ович`, `${name.slice(0, -1)}овна`]
        : [`${name}ович`, `${name}овна`];
  return sex === 'male' ? m : f;
}
