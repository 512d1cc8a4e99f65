import damerauLevenshtein from 'talisman/metrics/damerau-levenshtein.js';
import { describe, expect, it } from 'vitest';
import { editsOf } from './edits.ts';

describe('the strings one edit from a word', () => {
  it('holds deletions, swaps of neighbours, replacements and insertions', () => {
    const edits = editsOf('hagen');
    for (const near of [
      'agen',
      'hgen',
      'haen',
      'ahgen',
      'haegn',
      'hagne',
      'hagan',
      'hägen',
      'hagenn',
      'xhagen',
      'hageny',
    ]) {
      expect(edits.has(near)).toBe(near !== 'hägen');
    }
    expect(edits.has('hagen')).toBe(false);
    expect(edits.has('hgaen')).toBe(true);
  });

  it('is exactly the words at distance one over its alphabet', () => {
    for (const word of ['neumann', 'фабиш', 'koch']) {
      const edits = editsOf(word);
      for (const e of edits) expect(damerauLevenshtein(e, word)).toBe(1);
      // Every single replacement within the script is there: 1 + (alphabet - 1) per position.
      expect(
        [...edits].filter(
          (e) =>
            e.length === word.length &&
            damerauLevenshtein(e, word) === 1 &&
            [...e].filter((c, i) => c !== word[i]).length === 1,
        ).length,
      ).toBeGreaterThan(word.length * 20);
    }
  });

  it('spells Cyrillic words with Cyrillic letters', () => {
    expect(editsOf('ежов').has('ежоф')).toBe(true);
    expect(editsOf('ежов').has('ежоv')).toBe(false);
  });
});
