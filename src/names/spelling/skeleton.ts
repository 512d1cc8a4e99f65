/**
 * Cross-script "skeleton" keys: one string for all the ways a name's sounds are spelled in the
 * German, English, Polish, Czech and library (LoC, ISO 9) conventions, in Yiddish-derived Latin
 * spellings, and in Cyrillic. Yezhov, Ezhov, Jeschow, Ежов, Ježov and Jeżow all give "exev".
 *
 * A token is first *read* into phoneme symbols, then vowels are reduced to coarse classes.
 *
 * Readings. The same Latin letters mean different sounds in different conventions (z is /ts/
 * in German and /z/ elsewhere; ch is /x/ in German, Polish and Czech and /tʃ/ in English), so a
 * Latin token is read three ways, German, English and Slavic (Polish/Czech/ISO 9), and gives one
 * key per distinct reading (most names give one or two). A Russian token gives one key with г as
 * g, and one with its first г as h (Гофман = Hoffmann, Гейне = Heine, Гамбург = Hamburg);
 * Ukrainian г is always h.
 *
 * Consonant classes (key letter: spellings):
 *   x: sh sch sz š ш, and zh ż ž rz ж (German writes both as sch)
 *   q: ch (English) tsch cz č ч;   щ = xq (shch, schtsch, szcz, šč, ŝ)
 *   h: h kh х, ch (German, Polish, Czech);   c: ts tz ц, z (German), c (Slavic)
 *   s: s ss ß з с, z (non-German);   v: v w в (German reading: v is f);   f: f ph ф
 *   k: k ck q, c before a/o/u/consonants;   t: t th;   ks: x;   kv: qu
 *   -of/-off/-ef/-eff at the end are -ov (Romanoff = Romanov); German initial st/sp are xt/xp
 *   (Stern = Штерн); German h after a vowel is silent (Lehmann = Леман); ř is rx (Dvořák =
 *   Дворжак). Every other consonant is itself. Doubled symbols collapse (Neumann = Neuman).
 *
 * Vowels. y and i next to a vowel, й, j, ь/ъ before a vowel are glides. Glides at the start of a
 * vowel run are dropped, and so is i before another vowel: я, ия, ья after a consonant are ya,
 * iya, ia, ja, iia in one convention or another (Bliznyak = Blizniak, Beria = Beriya = Берия,
 * Yuryev = Iurev = Jurjew). After a dropped glide, and after x or q, o is e (ё: Pjotr = Petr,
 * Chruschtschow = Khrushchev). A run of vowels and glides then becomes one letter: a; e (e ä ö ø
 * э); i (i y ы ii ij iy ий ый: Vyshinskii = Vyshinsky = Вышинский); o; u (u ü ue ю); w for au
 * (Naumann = Науман); y for every other run of two or more starting with a, e or o (ei ai ey ay
 * eu äu oi ой ей ай ee ae: Neumann = Нейман = Neyman, Harzheim = Харцхайм, Sergeev = Sergejew =
 * Сергеев). Neumann (nyman) and Naumann (nwman) stay apart; phonetic keys join them.
 *
 * Measured on the lists in name-lists.fixture.ts: 22 of 466 distinct surnames share a key with
 * another, nearly all true variants (Meyer/Maier/Mayer, Kohn/Cohn, Wolf/Wolff, Feinberg/
 * Faynberg); the false ones are Sander/Zander, Reuter/Reiter, Köhler/Keller, Vetter/Fetter.
 * Known gap: Polish writes ё after л as o (Korolow for Королёв), which no key can tell from o.
 */

type Rule = [from: string, to: string | ((s: string, i: number) => string | null)];

const VOWEL = /[aeiouy]/;
const isVowel = (ch: string | undefined) => ch !== undefined && VOWEL.test(ch);
const isConsonant = (ch: string | undefined) => ch !== undefined && /[a-zSC]/.test(ch) && !VOWEL.test(ch);

