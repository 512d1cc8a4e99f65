import { describe, expect, it } from 'vitest';
import { de } from './de.ts';
import { en, type Messages } from './en.ts';
import { fill, formatNumber, LANGS, messages, negotiateLang } from './i18n.ts';
import { ru } from './ru.ts';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' && !Array.isArray(v) ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

function at(o: object, key: string): unknown {
  return key.split('.').reduce<unknown>((acc, part) => (acc as Record<string, unknown>)[part], o);
}

/** Every catalog but the English source of truth, so a new language is checked as soon as it is in LANGS. */
const translations: [string, Messages][] = LANGS.filter((lang) => lang !== 'en').map((lang) => [lang, messages(lang)]);

describe('message catalogs', () => {
  it('has a catalog for every language', () => {
    expect(LANGS).toEqual(['en', 'de', 'ru']);
    expect([messages('en'), messages('de'), messages('ru')]).toEqual([en, de, ru]);
  });

  for (const [name, catalog] of translations) {
    describe(name, () => {
      it('has exactly the English keys', () => {
        expect(keys(catalog).sort()).toEqual(keys(en).sort());
      });

      it('keeps the same placeholders in every string', () => {
        const placeholders = (o: object) =>
          keys(o).map(
            (k) =>
              `${k}:${
                String(at(o, k))
                  .match(/\{\w+\}/g)
                  ?.sort()
                  .join(',') ?? ''
              }`,
          );
        expect(placeholders(catalog)).toEqual(placeholders(en));
      });

      it('keeps arrays the same length and leaves no string empty', () => {
        for (const k of keys(en)) {
          const source = at(en, k);
          const translated = at(catalog, k);
          if (Array.isArray(source)) expect((translated as unknown[]).length, k).toBe(source.length);
          const strings = Array.isArray(translated) ? translated : [translated];
          for (const s of strings) expect(typeof s === 'string' && s.trim() !== '', k).toBe(true);
        }
      });
    });
  }
});

describe('fill and negotiateLang', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fill('{n} of {m}', { n: 3 })).toBe('3 of {m}');
  });
  it('picks the first supported language', () => {
    expect(negotiateLang('fr-FR,de;q=0.8,en;q=0.5')).toBe('de');
    expect(negotiateLang('ru-RU,ru;q=0.9,en;q=0.8')).toBe('ru');
    expect(negotiateLang('uk,ru;q=0.7')).toBe('ru');
    expect(negotiateLang(undefined)).toBe('en');
  });
  it('formats numbers in the reader’s locale', () => {
    expect(formatNumber(12345, 'ru').replace(/\s/g, ' ')).toBe('12 345');
  });
});
