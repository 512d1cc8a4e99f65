/**
 * Cyrillic → Latin transliteration in the conventions found in sources and typed by users.
 * Each scheme is a table in transliteration-schemes.ts; this file applies the context rules.
 * Non-Cyrillic characters pass through unchanged, and case follows the source letter.
 */
import { QUERY_SCHEME_IDS, SCHEME_IDS, SCHEMES, type SchemeId, type SchemeTable } from './transliteration-schemes.ts';

export { QUERY_SCHEME_IDS, SCHEME_IDS, type SchemeId };

const CYRILLIC_LETTER = /[\u0400-\u04ff]/;
const VOWELS = new Set('аеёиоуыэюяіїєў');
const SIGNS = new Set('ьъ');
const UKRAINIAN_ONLY = /[іїєґ]/;
const UKRAINIAN_LETTERS = Object.fromEntries(
  [...SCHEME_IDS, ...QUERY_SCHEME_IDS].map((id) => [id, { ...SCHEMES[id].letters, ...SCHEMES[id].ukrainian }]),
) as Record<SchemeId, Record<string, string>>;

function isCyrillicLetter(ch: string | undefined): ch is string {
  return ch !== undefined && CYRILLIC_LETTER.test(ch);
}

export interface TransliterateOptions {
  /** Treat every word as Ukrainian (г = h, и = y); otherwise only words with і ї є ґ are. */
  ukrainian?: boolean;
}

/** Transliterates every Cyrillic word in `text` with `scheme`: ("Ежов", "duden") → "Jeschow". */
export function transliterate(text: string, scheme: SchemeId, options: TransliterateOptions = {}): string {
  const table = SCHEMES[scheme];
  return text.replace(/[\u0400-\u04ff]+/g, (word) => {
    const isUkrainian = options.ukrainian || UKRAINIAN_ONLY.test(word.toLowerCase());
    return transliterateWord(word, table, isUkrainian ? UKRAINIAN_LETTERS[scheme] : table.letters);
  });
}

/** The transliterations of `text` in every scheme, keyed by scheme id. */
export function transliterateAll(
  text: string,
  options: TransliterateOptions = {},
): Record<(typeof SCHEME_IDS)[number], string> {
  const out = {} as Record<(typeof SCHEME_IDS)[number], string>;
  for (const id of SCHEME_IDS) out[id] = transliterate(text, id, options);
  return out;
}

function transliterateWord(word: string, table: SchemeTable, letters: Record<string, string>): string {
  const lower = word.toLowerCase();
  const allCaps = word.length > 1 && word === word.toUpperCase();

  let end = lower.length;
  let ending = '';
  for (const [suffix, spelling] of table.endings ?? []) {
    // Only a real ending: "Ий" alone is not a surname with the -ий suffix.
    if (lower.length > suffix.length + 1 && lower.endsWith(suffix)) {
      end = lower.length - suffix.length;
      ending = spelling;
      break;
    }
  }

  let out = '';
  for (let i = 0; i < end; i++) {
    const spelled = spellLetter(lower, i, letters, table);
    out += restoreCase(spelled, word[i]!, allCaps);
  }
  if (ending !== '') out += restoreCase(ending, word[end]!, allCaps);
  return out;
}

function spellLetter(w: string, i: number, letters: Record<string, string>, table: SchemeTable): string {
  const ch = w[i]!;
  const prev = w[i - 1];
  const next = w[i + 1];
  const afterSign = prev !== undefined && SIGNS.has(prev);

  if (afterSign && table.afterSoftSign?.[ch] !== undefined) return table.afterSoftSign[ch];
  if (table.iotated?.[ch] !== undefined && (prev === undefined || VOWELS.has(prev) || afterSign)) {
    return table.iotated[ch];
  }
  if (prev !== undefined && !VOWELS.has(prev) && !SIGNS.has(prev)) {
    for (const rule of table.after ?? []) {
      const spelled = rule.map[ch];
      if (spelled !== undefined && rule.consonants.includes(prev)) return spelled;
    }
    const spelled = table.afterConsonant?.[ch];
    if (spelled !== undefined) return spelled;
  }
  if (ch === 'л' && table.softL) {
    return next !== undefined && table.softL.before.includes(next) ? table.softL.soft : table.softL.hard;
  }
  if (ch === 'с' && table.intervocalicS && prev && next && VOWELS.has(prev) && VOWELS.has(next)) {
    return table.intervocalicS;
  }
  // Polish writes a soft н с з т д as ń ś ź ć dź, unless a vowel follows and carries the softness.
  const softened = next === 'ь' ? table.softenedConsonant?.[ch] : undefined;
  if (softened !== undefined && (w[i + 2] === undefined || !VOWELS.has(w[i + 2]!))) return softened;
  return letters[ch] ?? (isCyrillicLetter(ch) ? '' : ch);
}

function restoreCase(spelled: string, source: string, allCaps: boolean): string {
  if (source === source.toLowerCase()) return spelled;
  if (allCaps) return spelled.toUpperCase();
  return spelled.charAt(0).toUpperCase() + spelled.slice(1);
}
