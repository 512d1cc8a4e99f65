/**
 * Cyrillic → Latin transliteration tables, one per convention people actually use for names
 * from Soviet records. Keys are lowercase Cyrillic letters; the engine in transliterate.ts
 * applies the context rules (iotation, letters after sibilants or after л, the soft sign,
 * word endings).
 */

/** The conventions stored Cyrillic names are indexed under. */
export const SCHEME_IDS = ['duden', 'bgn', 'loc', 'iso9', 'polish', 'czech'] as const;
/**
 * Conventions a Cyrillic query is also read in, to meet a stored Latin name written in them: a
 * Soviet clerk wrote Szabó as Сабо and Mankovits as Манкович, which a searcher types back.
 */
export const QUERY_SCHEME_IDS = ['hungarian', 'hungarian-old'] as const;
export type SchemeId = (typeof SCHEME_IDS)[number] | (typeof QUERY_SCHEME_IDS)[number];

export interface SchemeTable {
  /** Default spelling of each letter. */
  letters: Record<string, string>;
  /** е ё ю я є ї at the start of a word, after a vowel, or after ь/ъ. */
  iotated?: Record<string, string>;
  /** и and о right after ь/ъ (Ильич → Iljitsch, Il'ich → Ilyich). */
  afterSoftSign?: Record<string, string>;
  /**
   * Letters after particular consonants, first matching rule wins: ё after ж ч ш щ is o in
   * German (Chruschtschow) and e in English (Khrushchev); Czech е after д т н is ě.
   */
  after?: { consonants: string; map: Record<string, string> }[];
  /** Vowels after any other consonant (Polish ie/io/iu/ia). */
  afterConsonant?: Record<string, string>;
  /** Soft sign after a given consonant at a word end or before a consonant (Polish ń ś ź ć). */
  softenedConsonant?: Record<string, string>;
  /** Polish: л before these letters is l, elsewhere ł. */
  softL?: { hard: string; soft: string; before: string };
  /** Duden: с between vowels is written ss so that it is not read as a voiced s. */
  intervocalicS?: string;
  /** Word-final Cyrillic endings and their spelling, longest first. */
  endings?: [string, string][];
  /** Letter spellings in a word that contains Ukrainian-only letters (і ї є ґ). */
  ukrainian?: Record<string, string>;
}

const SIBILANTS = 'жчшщ';
/** Ukrainian и is a hard vowel like Russian ы, and г is a voiced h. */
const UKRAINIAN_BASE = { і: 'i', ґ: 'g', и: 'y', г: 'h' };

const HUNGARIAN: SchemeTable = {
  // biome-ignore format: one row per alphabet line reads better than one letter per line
  letters: {
    а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'jo', ж: 'zs', з: 'z', и: 'i', й: 'j',
    к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 'sz', т: 't', у: 'u', ф: 'f',
    х: 'h', ц: 'c', ч: 'cs', ш: 's', щ: 'scs', ъ: '', ы: 'i', ь: '', э: 'e', ю: 'ju', я: 'ja',
    і: 'i', ї: 'ji', є: 'je', ґ: 'g', ў: 'u',
  },
  iotated: { е: 'je', ё: 'jo', ю: 'ju', я: 'ja', є: 'je', ї: 'ji' },
  endings: [['вич', 'vics']],
  ukrainian: UKRAINIAN_BASE,
};

