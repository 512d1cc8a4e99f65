import { describe, expect, it } from 'vitest';
import { analyzeQuery } from './name-keys.ts';
import { type MatchLevel, type ScoringTerm, type StoredName, scoreCeiling, scoreNames } from './name-match.ts';

const name = (given: string | null, surname: string | null, extra: Partial<StoredName> = {}): StoredName => ({
  full_name: [given, extra.patronymic, surname].filter(Boolean).join(' '),
  given,
  surname,
  patronymic: null,
  kind: 'birth',
  lang: null,
  rank: 'normal',
  ...extra,
});

const terms = (q: string, rarity?: Record<string, number>): ScoringTerm[] =>
  analyzeQuery(q).map((t) => ({ ...t, fuzzy: [], rarity: rarity?.[t.text] }));
const score = (q: string, n: StoredName, rarity?: Record<string, number>) => scoreNames(terms(q, rarity), [n]).score;

describe('the name scorer', () => {
  it('weighs the surname most, given names less, a patronymic little', () => {
    const s = scoreNames(terms('Краус Леопольд Яковлевич'), [name('Leopold', 'Kraus')]);
    expect(s.evidence.map((e) => [e.word, e.part, e.level])).toEqual([
      ['краус', 'surname', 'translit'],
      ['леопольд', 'given', 'variant'],
      ['яковлевич', null, null],
    ]);
    // A patronymic German records lack is missing evidence, not disagreement.
    expect(s.evidence[2]?.weight).toBe(0);
    const surname = s.evidence[0]?.weight ?? 0;
    const given = s.evidence[1]?.weight ?? 0;
    expect(surname).toBeGreaterThan(given);
  });

  it('ranks a surname agreeing above a given name and patronymic agreeing (Краус Леопольд Яковлевич)', () => {
    const kraus = score('Краус Леопольд Яковлевич', name('Leopold', 'Kraus'));
    const vasilyev = score('Краус Леопольд Яковлевич', name('Николай', 'Васильев', { patronymic: 'Яковлевич' }));
    expect(kraus).toBeGreaterThan(vasilyev);
  });

  it('ranks Houtermans above a Friedrich Schreiber whose given name and patronymic agree', () => {
    const q = 'Хоутерманс Фридрих Оттович';
    const houtermans = score(q, name('Fritz', 'Houtermans'));
    const schreiber = score(q, name('Фридрих', 'Шрейбер', { patronymic: 'Оттович' }));
    expect(houtermans).toBeGreaterThan(schreiber);
  });

  it('ranks Fritz Bauer above Nikolai Ivanovich Yezhov for Бауэр Фриц Иванович', () => {
    const q = 'Бауэр Фриц Иванович';
    expect(score(q, name('Fritz', 'Bauer'))).toBeGreaterThan(
      score(q, name('Николай', 'Ежов', { patronymic: 'Иванович' })),
    );
  });

  it('ranks a transliteration above a sound-alike (Гельман: Hellmann before Kalinin)', () => {
    expect(score('Гельман', name('Hans', 'Hellmann'))).toBeGreaterThan(score('Гельман', name('Михаил', 'Калинин')));
  });

  it('does not bridge Ганс to Иван', () => {
    const s = scoreNames(terms('Ганс Густав Адольф Гельман'), [name('Иван', 'Поляков')]);
    expect(s.explanation).toBeNull();
    expect(score('Ганс Густав Адольф Гельман', name('Hans', 'Hellmann'))).toBeGreaterThan(0);
  });

  it('lets a rare word agreeing weigh more than a common one', () => {
    const common = score('Müller Hans', name('Hans', 'Müller'), { muller: 0.6, hans: 0.6 });
    const rare = score('Houtermans Hans', name('Hans', 'Houtermans'), { houtermans: 1, hans: 0.6 });
    expect(rare).toBeGreaterThan(common);
  });

  it('keeps the levels in order within a part: exact, variant, transliteration, sound', () => {
    const scored = ['Thüring', 'Thuering', 'Тюринг', 'Türink'].map((q) =>
      scoreNames(terms(q), [name('Margarete', 'Thüring')]),
    );
    expect(scored.map((s) => s.explanation?.level)).toEqual(['exact', 'variant', 'translit', 'phonetic']);
    const scores = scored.map((s) => s.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(new Set(scores).size).toBe(scores.length);
  });

  it('finds a feminine surname form from the masculine and the reverse', () => {
    expect(scoreNames(terms('Иванова'), [name('Anna', 'Ivanov')]).explanation).not.toBeNull();
    expect(scoreNames(terms('Kowalski'), [name('Anna', 'Kowalska')]).explanation).not.toBeNull();
  });

  it('takes an initial as a small agreement with a given name in any script', () => {
    expect(score('М. Альберт', name('Max', 'Albert'))).toBeGreaterThan(score('М. Альберт', name('Hugo', 'Albert')));
  });

  it('has a ceiling no name passes', () => {
    const exact: MatchLevel[] = ['exact', 'exact'];
    for (const [q, n] of [
      ['Heinz Neumann', name('Heinz', 'Neumann')],
      ['Buber Neumann', name('Margarete', 'Buber-Neumann')],
      ['Müller Müller', name('Hans', 'Müller')],
      ['Neumann Neumann', name('Neumann', 'Neumann')],
    ] as const) {
      const t = terms(q);
      expect(scoreNames(t, [n]).score).toBeLessThanOrEqual(scoreCeiling(t, exact, 'exact'));
    }
    const t = terms('Heinz Neumann');
    expect(scoreCeiling(t, exact, 'variant')).toBeLessThan(scoreCeiling(t, exact, 'exact'));
    expect(scoreCeiling(t, exact, null)).toBeLessThan(scoreCeiling(t, exact, 'fuzzy'));
    // One word met no better than a variant: the score of such a name stays under that ceiling.
    expect(score('Heinz Neumann', name('Heinz', 'Neuman'))).toBeLessThanOrEqual(scoreCeiling(t, exact, 'translit'));
  });
});
