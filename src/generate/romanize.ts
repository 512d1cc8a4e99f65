import { atEnd, atStart, type Condition, charIn, compileRules, nextIs, or, prevIs, type Rule } from './rules.ts';

/*
 * Cyrillic names in the Latin spellings people and files actually used: German (Duden: Ежов →
 * Jeschow), English press and BGN/PCGN (Yezhov, Vyshinskiy), scholarly (Šmidt), Polish
 * (Szewczenko), and Ukrainian's national system (Shevchenko). Written for the generator: each
 * scheme covers names, not running text.
 */

export type Scheme = 'duden' | 'english' | 'bgn' | 'scholarly' | 'polish' | 'uk-national' | 'uk-duden';

const VOWEL = charIn('аеёиоуыэюяіїє');
const AFTER_SOFT = charIn("аеёиоуыэюяіїєьъ'’");
const HUSHING = charIn('жшчщ');
const iotated: Condition = or(atStart, prevIs(AFTER_SOFT));

const COMMON: Record<string, string> = {
  а: 'a',
  б: 'b',
  д: 'd',
  и: 'i',
  к: 'k',
  л: 'l',
  м: 'm',
  н: 'n',
  о: 'o',
  п: 'p',
  р: 'r',
  т: 't',
  у: 'u',
  ф: 'f',
};
const common = (overrides: Record<string, string> = {}): Rule[] =>
  Object.entries({ ...COMMON, ...overrides }).map(([c, l]) => [c, l] as Rule);

const DUDEN: Rule[] = [
  ['ий', 'i', atEnd],
  ['ый', 'y', atEnd],
  ['кс', 'x'],
  ['е', 'je', iotated],
  ['е', 'e'],
  ['ё', 'o', prevIs(HUSHING)],
  ['ё', 'jo'],
  ['с', 'ss', (p, n) => VOWEL(p) && VOWEL(n)],
  // ь before a vowel is heard as j; е, ё, ю, я after it already start with one.
  ['ь', 'j', nextIs(charIn('иоу'))],
  ['ь', ''],
  ['ъ', ''],
  ['й', 'i', prevIs(VOWEL)],
  ['й', 'j'],
  ...common({
    в: 'w',
    г: 'g',
    ж: 'sch',
    з: 's',
    с: 's',
    х: 'ch',
    ц: 'z',
    ч: 'tsch',
    ш: 'sch',
    щ: 'schtsch',
    ы: 'y',
    э: 'e',
    ю: 'ju',
    я: 'ja',
  }),
];

const englishBase = (strict: boolean): Rule[] => [
  ['ий', strict ? 'iy' : 'y', atEnd],
  ['ый', strict ? 'yy' : 'y', atEnd],
  ['е', 'ye', iotated],
  ['е', 'e'],
  ['ё', strict ? 'ë' : 'o', prevIs(HUSHING)],
  ['ё', strict ? 'yë' : 'yo', iotated],
  ['ё', strict ? 'ë' : 'yo'],
  ['ь', strict ? '\u02bc' : ''],
  ['ъ', strict ? '\u02ba' : ''],
  ...common({
    в: 'v',
    г: 'g',
    ж: 'zh',
    з: 'z',
    с: 's',
    х: 'kh',
    ц: 'ts',
    ч: 'ch',
    ш: 'sh',
    щ: 'shch',
    ы: 'y',
    э: 'e',
    ю: 'yu',
    я: 'ya',
    й: 'y',
  }),
];

const SCHOLARLY: Rule[] = [
  ['ь', '\u02b9'],
  ['ъ', '\u02ba'],
  ...common({
    в: 'v',
    г: 'g',
    е: 'e',
    ё: 'ë',
    ж: 'ž',
    з: 'z',
    й: 'j',
    с: 's',
    х: 'ch',
    ц: 'c',
    ч: 'č',
    ш: 'š',
    щ: 'šč',
    ы: 'y',
    э: 'è',
    ю: 'ju',
    я: 'ja',
  }),
];

const HARD_BEFORE_E = charIn('жшчщц');
const POLISH: Rule[] = [
  ['ский', 'ski', atEnd],
  ['цкий', 'cki', atEnd],
  ['ий', 'ij', atEnd],
  ['ый', 'yj', atEnd],
  ['ле', 'le'],
  ['лё', 'lo'],
  ['ли', 'li'],
  ['лю', 'lu'],
  ['ля', 'la'],
  ['ль', 'l'],
  ['лл', 'll'],
  ['л', 'ł'],
  ['е', 'je', iotated],
  ['е', 'e', prevIs(HARD_BEFORE_E)],
  ['е', 'ie'],
  ['ё', 'jo', iotated],
  ['ё', 'o', prevIs(HARD_BEFORE_E)],
  ['ё', 'io'],
  ['ю', 'ju', iotated],
  ['ю', 'iu'],
  ['я', 'ja', iotated],
  ['я', 'ia'],
  ['и', 'y', prevIs(charIn('жшц'))],
  ['нь', 'ń'],
  ['сь', 'ś'],
  ['ть', 'ć'],
  ['зь', 'ź'],
  ['ь', ''],
  ['ъ', ''],
  ...common({
    в: 'w',
    г: 'g',
    ж: 'ż',
    з: 'z',
    й: 'j',
    с: 's',
    х: 'ch',
    ц: 'c',
    ч: 'cz',
    ш: 'sz',
    щ: 'szcz',
    ы: 'y',
    э: 'e',
  }),
];

const UK_NATIONAL: Rule[] = [
  ['зг', 'zgh'],
  ['є', 'ye', atStart],
  ['є', 'ie'],
  ['ї', 'yi', atStart],
  ['ї', 'i'],
  ['й', 'y', atStart],
  ['й', 'i'],
  ['ю', 'yu', atStart],
  ['ю', 'iu'],
  ['я', 'ya', atStart],
  ['я', 'ia'],
  ['ь', ''],
  ["'", ''],
  ['’', ''],
  ...common({
    в: 'v',
    г: 'h',
    ґ: 'g',
    е: 'e',
    ж: 'zh',
    з: 'z',
    и: 'y',
    і: 'i',
    с: 's',
    х: 'kh',
    ц: 'ts',
    ч: 'ch',
    ш: 'sh',
    щ: 'shch',
  }),
];

const UK_DUDEN: Rule[] = [
  ['ій', 'ij', atEnd],
  ['ь', ''],
  ["'", ''],
  ['’', ''],
  ...common({
    в: 'w',
    г: 'h',
    ґ: 'g',
    е: 'e',
    є: 'je',
    ж: 'sch',
    з: 's',
    и: 'y',
    і: 'i',
    ї: 'ji',
    й: 'j',
    с: 's',
    х: 'ch',
    ц: 'z',
    ч: 'tsch',
    ш: 'sch',
    щ: 'schtsch',
    ю: 'ju',
    я: 'ja',
  }),
];

const schemes: Record<Scheme, (s: string) => string> = {
  duden: compileRules(DUDEN),
  english: compileRules(englishBase(false)),
  bgn: compileRules(englishBase(true)),
  scholarly: compileRules(SCHOLARLY),
  polish: compileRules(POLISH),
  'uk-national': compileRules(UK_NATIONAL),
  'uk-duden': compileRules(UK_DUDEN),
};

/** A Cyrillic name in Latin letters by `scheme`. */
export function romanize(name: string, scheme: Scheme): string {
  return schemes[scheme](name);
}