export const SCHEMES: Record<SchemeId, SchemeTable> = {
  /** German, after the Duden rules used by German newspapers: Jeschow. */
  duden: {
    // biome-ignore format: one row per alphabet line reads better than one letter per line
    letters: {
      а: 'a', б: 'b', в: 'w', г: 'g', д: 'd', е: 'e', ё: 'jo', ж: 'sch', з: 's', и: 'i', й: 'j',
      к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
      х: 'ch', ц: 'z', ч: 'tsch', ш: 'sch', щ: 'schtsch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'ju',
      я: 'ja', і: 'i', ї: 'ji', є: 'je', ґ: 'g', ў: 'u',
    },
    iotated: { е: 'je', ё: 'jo', ю: 'ju', я: 'ja', є: 'je', ї: 'ji' },
    afterSoftSign: { и: 'ji', о: 'jo' },
    after: [{ consonants: SIBILANTS, map: { ё: 'o' } }],
    intervocalicS: 'ss',
    endings: [
      ['ий', 'i'],
      ['ый', 'y'],
    ],
    ukrainian: UKRAINIAN_BASE,
  },
  /** English, BGN/PCGN as printed in English texts: no diacritics or apostrophes, -sky. */
  bgn: {
    // biome-ignore format: one row per alphabet line reads better than one letter per line
    letters: {
      а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'yo', ж: 'zh', з: 'z', и: 'i', й: 'y',
      к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
      х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu',
      я: 'ya', і: 'i', ї: 'yi', є: 'ye', ґ: 'g', ў: 'w',
    },
    iotated: { е: 'ye', ё: 'yo', ю: 'yu', я: 'ya', є: 'ye', ї: 'yi' },
    afterSoftSign: { и: 'yi', о: 'yo' },
    after: [{ consonants: SIBILANTS, map: { ё: 'e' } }],
    endings: [
      ['ский', 'sky'],
      ['цкий', 'tsky'],
      ['ий', 'iy'],
      ['ый', 'y'],
    ],
    ukrainian: UKRAINIAN_BASE,
  },
  /** Library of Congress (ALA-LC) as usually typed, without its ligatures and breves: Ezhov. */
  loc: {
    // biome-ignore format: one row per alphabet line reads better than one letter per line
    letters: {
      а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i',
      к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
      х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'iu',
      я: 'ia', і: 'i', ї: 'i', є: 'ie', ґ: 'g', ў: 'u',
    },
    ukrainian: UKRAINIAN_BASE,
  },
  /** ISO 9:1995, one Latin letter per Cyrillic letter, diacritics kept: Ežov, Vyšinskij. */
  iso9: {
    // biome-ignore format: one row per alphabet line reads better than one letter per line
    letters: {
      а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'ë', ж: 'ž', з: 'z', и: 'i', й: 'j',
      к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
      х: 'h', ц: 'c', ч: 'č', ш: 'š', щ: 'ŝ', ъ: 'ʺ', ы: 'y', ь: 'ʹ', э: 'è', ю: 'û', я: 'â',
      і: 'ì', ї: 'ï', є: 'ê', ґ: 'g', ў: 'ŭ',
    },
    ukrainian: { г: 'g̀' },
  },
  /** Polish practical transcription (PWN): Jeżow, Wyszynski, Chruszczow. */
  polish: {
    // biome-ignore format: one row per alphabet line reads better than one letter per line
    letters: {
      а: 'a', б: 'b', в: 'w', г: 'g', д: 'd', е: 'e', ё: 'o', ж: 'ż', з: 'z', и: 'i', й: 'j',
      к: 'k', л: 'ł', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
      х: 'ch', ц: 'c', ч: 'cz', ш: 'sz', щ: 'szcz', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'ju',
      я: 'ja', і: 'i', ї: 'ji', є: 'je', ґ: 'g', ў: 'u',
    },
    iotated: { е: 'je', ё: 'jo', ю: 'ju', я: 'ja', є: 'je', ї: 'ji' },
    afterSoftSign: { и: 'ji', о: 'jo' },
    after: [
      { consonants: 'жшц', map: { е: 'e', ё: 'o', и: 'y', ю: 'u', я: 'a' } },
      { consonants: 'чщл', map: { е: 'e', ё: 'o', ю: 'u', я: 'a' } },
    ],
    afterConsonant: { е: 'ie', ё: 'io', ю: 'iu', я: 'ia' },
    softenedConsonant: { н: 'ń', с: 'ś', з: 'ź', т: 'ć', д: 'dź' },
    softL: { hard: 'ł', soft: 'l', before: 'еёюяиьі' },
    endings: [
      ['ский', 'ski'],
      ['цкий', 'cki'],
      ['кий', 'ki'],
      ['гий', 'gi'],
      ['ий', 'ij'],
      ['ый', 'y'],
    ],
    ukrainian: UKRAINIAN_BASE,
  },
  /** Czech transcription: Ježov, Vyšinskij, Chruščov. */
  czech: {
    // biome-ignore format: one row per alphabet line reads better than one letter per line
    letters: {
      а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'jo', ж: 'ž', з: 'z', и: 'i', й: 'j',
      к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f',
      х: 'ch', ц: 'c', ч: 'č', ш: 'š', щ: 'šč', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'ju', я: 'ja',
      і: 'i', ї: 'ji', є: 'je', ґ: 'g', ў: 'u',
    },
    iotated: { е: 'je', ё: 'jo', ю: 'ju', я: 'ja', є: 'je', ї: 'ji' },
    afterSoftSign: { и: 'ji', о: 'jo' },
    after: [
      { consonants: SIBILANTS, map: { ё: 'o' } },
      { consonants: 'дтн', map: { е: 'ě' } },
    ],
    endings: [
      ['ий', 'ij'],
      ['ый', 'yj'],
    ],
    ukrainian: UKRAINIAN_BASE,
  },
  /** Hungarian: с is sz, ш is s, ч is cs, ж is zs (Сабо = Szabó, Шандор = Sándor). */
  hungarian: HUNGARIAN,
  /**
   * Hungarian in the spelling many family names keep from before 1900: ч as ts, ц as cz, and -вич
   * as -vits (Манкович = Mankovits, Маркович = Markovits).
   */
  'hungarian-old': {
    ...HUNGARIAN,
    letters: { ...HUNGARIAN.letters, ч: 'ts', ц: 'cz' },
    endings: [['вич', 'vits']],
  },
};
