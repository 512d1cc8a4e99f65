import { describe, expect, it } from 'vitest';
import { edtfBounds } from '../../src/dates/edtf.ts';
import {
  clerkOf,
  cyrillicSpellings,
  feminineSurname,
  patronymicFrom,
  toCyrillic,
  ukrainianToRussian,
} from '../../src/generate/cyrillic.ts';
import { datedAs, dayOf, isoDay, type Precision, partsOf } from '../../src/generate/dates.ts';
import { misspellCyrillic, misspellLatin } from '../../src/generate/misspell.ts';
import { Rng, seedFrom, WeightedTable } from '../../src/generate/prng.ts';
import { romanize } from '../../src/generate/romanize.ts';

describe('the clerk writes Latin names in Cyrillic', () => {
  it.each([
    ['Müller', 'Мюллер'],
    ['Schmidt', 'Шмидт'],
    ['Neumann', 'Нейман'],
    ['Wolf', 'Вольф'],
    ['Hoffmann', 'Гофман'],
    ['Weiß', 'Вейс'],
    ['Zimmermann', 'Циммерман'],
    ['Bauer', 'Бауэр'],
    ['Meyer', 'Мейер'],
    ['Strasser', 'Штрассер'],
    ['Schulze-Boysen', 'Шульце-Бойзен'],
    ['Dvořák', 'Дворжак'],
    ['Brandstätter', 'Брандштеттер'],
    ['Silberstein', 'Зильберштейн'],
    ['Ernst', 'Эрнст'],
  ])('German %s → %s', (latin, cyrillic) => {
    expect(toCyrillic(latin, 'de')).toBe(cyrillic);
  });

  it('lists the other spellings files used, the conventional one first', () => {
    expect(cyrillicSpellings('Neumann', 'de').forms).toEqual(['Нейман', 'Нойман', 'Нейманн', 'Нойманн']);
    expect(cyrillicSpellings('Hoffmann', 'de').forms[0]).toBe('Гофман');
    expect(cyrillicSpellings('Hoffmann', 'de').forms).toContain('Хоффманн');
    const { chances } = cyrillicSpellings('Weiß', 'de');
    expect(chances.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
  });

  it.each([
    ['Hrdlicka', 'at', 'cs', 'Грдличка'],
    ['Kopecky', 'at', 'cs', 'Копецкий'],
    ['Swoboda', 'at', 'cs', 'Свобода'],
    ['Szabo', 'at', 'hu', 'Сабо'],
    ['Sedlaczek', 'at', 'cs', 'Седлачек'],
    ['Czerny', 'at', 'cs', 'Черный'],
    ['Kowalczyk', 'de', 'pl', 'Ковальчик'],
    ['Schwarz', 'de', 'de', 'Шварц'],
    ['Herzfeld', 'yi', 'de', 'Герцфельд'],
  ] as const)('a German-speaking %s is written by the %s clerk as %s', (latin, origin, clerk, cyrillic) => {
    expect(clerkOf(latin, origin)).toBe(clerk);
    expect(toCyrillic(latin, clerk)).toBe(cyrillic);
  });

  it.each([
    ['Kowalski', 'Ковальский'],
    ['Wiśniewski', 'Вишневский'],
    ['Nowak', 'Новак'],
    ['Szymańska', 'Шиманская'],
    ['Dąbrowski', 'Домбровский'],
    ['Krawczyk', 'Кравчик'],
    ['Stępień', 'Стемпень'],
    ['Pietrzak', 'Петшак'],
  ])('Polish %s → %s', (latin, cyrillic) => {
    expect(toCyrillic(latin, 'pl')).toBe(cyrillic);
  });

  it.each([
    ['Horváth', 'Хорват'],
    ['Kovács', 'Ковач'],
    ['Nagy', 'Надь'],
    ['Szabó', 'Сабо'],
    ['Győri', 'Дьёри'],
    ['Molnár', 'Мольнар'],
  ])('Hungarian %s → %s', (latin, cyrillic) => {
    expect(toCyrillic(latin, 'hu')).toBe(cyrillic);
  });

  it('makes Ukrainian surnames Russian, feminine forms and patronymics', () => {
    expect(ukrainianToRussian('Олійник')).toBe('Олейник');
    expect(ukrainianToRussian("Лук'яненко")).toBe('Лукьяненко');
    expect(feminineSurname('Kowalski', 'pl')).toBe('Kowalska');
    expect(feminineSurname('Иванов', 'ru')).toBe('Иванова');
    expect(feminineSurname('Вознесенский', 'ru')).toBe('Вознесенская');
    expect(feminineSurname('Шевченко', 'uk')).toBe('Шевченко');
    expect(patronymicFrom('Генрих', 'male')).toBe('Генрихович');
    expect(patronymicFrom('Франц', 'female')).toBe('Францевна');
    expect(patronymicFrom('Андрей', 'male')).toBe('Андреевич');
    expect(patronymicFrom('Вилли', 'male')).toBe('Виллиевич');
    expect(patronymicFrom('Отто', 'female')).toBe('Оттовна');
  });
});

describe('Cyrillic names in Latin letters', () => {
  it.each([
    ['Шмидт', 'Schmidt', 'Shmidt', 'Šmidt', 'Szmidt'],
    ['Ежов', 'Jeschow', 'Yezhov', 'Ežov', 'Jeżow'],
    ['Вышинский', 'Wyschinski', 'Vyshinsky', 'Vyšinskij', 'Wyszynski'],
    ['Фёдоров', 'Fjodorow', 'Fyodorov', 'Fëdorov', 'Fiodorow'],
  ])('%s: German, English, scholarly, Polish', (cyrillic, duden, english, scholarly, polish) => {
    expect(romanize(cyrillic, 'duden')).toBe(duden);
    expect(romanize(cyrillic, 'english')).toBe(english);
    expect(romanize(cyrillic, 'scholarly')).toBe(scholarly);
    expect(romanize(cyrillic, 'polish')).toBe(polish);
  });

  it('follows the Ukrainian national system and BGN', () => {
    expect(romanize('Шевченко', 'uk-national')).toBe('Shevchenko');
    expect(romanize('Юрій', 'uk-national')).toBe('Yurii');
    expect(romanize('Шевченко', 'uk-duden')).toBe('Schewtschenko');
    expect(romanize('Вышинский', 'bgn')).toBe('Vyshinskiy');
  });
});

describe('clerks misspell names', () => {
  it('changes a name once, differently for different draws', () => {
    const rng = new Rng(1);
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const m = misspellLatin('Müller', rng);
      expect(m).not.toBeNull();
      expect(m).not.toBe('Müller');
      seen.add(m as string);
    }
    expect(seen).toContain('Müler');
    expect(seen).toContain('Mueller');
    expect(misspellCyrillic('Мюллер', new Rng(2))).not.toBe('Мюллер');
    expect(misspellLatin('Aa', new Rng(3))).toBeNull();
  });
});