/** Letters read the same in every convention, before diacritics are stripped. */
// biome-ignore format: a table reads better as rows
const LATIN_LETTERS: Record<string, string> = {
  ß: 'ss', ł: 'l', ø: 'e', æ: 'e', œ: 'e', ð: 'd', þ: 't', đ: 'd', ı: 'i', ä: 'e', ö: 'e', ő: 'e',
  ü: 'u', ű: 'u', š: 'S', ž: 'S', ż: 'S', ź: 'z', č: 'C', ć: 't', ś: 's', ŝ: 'SC', ř: 'rS', ě: 'je',
  â: 'ja', û: 'ju', ë: 'jo', ï: 'ji', ê: 'je',
};

/** Spellings that mean one sound wherever they occur (no convention uses them otherwise). */
// biome-ignore format: a table reads better as rows
const COMMON: Rule[] = [
  ['shch', 'SC'], ['tsch', 'C'], ['sch', 'S'], ['sh', 'S'], ['zh', 'S'], ['kh', 'h'], ['szcz', 'SC'],
  ['sz', 'S'], ['cz', 'C'], ['ts', 'c'], ['tz', 'c'], ['ph', 'f'], ['th', 't'], ['qu', 'kv'], ['x', 'ks'],
  ['q', 'k'], ['w', 'v'],
];

/** Reading-specific rules come first: for equal lengths the earlier rule wins. */
// biome-ignore format: a table reads better as rows
const GERMAN: Rule[] = [
  // German writes ж as sch, so zh, sh and kh are compound seams: Harzheim, Haushofer, Burkhardt.
  ['zh', 'ch'], ['sh', 'sh'], ['kh', 'kh'],
  ['chs', 'ks'], ['ch', 'h'], ['ck', 'k'], ['z', 'c'], ['v', 'f'],
  ['st', (_, i) => (i === 0 ? 'St' : null)],
  ['sp', (_, i) => (i === 0 ? 'Sp' : null)],
  ['ie', 'i'],
  ['ae', (s, i) => (isConsonant(s[i - 1]) ? 'e' : null)],
  ['oe', (s, i) => (isConsonant(s[i - 1]) ? 'e' : null)],
  ['ue', (s, i) => (isConsonant(s[i - 1]) && s[i - 1] !== 'q' ? 'u' : null)],
  ['c', (s, i) => (/[eiy]/.test(s[i + 1] ?? '') ? 'c' : 'k')],
  ['h', (s, i) => (isVowel(s[i - 1]) && !isVowel(s[i + 1]) ? '' : null)],
  ...COMMON,
];

// biome-ignore format: a table reads better as rows
const ENGLISH: Rule[] = [
  ['tch', 'C'], ['ch', 'C'], ['ck', 'k'], ['z', 's'],
  ['c', (s, i) => (/[eiy]/.test(s[i + 1] ?? '') ? 's' : 'k')],
  ...COMMON,
];

/**
 * Polish and Czech, and ISO 9 once its letters are mapped: c is ц, -cki is -цкий. A Czech
 * diminutive written without its háček is still -ček (Hubacek = Губачек, Wasicek = Васичек).
 */
const SLAVIC: Rule[] = [
  ['rz', 'S'],
  ['ch', 'h'],
  ['z', 's'],
  ['cek', (s, i) => (i + 3 === s.length ? 'Cek' : null)],
  ['cik', (s, i) => (i + 3 === s.length ? 'Cik' : null)],
  ...COMMON,
];

/**
 * How Soviet clerks heard German and Hungarian names that the readings above miss, each an extra
 * reading for the words it applies to (from real pairs, data/soviet-spellings/): st and sp at the
 * start of a compound's second part (Binnenstein = Бинненштейн, Goldstein = Гольдштейн), ü and ue
 * unrounded to и as Yiddish speakers said them (Hübsch = Хибш), and Hungarian sz, s, cs, zs
 * (Szabo = Сабо, Laszka = Ласка).
 */
