import { foldName } from './normalize.ts';

/**
 * Trigrams of a name token for typo-tolerant matching, padded as PostgreSQL's pg_trgm pads
 * words (two spaces before, one after), so that short names and word starts count:
 * "Neuman" → "  n", " ne", "neu", "eum", "uma", "man", "an ". The token is folded first.
 */
export function trigrams(token: string): string[] {
  const folded = foldName(token).replace(/ /g, '');
  if (folded === '') return [];
  const chars = Array.from(`  ${folded} `);
  const out = new Set<string>();
  for (let i = 0; i + 3 <= chars.length; i++) out.add(chars[i]! + chars[i + 1]! + chars[i + 2]!);
  return [...out];
}
