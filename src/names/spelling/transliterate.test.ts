import { describe, expect, it } from 'vitest';
import { SCHEME_IDS, type SchemeId, transliterate, transliterateAll } from './transliterate.ts';

/** Expected spellings per scheme, in SCHEME_IDS order: duden, bgn, loc, iso9, polish, czech. */
const NAMES: [string, string[]][] = [
  ['Ежов', ['Jeschow', 'Yezhov', 'Ezhov', 'Ežov', 'Jeżow', 'Ježov']],
  ['Вышинский', ['Wyschinski', 'Vyshinsky', 'Vyshinskii', 'Vyšinskij', 'Wyszynski', 'Vyšinskij']],
  ['Бубер-Нейман', ['Buber-Nejman', 'Buber-Neyman', 'Buber-Neiman', 'Buber-Nejman', 'Bubier-Niejman', 'Buber-Nějman']],
  ['Цукер', ['Zuker', 'Tsuker', 'Tsuker', 'Cuker', 'Cukier', 'Cuker']],
  ['Фабиш', ['Fabisch', 'Fabish', 'Fabish', 'Fabiš', 'Fabisz', 'Fabiš']],
  ['Щербаков', ['Schtscherbakow', 'Shcherbakov', 'Shcherbakov', 'Ŝerbakov', 'Szczerbakow', 'Ščerbakov']],
  ['Хрущёв', ['Chruschtschow', 'Khrushchev', 'Khrushchev', 'Hruŝëv', 'Chruszczow', 'Chruščov']],
  ['Юрьев', ['Jurjew', 'Yuryev', 'Iurev', 'Ûrʹev', 'Jurjew', 'Jurjev']],
  ['Яковлев', ['Jakowlew', 'Yakovlev', 'Iakovlev', 'Âkovlev', 'Jakowlew', 'Jakovlev']],
  ['Жуков', ['Schukow', 'Zhukov', 'Zhukov', 'Žukov', 'Żukow', 'Žukov']],
  [
    'Чернышевский',
    ['Tschernyschewski', 'Chernyshevsky', 'Chernyshevskii', 'Černyševskij', 'Czernyszewski', 'Černyševskij'],
  ],
  ['Ильич', ['Iljitsch', 'Ilyich', 'Ilich', 'Ilʹič', 'Iljicz', 'Iljič']],
  ['Сергеев', ['Sergejew', 'Sergeyev', 'Sergeev', 'Sergeev', 'Siergiejew', 'Sergejev']],
  ['Подъячев', ['Podjatschew', 'Podyachev', 'Podiachev', 'Podʺâčev', 'Podjaczew', 'Podjačev']],
];

describe.each(SCHEME_IDS.map((id, index) => [id, index] as const))('scheme %s', (scheme, index) => {
  it.each(NAMES)('transliterates %s', (cyrillic, spellings) => {
    expect(transliterate(cyrillic, scheme as SchemeId)).toBe(spellings[index]);
  });
});

describe('context rules', () => {
  it('writes с between vowels as ss in German only', () => {
    expect(transliterate('Мусоргский', 'duden')).toBe('Mussorgski');
    expect(transliterate('Мусоргский', 'bgn')).toBe('Musorgsky');
  });

  it('writes the Polish soft sign on the consonant, and л as ł unless softened', () => {
    expect(transliterate('Казань', 'polish')).toBe('Kazań');
    expect(transliterate('Гоголь', 'polish')).toBe('Gogol');
    expect(transliterate('Волков', 'polish')).toBe('Wołkow');
    expect(transliterate('Шишкин', 'polish')).toBe('Szyszkin');
  });

  it('reads words with Ukrainian letters as Ukrainian: г = h, и = y', () => {
    expect(transliterateAll('Григорій')).toMatchObject({ duden: 'Hryhorij', bgn: 'Hryhoriy', loc: 'Hryhorii' });
    expect(transliterate('Київ', 'bgn')).toBe('Kyyiv');
    expect(transliterate('Євген Ґудзь', 'duden')).toBe('Jewhen Guds');
    expect(transliterate('Грищенко', 'bgn')).toBe('Grishchenko');
    expect(transliterate('Грищенко', 'bgn', { ukrainian: true })).toBe('Hryshchenko');
  });

  it('keeps case: capitalized, all caps, lowercase', () => {
    expect(transliterate('ЩЕРБАКОВ', 'duden')).toBe('SCHTSCHERBAKOW');
    expect(transliterate('Щербаков', 'duden')).toBe('Schtscherbakow');
    expect(transliterate('щербаков', 'duden')).toBe('schtscherbakow');
  });

  it('leaves Latin text and punctuation alone', () => {
    expect(transliterate('Margarete Бубер-Нейман (geb. Thüring)', 'bgn')).toBe('Margarete Buber-Neyman (geb. Thüring)');
  });

  it('needs more than the ending itself before applying a word-ending rule', () => {
    expect(transliterate('Ий', 'duden')).toBe('Ij');
  });
});