const CLERKS: { applies: RegExp; rules: Rule[]; keepsUmlaut?: true }[] = [
  {
    applies: /[^aeiouys]s[tp](?=[aeiouyäöü])/,
    rules: [
      ['st', (s, i) => (i === 0 || isConsonant(s[i - 1]) ? 'St' : null)],
      ['sp', (s, i) => (i === 0 || isConsonant(s[i - 1]) ? 'Sp' : null)],
      ...GERMAN_WITHOUT_STSP(),
    ],
  },
  // ü is read here before it is folded away: it stands as U, a symbol no reading leaves behind.
  { applies: /ü|(?<=[^aeiouyq])ue/, rules: [['U', 'i'], ['ue', 'i'], ...GERMAN_WITHOUT_STSP()], keepsUmlaut: true },
  {
    applies: /sz|cs|zs/,
    rules: [
      ['sz', 's'],
      ['cs', 'C'],
      ['zs', 'S'],
      ['gy', 'dj'],
      ['ly', 'j'],
      ['s', 'S'],
      ['c', 'c'],
      ['z', 'z'],
      ...COMMON,
    ],
  },
];

/** The German reading without its initial st/sp rules, for readings that decide those themselves. */
function GERMAN_WITHOUT_STSP(): Rule[] {
  return GERMAN.filter(([from]) => from !== 'st' && from !== 'sp');
}

/** Rules grouped by first letter, longest first, so a reading tries few rules per position. */
function compile(rules: Rule[]): Map<string, Rule[]> {
  const byFirst = new Map<string, Rule[]>();
  for (const rule of [...rules].sort((a, b) => b[0].length - a[0].length) /* stable */) {
    const list = byFirst.get(rule[0][0]!) ?? [];
    list.push(rule);
    byFirst.set(rule[0][0]!, list);
  }
  return byFirst;
}

const READINGS = [GERMAN, ENGLISH, SLAVIC].map(compile);
const CLERK_READINGS = CLERKS.map((c) => ({ ...c, rules: compile(c.rules) }));

function read(s: string, rules: Map<string, Rule[]>): string {
  let out = '';
  let i = 0;
  outer: while (i < s.length) {
    for (const [from, to] of rules.get(s[i]!) ?? []) {
      if (!s.startsWith(from, i)) continue;
      const spelled = typeof to === 'string' ? to : to(s, i);
      if (spelled === null) continue;
      out += spelled;
      i += from.length;
      continue outer;
    }
    out += s[i];
    i++;
  }
  return out.replace(/([oe])ff?$/, '$1v');
}

// biome-ignore format: a table reads better as rows
const CYRILLIC: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'jo', ж: 'S', з: 's', и: 'i', й: 'j', к: 'k',
  л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'h', ц: 'c',
  ч: 'C', ш: 'S', щ: 'SC', ъ: '', ы: 'i', ь: '', э: 'e', ю: 'ju', я: 'ja', і: 'i', ї: 'ji', є: 'je',
  ґ: 'g', ў: 'u',
};
const CYRILLIC_VOWELS = 'аеёиоуыэюяіїєў';

/** Russian/Ukrainian token → phoneme symbols, with г spelled `g`. */
function readCyrillic(s: string, firstG: string, otherG: string): string {
  let out = '';
  let seenG = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const prev = s[i - 1];
    const next = s[i + 1];
    if (ch === 'г') {
      out += seenG ? otherG : firstG;
      seenG = true;
    } else if (ch === 'е' && (prev === undefined || CYRILLIC_VOWELS.includes(prev))) {
      out += 'je';
    } else if ((ch === 'ь' || ch === 'ъ') && next !== undefined && CYRILLIC_VOWELS.includes(next)) {
      out += 'j';
    } else {
      out += CYRILLIC[ch] ?? '';
    }
  }
  return out;
}

