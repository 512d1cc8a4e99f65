// talisman ships no type definitions; this is the string metric the typo tolerance uses.
declare module 'talisman/metrics/damerau-levenshtein.js' {
  /** Damerau–Levenshtein distance (insertions, deletions, substitutions, adjacent swaps). */
  export default function damerauLevenshtein(a: string, b: string): number;
}
