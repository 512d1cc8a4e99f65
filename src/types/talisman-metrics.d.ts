// talisman ships no type definitions; this is the string metric the typo tolerance uses.
declare module 'talisman/metrics/damerau-levenshtein.js' {
  /** Damerau–Levenshtein distance (insertions, deletions, substitutions, adjacent swaps). */
  export default function damerauLevenshtein(a: string, b: string): number;
}

declare module 'talisman/metrics/jaro-winkler.js' {
  /** Jaro–Winkler similarity, 0 (nothing alike) to 1 (the same), favouring a shared beginning. */
  export default function jaroWinkler(a: string, b: string): number;
}
