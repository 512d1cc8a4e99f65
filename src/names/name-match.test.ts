import { describe, expect, it } from 'vitest';
import { analyzeQuery } from './name-keys.ts';
import { type MatchLevel, type ScoringTerm, type StoredName, scoreCeiling, scoreNames } from './name-match.ts';

const name = (given: string, surname: string, extra: Partial<StoredName> = {}): StoredName => ({
  full_name: `${given} ${surname}`,
  given,
  surname,
  patronymic: null,
  kind: 'birth',
  lang: null,
  rank: 'normal',
  ...extra,
});

const terms = (q: string): ScoringTerm[] => analyzeQuery(q).map((t) => ({ ...t, fuzzy: [] }));

describe('scoring a person’s names', () => {
  it('counts the surname once per name, so that exact words reach the ceiling', () => {
    const s = scoreNames(terms('Heinz Neumann'), [name('Heinz', 'Neumann')]);
    // 10 + 10 for the words, 1 for the surname, 6 for both, 0.5 for a one-word surname.
    expect(s.score).toBe(27.5);
    expect(s.explanation?.level).toBe('exact');
  });

  it('has a ceiling no name passes and an exact one reaches, lower the weaker the weakest word', () => {
    const exact: MatchLevel[] = ['exact', 'exact'];
    expect(scoreCeiling(exact, 'exact')).toBe(27.5);
    expect(scoreCeiling(exact, 'variant')).toBe(25.5);
    expect(scoreCeiling(['exact', 'variant'], 'translit')).toBe(23.5);
    // A word that meets names no better than a variant caps the ceiling of every tier.
    expect(scoreCeiling(['variant', 'variant'], 'exact')).toBe(23.5);
    // One word not met at all: no bonus for meeting every word.
    expect(scoreCeiling(exact, null)).toBe(11.5);
    for (const [q, n] of [
      ['Heinz Neumann', name('Heinz', 'Neumann')],
      ['Buber Neumann', name('Margarete', 'Buber-Neumann')],
      ['Müller Müller', name('Hans', 'Müller')],
    ] as const) {
      expect(scoreNames(terms(q), [n]).score).toBeLessThanOrEqual(scoreCeiling(['exact', 'exact'], 'exact'));
    }
  });
});
