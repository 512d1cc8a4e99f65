/**
 * Every string one edit away from a folded word: a letter deleted, two neighbours swapped, a letter
 * replaced or inserted (Damerau–Levenshtein distance 1). Replacements and insertions draw on the
 * alphabet of the word's script (Latin or Cyrillic, as folded names spell them) and the word's
 * own letters. Near spellings are looked up among these first: a few hundred exact lookups in the
 * vocabulary instead of ranking it by shared trigrams.
 */
const LATIN = 'abcdefghijklmnopqrstuvwxyz';
const CYRILLIC = 'абвгдежзийклмнопрстуфхцчшщъыьэюяєіїґў';

export function editsOf(word: string): Set<string> {
  const letters = [...word];
  const alphabet = new Set([...(/[\u0400-\u04ff]/.test(word) ? CYRILLIC : LATIN), ...letters]);
  const out = new Set<string>();
  const n = letters.length;
  const join = (parts: string[]) => parts.join('');
  for (let i = 0; i <= n; i++) {
    const head = letters.slice(0, i);
    const tail = letters.slice(i);
    if (i < n) out.add(join([...head, ...tail.slice(1)]));
    if (i < n - 1) out.add(join([...head, tail[1] as string, tail[0] as string, ...tail.slice(2)]));
    for (const c of alphabet) {
      if (i < n && c !== tail[0]) out.add(join([...head, c, ...tail.slice(1)]));
      out.add(join([...head, c, ...tail]));
    }
  }
  out.delete(word);
  return out;
}
