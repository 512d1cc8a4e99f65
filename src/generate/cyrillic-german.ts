import { and, atEnd, atStart, type Choice, charIn, nextIs, not, or, prevIs, type VariantRule } from './rules.ts';

/*
 * German names, and Czech ones in German spelling, as Soviet clerks wrote them in Cyrillic. Where
 * files wrote a German letter in more than one way (H as Г or Х, Hübsch as Хибш or Гюбш), a rule
 * lists the spellings with weights counted in real Soviet spellings of German and Austrian names;
 * the first is the dictionary's convention, which `toCyrillic` writes. The counts and their
 * sources are in docs/generator.md.
 */

// --- German -----------------------------------------------------------------------------------

const DE_VOWEL = charIn('aeiouyäöü');
const DE_CONSONANT = (c: string) => c !== '' && /\p{L}/u.test(c) && !DE_VOWEL(c);
/** Vowels after which a written e is heard as a new syllable (Bauer → Бауэр, not Meyer → Мейэр). */
const DE_HIATUS = charIn('aouäöü');

/** A sounded h: Г, the older habit, or Х. */
const H: readonly Choice[] = [
  ['г', 12],
  ['х', 5],
];
const EI: readonly Choice[] = [
  ['ей', 4],
  ['ай', 2],
];
/** After l, files that heard ai kept the German light l (-ляй-). */
const EI_AFTER_L: readonly Choice[] = [
  ['ей', 4],
  ['яй', 1],
  ['ай', 1],
];
const EI_INITIAL: readonly Choice[] = [
  ['эй', 4],
  ['ай', 2],
];
const EU: readonly Choice[] = [
  ['ей', 2],
  ['ой', 1],
];
const EU_INITIAL: readonly Choice[] = [
  ['эй', 2],
  ['ой', 1],
];
const UE: readonly Choice[] = [
  ['ю', 1],
  ['и', 1],
];
/** ё is the dictionary's letter; the files wrote е, и or о. */
const OE: readonly Choice[] = [
  ['ё', 1],
  ['е', 3],
  ['и', 1],
  ['о', 1],
];
const TZ: readonly Choice[] = [
  ['ц', 1],
  ['тц', 2],
];
const CK_BETWEEN_VOWELS: readonly Choice[] = [
  ['к', 1],
  ['кк', 1],
];
/** A final l after a consonant, sometimes with a vowel put before it (Riedl → Ридль, Ридель). */
const FINAL_L: readonly Choice[] = [
  ['ль', 2],
  ['ель', 1],
];
/** After r the final l is soft in -erl names (Haberl → Хаберль) and hard in Karl → Карл. */
const FINAL_L_AFTER_R: readonly Choice[] = [
  ['ль', 1],
  ['л', 1],
];
const JO: readonly Choice[] = [
  ['йо', 1],
  ['ио', 1],
];

/** A doubled consonant: mostly kept before a vowel (Fellinger → Феллингер), mostly single elsewhere. */
const double = (one: string, two = one + one): { beforeVowel: Choice[]; elsewhere: Choice[] } => ({
  beforeVowel: [
    [two, 3],
    [one, 1],
  ],
  elsewhere: [
    [one, 4],
    [two, 1],
  ],
});

const doubled = (letters: string, cyr: Record<string, string>, vowel: (c: string) => boolean): VariantRule[] =>
  [...letters].flatMap((l) => {
    const d = double(cyr[l] as string);
    return [[l + l, d.beforeVowel, nextIs(vowel)] as VariantRule, [l + l, d.elsewhere] as VariantRule];
  });

const DE_PLAIN: Record<string, string> = {
  b: 'б',
  d: 'д',
  f: 'ф',
  g: 'г',
  k: 'к',
  m: 'м',
  n: 'н',
  p: 'п',
  r: 'р',
  t: 'т',
  q: 'к',
};

/**
 * Parts of compound names that begin with st or sp, which German says (and files wrote) with шт,
 * шп inside a name too (Binnenstein → Бинненштейн), while Ernst and Fürst keep their ст.
 */
const ST_SP_PARTS: Record<string, string> = {
  stein: 'штейн',
  stern: 'штерн',
  stadt: 'штадт',
  städt: 'штедт',
  stätt: 'штетт',
  stett: 'штетт',
  stock: 'шток',
  stöck: 'штек',
  strass: 'штрасс',
  straß: 'штрас',
  strauß: 'штраус',
  stroh: 'штро',
  steg: 'штег',
  spiel: 'шпиль',
  spiegel: 'шпигель',
  sprung: 'шпрунг',
};

const SS = double('с');
const LL = double('л', 'лл');