/** Glides, vowel classes and doubled symbols, common to every reading. */
function reduce(symbols: string): string {
  const s = symbols.replace(/y(?=[aeiou])|(?<=[aeiou])y/g, 'j').replace(/y/g, 'i');
  let out = '';
  let i = 0;
  while (i < s.length) {
    const ch = s[i]!;
    if (!VOWEL_OR_GLIDE.test(ch)) {
      if (ch !== out[out.length - 1]) out += ch;
      i++;
      continue;
    }
    let end = i;
    while (end < s.length && VOWEL_OR_GLIDE.test(s[end]!)) end++;
    const symbol = vowelClass(s.slice(i, end), s[i - 1]);
    i = end;
    if (symbol !== '' && symbol !== out[out.length - 1]) out += symbol;
  }
  // Lowercase letters no reading leaves behind, so keys survive case-insensitive storage.
  return out.replace(/[SCDW]/g, (symbol) => OUTPUT[symbol]!);
}

const OUTPUT: Record<string, string> = { S: 'x', C: 'q', D: 'y', W: 'w' };
const VOWEL_OR_GLIDE = /[aeiouj]/;

/**
 * One symbol for a run of vowels and glides. Leading i/j before another vowel is palatalization
 * and goes: я, ия, ья after a consonant are ya, iya, ia, ja, iia in one convention or another
 * (Bliznyak = Blizniak, Beriya = Beria = Berija = Берия, Dmitriev = Dmitriyev).
 */
function vowelClass(run: string, before: string | undefined): string {
  const vowels = run.replace(/^[ij]+(?=[aeou])/, '').replace(/^j+/, '');
  if (vowels === '') return '';
  const dropped = vowels.length < run.length;
  let first = vowels[0]!;
  if (first === 'o' && ((dropped && before !== undefined) || before === 'S' || before === 'C')) first = 'e';
  if (vowels.length === 1 || first === 'i' || first === 'u') return first;
  // Sergeev = Sergeyev = Сергеев, Neumann = Нейман, Harzheim = Харцхайм: all one class.
  return first === 'a' && vowels[1] === 'u' ? 'W' : 'D';
}

const CYRILLIC_TEXT = /[\u0400-\u04ff]/;
const UKRAINIAN_ONLY = /[іїєґ]/;

/**
 * Skeleton keys of one name token (as written: diacritics such as š and ż matter), one per
 * distinct reading; [] when nothing is left. See the module comment for the classes.
 * `ukrainian` reads a Cyrillic token as Ukrainian (г = h) even without і ї є ґ in it.
 */
export function skeletonKeys(token: string, options: { ukrainian?: boolean } = {}): string[] {
  const lower = token.toLowerCase().normalize('NFC');
  const keys = new Set<string>();
  if (CYRILLIC_TEXT.test(lower)) {
    const letters = lower.replace(/[^\u0400-\u04ff]/g, '');
    if (options.ukrainian || UKRAINIAN_ONLY.test(letters)) {
      keys.add(reduce(readCyrillic(letters, 'h', 'h')));
    } else {
      keys.add(reduce(readCyrillic(letters, 'g', 'g')));
      if (letters.includes('г')) keys.add(reduce(readCyrillic(letters, 'h', 'g')));
    }
  } else {
    let latin = '';
    for (const ch of lower) latin += LATIN_LETTERS[ch] ?? ch;
    latin = latin.normalize('NFKD').replace(/[^a-zSC]/g, '');
    for (const rules of READINGS) keys.add(reduce(read(latin, rules)));
    for (const { applies, rules, keepsUmlaut } of CLERK_READINGS) {
      if (!applies.test(lower)) continue;
      let marked = latin;
      if (keepsUmlaut) {
        marked = '';
        for (const ch of lower) marked += ch === 'ü' ? 'U' : (LATIN_LETTERS[ch] ?? ch);
        marked = marked.normalize('NFKD').replace(/[^a-zSCU]/g, '');
      }
      keys.add(reduce(read(marked, rules)));
    }
  }
  keys.delete('');
  return [...keys];
}
