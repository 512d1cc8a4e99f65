/**
 * Folding and tokenizing of personal names.
 *
 * A folded name is lowercase, has no diacritics and no punctuation, and keeps each script's own
 * letters: Latin is reduced to a–z (plus the letters NFKD cannot decompose, spelled out below),
 * Cyrillic stays Cyrillic with ё→е but й, ї and ў kept, because they are distinct letters there
 * and the transliteration schemes need them.
 */

/** Letters that NFKD does not decompose into a base letter plus marks. */
const SPELLED_OUT: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  ł: 'l',
  ø: 'o',
  ð: 'd',
  þ: 'th',
  æ: 'ae',
  œ: 'oe',
  đ: 'd',
  ı: 'i',
  ħ: 'h',
  ŀ: 'l',
  ĸ: 'k',
  // Cyrillic letters whose NFKD form would lose the mark that makes them a letter of their own.
  й: 'й',
  ї: 'ї',
  ў: 'ў',
  ё: 'е',
};

/** Apostrophes, primes and accents used inside names (O'Brien, Il'ich, ISO 9 ʹ ʺ): dropped. */
const APOSTROPHES = new Set(["'", '’', '‘', '`', '´', 'ʹ', 'ʺ', 'ʻ', 'ʼ', 'ˈ', '′', '″']);
/** Characters that join the parts of a double name (Buber-Neumann). Dashes – — separate instead. */
const HYPHENS = new Set(['-', '‐', '‑', '\u00ad']);

const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const FORMAT = /\p{Cf}/u;
const MARKS = /\p{M}/gu;

const HYPHEN = '-';
/**
 * HYPHENS by code, and folded characters by code point: numbers, which V8 hashes far faster than
 * the one-character strings it makes for each letter read.
 */
const HYPHEN_CODES = new Set([...HYPHENS].map((h) => h.charCodeAt(0)));
const charCache = new Map<number, string>();

/** Folds one character (non-ASCII, not a hyphen) to '', ' ' or one or more letters. */
function foldChar(ch: string): string {
  const point = ch.codePointAt(0) as number;
  const cached = charCache.get(point);
  if (cached !== undefined) return cached;
  let out: string;
  if (APOSTROPHES.has(ch) || FORMAT.test(ch)) {
    out = '';
  } else {
    const lower = ch.toLowerCase();
    const spelled = SPELLED_OUT[lower];
    if (spelled !== undefined) {
      out = spelled;
    } else {
      out = '';
      for (const c of lower.normalize('NFKD').replace(MARKS, '').toLowerCase()) {
        out += SPELLED_OUT[c] ?? (LETTER_OR_DIGIT.test(c) ? c : ' ');
      }
    }
  }
  if (charCache.size < 10_000) charCache.set(point, out);
  return out;
}

/** Folds `s`; hyphens become '-' when `keepHyphens`, else spaces. Spaces are not collapsed. */
function foldRaw(s: string, keepHyphens: boolean): string {
  let out = '';
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    if (code < 128) {
      if (code >= 97 && code <= 122) out += ch;
      else if (code >= 65 && code <= 90) out += String.fromCharCode(code + 32);
      else if (code >= 48 && code <= 57) out += ch;
      else if (ch === "'" || ch === '`') continue;
      else out += ch === HYPHEN && keepHyphens ? HYPHEN : ' ';
    } else if (HYPHEN_CODES.has(code)) {
      // A soft hyphen is a line-breaking hint inside one word, not a join of two names.
      if (ch !== '\u00ad') out += keepHyphens ? HYPHEN : ' ';
    } else {
      out += foldChar(ch);
    }
  }
  return out;
}

/**
 * Lowercase, diacritic-free, punctuation-free form of a name: "Buber-Neumann" → "buber neumann",
 * "Łódź" → "lodz", "O'Brien" → "obrien", "Хрущёв" → "хрущев".
 */
export function foldName(s: string): string {
  return foldRaw(s, false).replace(/ +/g, ' ').trim();
}

export interface Token {
  /** Folded token, as indexed. */
  folded: string;
  /** The token as written (needed for umlauts and the diacritics that skeleton keys read). */
  raw: string;
  /** True for the joined form of a hyphenated name ("buberneumann"). */
  joined: boolean;
}

const WORD = /[^\s,;:./\\|()[\]{}<>"«»„“”!?&+*=#~^@$%§]+/gu;

/**
 * The words of `s`, each as its tokens: one part, or for a hyphenated name each part and then
 * the joined form ("Buber-Neumann" → buber, neumann, buberneumann). Whitespace and punctuation
 * other than hyphens and apostrophes separate words.
 */
export function words(s: string): Token[][] {
  const out: Token[][] = [];
  for (const match of s.matchAll(WORD)) {
    const parts: Token[] = [];
    for (const raw of splitHyphens(match[0])) {
      const folded = foldRaw(raw, false).trim();
      if (folded === '') continue;
      // Symbols inside a word (e.g. "Neu♦mann") fold to spaces; each piece is then a part.
      if (folded.includes(' ')) {
        for (const piece of folded.split(/ +/)) parts.push({ folded: piece, raw: piece, joined: false });
      } else {
        parts.push({ folded, raw, joined: false });
      }
    }
    if (parts.length > 1) {
      parts.push({ folded: parts.map((p) => p.folded).join(''), raw: parts.map((p) => p.raw).join(''), joined: true });
    }
    if (parts.length > 0) out.push(parts);
  }
  return out;
}

/** All tokens of `s` in order (see {@link words}). */
export function tokenize(s: string): Token[] {
  return words(s).flat();
}

function splitHyphens(word: string): string[] {
  let parts: string[] = [word];
  for (const h of HYPHENS) {
    if (h !== '\u00ad' && word.includes(h)) parts = parts.flatMap((p) => p.split(h));
  }
  return parts;
}

/** Folded word tokens of `s` (see {@link tokenize}), without duplicates. */
export function tokens(s: string): string[] {
  return [...new Set(tokenize(s).map((t) => t.folded))];
}

const UMLAUT_EXPANSION: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue' };
/** ae/oe/ue after a consonant and before a consonant, not in -ael/-oel/-uel (Michael, Samuel, Joel). */
const UMLAUT_SPELLED = /(?<=[bcdfghjklmnprstvwxzß])([aou])e(?=[bcdfghjkmnpqrstvwxzß]|l(?!$))/g;

/**
 * Other folded spellings of a German name with an umlaut: "Thüring" → thuering (the folded
 * form is thuring); "Thuering" → thuring. Stored names index these as variants and queries
 * look them up, so Thüring, Thuering and Thuring all meet.
 */
export function umlautVariants(raw: string): string[] {
  const lower = raw.toLowerCase().normalize('NFC');
  const folded = foldName(lower);
  const out = new Set<string>();
  if (/[äöü]/.test(lower)) out.add(foldName(lower.replace(/[äöü]/g, (c) => UMLAUT_EXPANSION[c] ?? c)));
  const contracted = folded.replace(UMLAUT_SPELLED, '$1');
  if (contracted !== folded) out.add(contracted);
  out.delete(folded);
  return [...out];
}

/** True when `s` contains a Cyrillic letter. */
export function hasCyrillic(s: string): boolean {
  return /[\u0400-\u04ff]/.test(s);
}