export const GERMAN: VariantRule[] = [
  ['tsch', 'ч'],
  ['sch', 'ш'],
  ['chs', 'кс'],
  ['ch', 'х'],
  ['ck', CK_BETWEEN_VOWELS, and(prevIs(DE_VOWEL), nextIs(DE_VOWEL))],
  ['ck', 'к'],
  ['tz', TZ],
  ['dt', 'дт'],
  ['th', 'т'],
  ['ph', 'ф'],
  ['qu', 'кв'],
  ...Object.entries(ST_SP_PARTS).map(([part, cyr]): VariantRule => [part, cyr]),
  ['st', 'шт', atStart],
  ['sp', 'шп', atStart],
  ['ie', 'и'],
  ['ei', EI_INITIAL, atStart],
  ['eu', EU_INITIAL, atStart],
  ['ei', EI_AFTER_L, prevIs(charIn('l'))],
  ['ei', EI],
  ['ey', EI_AFTER_L, prevIs(charIn('l'))],
  ['ey', EI],
  ['ai', 'ай'],
  ['ay', 'ай'],
  ['eu', EU],
  ['äu', EU],
  ['oi', 'ой'],
  ['oy', 'ой'],
  ['au', 'ау'],
  ['aa', 'а'],
  ['ee', 'е'],
  ['oo', 'о'],
  ['jä', 'е'],
  ['ja', 'я'],
  ['je', 'йе'],
  ['ju', 'ю'],
  ['jo', JO],
  ['j', 'й'],
  ['ss', SS.beforeVowel, and(prevIs(DE_VOWEL), nextIs(DE_VOWEL))],
  ['ss', SS.elsewhere],
  ['ß', SS.beforeVowel, and(prevIs(DE_VOWEL), nextIs(DE_VOWEL))],
  ['ß', 'с'],
  ['s', 'з', and(or(atStart, prevIs(DE_VOWEL)), nextIs(DE_VOWEL))],
  ['s', 'с'],
  ['z', 'ц'],
  ['x', 'кс'],
  ['w', 'в'],
  // Initial and German v is ф (Vogel → Фогель); after a consonant (Czech Dvořák) and at the end
  // (Gustav → Густав) Russian writes в.
  ['v', 'в', or(atEnd, not(nextIs(DE_VOWEL)), and(not(atStart), not(prevIs(DE_VOWEL))))],
  ['v', 'ф'],
  ['h', H, and(not(prevIs(DE_VOWEL)), nextIs(DE_VOWEL))],
  // Between vowels h is heard before a, o, u (Johann → Иоганн); before e it only lengthens (Mühe).
  ['h', H, nextIs(charIn('aou'))],
  ['h', ''],
  ['c', 'ц', nextIs(charIn('eiyäö'))],
  ['c', 'к'],
  ['ll', LL.beforeVowel, nextIs(DE_VOWEL)],
  [
    'll',
    [
      ['ль', 4],
      ['лль', 1],
    ],
  ],
  ['l', 'л', nextIs(DE_VOWEL)],
  ['l', FINAL_L_AFTER_R, and(atEnd, prevIs(charIn('r')))],
  ['l', FINAL_L, and(atEnd, prevIs(DE_CONSONANT))],
  ['l', 'ль'],
  ...doubled('bdfgkmnprt', DE_PLAIN, DE_VOWEL),
  ['e', 'э', or(atStart, prevIs(DE_HIATUS))],
  ['e', 'е'],
  ['ä', 'э', atStart],
  ['ä', 'е'],
  ['ö', 'э', atStart],
  ['ö', OE],
  ['ü', UE],
  ['a', 'а'],
  ['i', 'и'],
  ['o', 'о'],
  ['u', 'у'],
  ['y', 'и'],
  ...Object.entries(DE_PLAIN).map(([l, c]): VariantRule => [l, c]),
  // Czech letters of Viennese names (Dvořák → Дворжак).
  ['ř', 'рж'],
  ['š', 'ш'],
  ['č', 'ч'],
  ['ž', 'ж'],
  ['ě', 'е'],
  ['ů', 'у'],
  ['ý', 'ы'],
];

// --- Czech names in German spelling -------------------------------------------------------------

/*
 * Names of Czech origin, as Vienna wrote them (Hubacek, Swoboda, Wondraschek), were written as the
 * clerk heard them, not read with German rules: s is с between vowels and at the start (Wasicek →
 * Васичек, Sowa → Сова), h is always sounded, the diminutive -ček and -čka that lost their háček
 * keep their ч (as the old spelling's cz does), and the adjectival -ský, -ný take the Russian
 * endings.
 */
export const CZECH: VariantRule[] = [
  ['cek', 'чек', atEnd],
  ['cka', 'чка', atEnd],
  ['sky', 'ский', atEnd],
  ['ský', 'ский', atEnd],
  ['ski', 'ский', atEnd],
  ['cky', 'цкий', atEnd],
  ['cký', 'цкий', atEnd],
  ['cki', 'цкий', atEnd],
  ['ny', 'ный', atEnd],
  ['ný', 'ный', atEnd],
  ['cz', 'ч'],
  ['je', 'е'],
  ['s', 'с'],
  ['h', H],
  ['c', 'ц'],
  ['v', 'в'],
  ...GERMAN,
];

/** Endings of Czech (and Polish) surnames that German ones do not have. */
const CZECH_ENDING = /(?:[bcdfghklmnprstvwz]a|[aeiouy]k|sk[yýi]|ck[yýi]|n[yý])$/;
/** Letters and clusters only German spelling has. */
const GERMAN_SPELLING = /ei|eu|äu|ie|ck(?![aiyý]$)|tz|ß|[äöü]|th|ph|dt|pf|mann$/;

/** Whether a surname in German spelling is a Czech name (Hubacek, Swoboda, Nowotny). */
export function looksCzech(name: string): boolean {
  const s = name.toLowerCase();
  return CZECH_ENDING.test(s) && !GERMAN_SPELLING.test(s);
}
