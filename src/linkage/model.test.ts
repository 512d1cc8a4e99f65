import { describe, expect, it } from 'vitest';
import type { Comparison } from './comparisons.ts';
import { estimateFromRows, estimateM, estimateNameM, estimateU, matchWeight, PRIORS, probabilityOf } from './model.ts';

/** A pair's comparison with the given levels, every other comparison missing. */
function pair(levels: Partial<Record<keyof Comparison, string>>): Comparison {
  const all = ['surname', 'given', 'patronymic', 'birth', 'birthPlace', 'arrest', 'death'] as const;
  return Object.fromEntries(all.map((c) => [c, { level: levels[c] ?? 'missing' }])) as unknown as Comparison;
}

describe('the Fellegi–Sunter model', () => {
  it('adds each comparison’s log2(m/u) to the prior, nothing for a missing value', () => {
    const { weight, parts } = matchWeight(PRIORS, pair({ surname: 'exact', birth: 'day' }));
    expect(parts.map((p) => p.comparison)).toEqual(['prior', 'surname', 'birth']);
    const expected = Math.log2(PRIORS.lambda / (1 - PRIORS.lambda)) + Math.log2(0.55 / 0.002) + Math.log2(0.4 / 0.0001);
    expect(weight).toBeCloseTo(expected, 6);
    expect(probabilityOf(0)).toBe(0.5);
  });

  it('weighs a date level among the levels its precision can reach: a year agreeing where only years were given', () => {
    const birth = (level: string, precision?: 'day' | 'month' | 'year') => {
      const c = pair({ birth: level });
      if (precision) c.birth.precision = precision;
      return matchWeight(PRIORS, c).parts.find((p) => p.comparison === 'birth')!.weight;
    };
    const { m, u } = PRIORS;
    const atYear = (levels: typeof m.birth) =>
      (levels.year ?? 0) + (levels['year±1'] ?? 0) + (levels['year±3'] ?? 0) + (levels.different ?? 0);
    expect(birth('year', 'year')).toBeCloseTo(Math.log2(0.3 / atYear(m.birth) / (0.03 / atYear(u.birth))), 6);
    expect(birth('year', 'year')).toBeGreaterThan(birth('year') + 0.8);
    // Compared to the day, a birth day agreeing weighs more than among all levels; compared to the
    // year, a year that differs weighs less against the pair.
    expect(birth('day', 'day')).toBeGreaterThan(birth('day'));
    expect(birth('different', 'year')).toBeGreaterThan(birth('different'));
  });

  it('weighs agreement on a rare name more than on a common one', () => {
    const prior = { persons: 1_000_000, inArchive: 0.5 };
    const rare = matchWeight(PRIORS, pair({ surname: 'exact' }), { surname: 1 / 1_000_000 }, prior).weight;
    const common = matchWeight(PRIORS, pair({ surname: 'exact' }), { surname: 0.02 }, prior).weight;
    expect(rare - common).toBeCloseTo(Math.log2(0.02 * 1_000_000), 6);
  });

  it('estimates u from random pairs and m by EM on a known fixture', () => {
    // 40 random pairs: surnames differ in 39, agree in 1.
    const random = [...Array.from({ length: 39 }, () => pair({ surname: 'different' })), pair({ surname: 'exact' })];
    const u = estimateU(random);
    expect(u.surname.exact).toBeCloseTo((1 + 20 * 0.002) / 60, 6);
    // Candidate pairs: 30 true matches (surname and birth day agree), 70 others (both differ).
    const candidates = [
      ...Array.from({ length: 30 }, () => pair({ surname: 'exact', birth: 'day' })),
      ...Array.from({ length: 70 }, () => pair({ surname: 'different', birth: 'different' })),
    ];
    const fitted = estimateM(candidates, { ...PRIORS, u: estimateU(random) });
    // EM finds the matches: about 30 of 100, and m of an exact surname well above the prior's.
    expect(fitted.lambda).toBeGreaterThan(0.2);
    expect(fitted.lambda).toBeLessThan(0.4);
    expect(fitted.m.surname.exact).toBeGreaterThan(0.7);
    expect(fitted.m.birth.day).toBeGreaterThan(0.7);
  });

  it('learns m of the names from labelled pairs and keeps the priors’ m of dates', () => {
    // 40 second names of persons against the rest of their records: 30 transliterations, 10 exact.
    const labelled = [
      ...Array.from({ length: 30 }, () => pair({ surname: 'translit', birth: 'day' })),
      ...Array.from({ length: 10 }, () => pair({ surname: 'exact', birth: 'day' })),
    ];
    const m = estimateNameM(labelled);
    expect(m.surname.translit).toBeCloseTo((30 + 20 * 0.22) / 60, 6);
    expect(m.surname.exact).toBeCloseTo((10 + 20 * 0.55) / 60, 6);
    // Every pair agrees on the birth day (a person against their own record): that teaches nothing.
    expect(m.birth).toEqual(PRIORS.m.birth);
  });

  it('leaves a comparison a pair does not make out of u', () => {
    const u = estimateU([{ birth: { level: 'day' } }, { birth: { level: 'different' } }]);
    expect(u.birth.day).toBeCloseTo((1 + 20 * 0.0001) / 22, 6);
    expect(u.surname.exact).toBeCloseTo(PRIORS.u.surname.exact!, 6);
  });

  it('fits m of the names and the share of rows in the archive to a list’s own rows, one person per row', () => {
    const prior = { persons: 10_000, inArchive: 0.5 };
    const rare = { surname: 1 / 10_000 };
    const candidate = (levels: Partial<Record<keyof Comparison, string>>) => ({
      comparison: pair(levels),
      frequencies: rare,
    });
    // 80 rows: 60 name someone in the archive, written exactly, born on the day (and each meets a
    // namesake born otherwise too); 20 name no one and meet only a namesake born otherwise.
    const rows = [
      ...Array.from({ length: 60 }, () => [
        candidate({ surname: 'exact', birth: 'day' }),
        candidate({ surname: 'exact', birth: 'different' }),
      ]),
      ...Array.from({ length: 20 }, () => [candidate({ surname: 'exact', birth: 'different' })]),
    ];
    const fitted = estimateFromRows(rows, PRIORS, prior);
    // 60 of 80 rows, pulled towards 0.5 by 20 pseudo-rows: (60 + 10) / 100.
    expect(fitted.inArchive).toBeGreaterThan(0.65);
    expect(fitted.inArchive).toBeLessThan(0.75);
    // Every row that names someone writes the surname exactly: m moves from the prior's 0.55 towards 1.
    expect(fitted.params.m.surname.exact).toBeGreaterThan(0.7);
    // Dates keep their m (a level EM learns from the rows it already believes grows ever weaker).
    expect(fitted.params.m.birth).toEqual(PRIORS.m.birth);
    expect(fitted.params.u).toBe(PRIORS.u);
    // Nothing to learn from: the share goes down, towards rows naming no one.
    const strangers = estimateFromRows(
      Array.from({ length: 80 }, () => [candidate({ surname: 'different', birth: 'different' })]),
      PRIORS,
      prior,
    );
    expect(strangers.inArchive).toBeLessThan(0.2);
  });
});