describe('generated dates', () => {
  it('converts day numbers both ways', () => {
    for (const [y, m, d] of [
      [1880, 1, 1],
      [1900, 2, 28],
      [1904, 2, 29],
      [1937, 12, 31],
      [1970, 1, 1],
      [2000, 3, 1],
    ] as const) {
      expect(partsOf(dayOf(y, m, d))).toEqual([y, m, d]);
    }
    expect(dayOf(1970, 1, 1)).toBe(0);
    expect(isoDay(dayOf(1937, 11, 20))).toBe('1937-11-20');
  });

  it('states bounds exactly as edtfBounds computes them, for every precision', () => {
    const rng = new Rng(9);
    const precisions: Precision[] = [
      'day',
      'day?',
      'day~',
      'month',
      'month~',
      'year',
      'year~',
      'year?',
      'years',
      'months',
    ];
    for (const precision of precisions) {
      for (let i = 0; i < 40; i++) {
        const dated = datedAs(dayOf(1880, 1, 1) + rng.int(40_000), precision, rng);
        expect(edtfBounds(dated.edtf)).toEqual({ min: dated.min, max: dated.max });
      }
    }
  });
});

describe('the seeded generator', () => {
  it('repeats its sequence for a seed and draws in proportion to weights', () => {
    const a = new Rng(seedFrom('42'));
    const b = new Rng(seedFrom(42));
    expect(Array.from({ length: 5 }, () => a.next())).toEqual(Array.from({ length: 5 }, () => b.next()));
    expect(seedFrom('abc')).not.toBe(seedFrom('abd'));
    const table = new WeightedTable(['a', 'b'], [9, 1]);
    const rng = new Rng(5);
    let as = 0;
    for (let i = 0; i < 10_000; i++) if (table.draw(rng) === 'a') as++;
    expect(as / 10_000).toBeGreaterThan(0.88);
    expect(as / 10_000).toBeLessThan(0.92);
  });
});
