import type { Rng } from './prng.ts';

/*
 * The mistakes clerks made when they wrote a foreign name down: double letters dropped or added,
 * ie/ei swapped, tz for z, umlauts spelled out or lost, Polish and Hungarian letters lost,
 * Cyrillic ей/ай and е/э confused. Each function changes a name once, or returns null when none
 * of its mistakes applies.
 */

type Mistake = readonly [RegExp, string];

const LATIN: readonly Mistake[] = [
  [/([bdfgklmnprt])\1/, '$1'],
  [/([aeiouäöü])([lmnrt])([aeiou])/, '$1$2$2$3'],
  [/ie/, 'ei'],
  [/ei/, 'ie'],
  [/tz/, 'z'],
  [/([aeiou])z/, '$1tz'],
  [/dt$/, 't'],
  [/tt$/, 'dt'],
  [/ck/, 'k'],
  [/ß/, 'ss'],
  [/ss/, 'ß'],
  [/ü/, 'ue'],
  [/ö/, 'oe'],
  [/ä/, 'ae'],
  [/ü/, 'u'],
  [/ö/, 'o'],
  [/ph/, 'f'],
  [/th/, 't'],
  [/^C/, 'K'],
  [/^K/, 'C'],
  [/v/, 'w'],
  [/w/, 'v'],
  [/ey/, 'ei'],
  [/ei/, 'ai'],
  [/ai/, 'ei'],
  [/ay/, 'ai'],
  [/mann$/, 'man'],
  [/man$/, 'mann'],
  [/f$/, 'ff'],
  [/ff$/, 'f'],
  [/sch/, 'sh'],
  // Polish and Hungarian letters lost, or German spellings of Polish sounds.
  [/ś/, 's'],
  [/ł/, 'l'],
  [/ż/, 'z'],
  [/ź/, 'z'],
  [/ć/, 'c'],
  [/ń/, 'n'],
  [/ą/, 'a'],
  [/ę/, 'e'],
  [/ó/, 'o'],
  [/sz/, 'sch'],
  [/cz/, 'tsch'],
  [/ski$/, 'sky'],
  [/wicz$/, 'witsch'],
  [/á/, 'a'],
  [/é/, 'e'],
  [/ő/, 'ö'],
  [/ű/, 'ü'],
  [/cs/, 'tsch'],
  [/y$/, 'i'],
];

const CYRILLIC: readonly Mistake[] = [
  [/([бвгдклмнпрстф])\1/, '$1'],
  [/([аеиоу])([лмнрт])([аеиоу])/, '$1$2$2$3'],
  [/Мю/, 'Ми'],
  [/ю/, 'у'],
  [/ей/, 'ай'],
  [/ай/, 'ей'],
  [/э/, 'е'],
  [/^Э/, 'Е'],
  [/ь/, ''],
  [/л([бвгдкмнпрстфхцчш])/, 'ль$1'],
  [/ё/, 'е'],
  [/ё/, 'ьо'],
  [/ц/, 'тс'],
  [/ы/, 'и'],
  [/^Г/, 'Х'],
  [/^Х/, 'Г'],
  [/дт$/, 'т'],
  [/т$/, 'дт'],
  [/^Ф/, 'В'],
  [/ий$/, 'и'],
  [/ая$/, 'а'],
  [/^Ш([тп])/, 'С$1'],
  [/к$/, 'г'],
  // Seen beside the right form in one file: Шида as Шид and Шиде, Губачек as Кубачек.
  [/а$/, ''],
  [/а$/, 'е'],
  [/^Г/, 'К'],
  // Vowels of a foreign name confused: о heard as а, е and и swapped.
  [/о/, 'а'],
  [/([^аеиоуыэюя])е([^аеиоуыэюя]+)$/, '$1и$2'],
  [/([^аеиоуыэюя])и([^аеиоуыэюя]+)$/, '$1е$2'],
];

function apply(name: string, mistakes: readonly Mistake[], rng: Rng): string | null {
  // Try mistakes from a random starting point so every applicable one gets its turn.
  const start = rng.int(mistakes.length);
  for (let k = 0; k < mistakes.length; k++) {
    const [pattern, replacement] = mistakes[(start + k) % mistakes.length] as Mistake;
    if (pattern.test(name)) {
      const changed = name.replace(pattern, replacement);
      if (changed !== name) return changed;
    }
  }
  return null;
}

/** A clerk's misspelling of a Latin-script name. */
export function misspellLatin(name: string, rng: Rng): string | null {
  return apply(name, LATIN, rng);
}

/** A clerk's misspelling of a Cyrillic name. */
export function misspellCyrillic(name: string, rng: Rng): string | null {
  return apply(name, CYRILLIC, rng);
}

/** Every misspelling of a Cyrillic name that misspellCyrillic can make. */
export function cyrillicMisspellings(name: string): string[] {
  const out = new Set<string>();
  for (const [pattern, replacement] of CYRILLIC) {
    const changed = name.replace(pattern, replacement);
    if (changed !== name) out.add(changed);
  }
  return [...out];
}

/** A typing slip: two neighbouring letters swapped, or one dropped. */
export function typo(name: string, rng: Rng): string | null {
  if (name.length < 5) return null;
  const i = 1 + rng.int(name.length - 3);
  const a = name[i] as string;
  const b = name[i + 1] as string;
  if (a === b || !/\p{Ll}/u.test(a) || !/\p{Ll}/u.test(b)) return null;
  return rng.chance(0.5) ? name.slice(0, i) + b + a + name.slice(i + 2) : name.slice(0, i) + name.slice(i + 1);
}
