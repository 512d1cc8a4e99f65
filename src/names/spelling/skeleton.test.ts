import { describe, expect, it } from 'vitest';
import {
  GERMAN_SURNAMES,
  nameList,
  POLISH_SURNAMES,
  RUSSIAN_SURNAMES,
  YIDDISH_SURNAMES,
} from './name-lists.fixture.ts';
import { skeletonKeys } from './skeleton.ts';
import { transliterateAll } from './transliterate.ts';

const shareKey = (a: string, b: string) => skeletonKeys(a).some((key) => skeletonKeys(b).includes(key));

describe('skeletonKeys: spellings of one name meet', () => {
  it.each([
    ['Ежов', 'Yezhov', 'Ezhov', 'Jeschow', 'Ježov', 'Jeżow', 'Ežov'],
    ['Вышинский', 'Vyshinsky', 'Vyshinskii', 'Vyshinskiy', 'Wyschinski', 'Wyszyński', 'Vyšinskij'],
    ['Фабиш', 'Fabisch', 'Fabish', 'Fabisz', 'Fabiš'],
    ['Цукер', 'Zucker', 'Tsuker', 'Zuker', 'Cuker'],
    ['Нейман', 'Neumann', 'Nejman', 'Neyman', 'Neiman', 'Niejman', 'Nějman'],
    ['Бубер-Нейман', 'Buber-Neumann', 'BuberNeumann'],
    ['Харцхайм', 'Harzheim'],
    ['Близняк', 'Bliznyak', 'Blizniak', 'Bliznjak', 'Blisnjak', 'Bliznâk'],
    ['Щербаков', 'Shcherbakov', 'Schtscherbakow', 'Szczerbakow', 'Ščerbakov', 'Ŝerbakov'],
    ['Хрущёв', 'Хрущев', 'Khrushchev', 'Chruschtschow', 'Chruszczow', 'Chruščov', 'Hruŝëv'],
    ['Юрьев', 'Yuryev', 'Iurev', "Iur'ev", 'Jurjew', 'Ûrʹev'],
    ['Чернышевский', 'Chernyshevsky', 'Tschernyschewski', 'Czernyszewski', 'Černyševskij'],
    ['Ильич', 'Ilyich', 'Ilich', 'Iljitsch', 'Iljicz', 'Iljič'],
    ['Берия', 'Beria', 'Beriya', 'Berija', 'Beriia'],
    ['Сергеев', 'Sergeev', 'Sergeyev', 'Sergejew', 'Siergiejew'],
    ['Дзержинский', 'Dzerzhinsky', 'Dserschinski', 'Dzierżyński'],
    ['Вилли', 'Willi'],
    ['Гофман', 'Hoffmann', 'Hofmann'],
    ['Тюринг', 'Thüring', 'Thuering', 'Thuring'],
    ['Мюллер', 'Müller', 'Mueller'],
    ['Майер', 'Meyer', 'Maier', 'Mayer'],
    ['Романов', 'Romanoff', 'Romanow'],
    ['Штерн', 'Stern'],
    ['Дворжак', 'Dvořák'],
  ])('%s', (...spellings) => {
    const [first, ...others] = spellings;
    for (const other of others) expect(shareKey(first!, other), `${first} ~ ${other}`).toBe(true);
  });
});

describe('skeletonKeys: different names stay apart', () => {
  it.each([
    ['Neumann', 'Naumann'],
    ['Fabisch', 'Fischer'],
    ['Winter', 'Wunder'],
    ['Baltes', 'Walter'],
    ['Zucker', 'Zeller'],
    ['Ежов', 'Жуков'],
    ['Schmidt', 'Schmitz'],
  ])('%s ≠ %s', (a, b) => {
    expect(shareKey(a, b)).toBe(false);
  });
});

describe('skeletonKeys: phoneme classes', () => {
  /** The letters between two a's, in the a of their own script. */
  const between = (letters: string) => (/[\u0400-\u04ff]/.test(letters) ? `а${letters}а` : `a${letters}a`);
  it.each([
    ['ш/ж', ['ш', 'ж', 'sch', 'š', 'ž', 'ż', 'sz'], 'axa'],
    ['ч', ['ч', 'tsch', 'č', 'cz'], 'aqa'],
    ['щ', ['щ', 'schtsch', 'šč', 'szcz', 'ŝ'], 'axqa'],
    ['х', ['х', 'h'], 'aha'],
    ['ц', ['ц', 'ts', 'tz'], 'aca'],
    ['в', ['в', 'v', 'w'], 'ava'],
  ])('%s', (_, spellings, key) => {
    for (const letters of spellings) expect(skeletonKeys(between(letters)), letters).toContain(key);
  });

  it('emits only lowercase ASCII letters, so keys survive case-insensitive storage', () => {
    for (const name of ['Щербаков', 'Neumann', 'Naumann', 'Хрущёв', 'Dzierżyński']) {
      for (const key of skeletonKeys(name)) expect(key).toMatch(/^[a-z]+$/);
    }
  });

  it('returns nothing for a token without letters', () => {
    expect(skeletonKeys('')).toEqual([]);
    expect(skeletonKeys("'-")).toEqual([]);
  });
});

describe('skeletonKeys on name lists', () => {
  it('meets every scheme’s transliteration of common Russian surnames', () => {
    const misses: string[] = [];
    for (const name of nameList(RUSSIAN_SURNAMES)) {
      for (const [scheme, spelling] of Object.entries(transliterateAll(name))) {
        if (!shareKey(name, spelling)) misses.push(`${scheme}:${spelling}`);
      }
    }
    // Known gap: Polish writes ё after л as o (Korolow), which no key can tell from a plain o.
    expect(misses.filter((miss) => !/^polish:.*[lł]ow$/.test(miss))).toEqual([]);
    expect(misses.length).toBeLessThanOrEqual(5);
  });

  it('merges few distinct Latin surnames (false merges)', () => {
    const names = [GERMAN_SURNAMES, POLISH_SURNAMES, YIDDISH_SURNAMES].flatMap(nameList);
    const owners = new Map<string, Set<string>>();
    for (const name of names) {
      for (const key of skeletonKeys(name)) owners.set(key, (owners.get(key) ?? new Set()).add(name));
    }
    const merged = new Set([...owners.values()].filter((set) => set.size > 1).flatMap((set) => [...set]));
    // Measured at 17 of 355, nearly all true variants (Meyer/Maier, Kohn/Cohn, Wolf/Wolff).
    expect(merged.size / names.length).toBeLessThan(0.08);
  });
});

describe('skeletonKeys: how Soviet clerks heard German and Hungarian names', () => {
  it.each([
    ['Binnenstein', 'Бинненштейн'],
    ['Goldstein', 'Гольдштейн'],
    ['Hübsch', 'Хибш'],
    ['Hubacek', 'Губачек'],
    ['Wasicek', 'Васичек'],
    ['Szabo', 'Сабо'],
    ['Laszka', 'Ласка'],
  ])('%s = %s', (latin, cyrillic) => {
    expect(shareKey(latin, cyrillic)).toBe(true);
  });

  it('reads a medial st as шт only where a compound part begins', () => {
    expect(shareKey('Ernst', 'Эрншт')).toBe(false);
    expect(shareKey('Kasper', 'Кашпер')).toBe(false);
  });
});
