import { describe, expect, it } from 'vitest';
import { de } from './de.ts';
import { en } from './en.ts';
import { fill, negotiateLang } from './i18n.ts';

function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    v && typeof v === 'object' && !Array.isArray(v) ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe('message catalogs', () => {
  it('German has exactly the English keys', () => {
    expect(keys(de).sort()).toEqual(keys(en).sort());
  });

  it('keeps the same placeholders in every translation', () => {
    const placeholders = (o: object) =>
      keys(o).map((k) => {
        const v = k.split('.').reduce<unknown>((acc, part) => (acc as Record<string, unknown>)[part], o);
        return `${k}:${String(v).match(/\{\w+\}/g)?.sort().join(',') ?? ''}`;
      });
    expect(placeholders(de)).toEqual(placeholders(en));
  });
});

describe('fill and negotiateLang', () => {
  it('fills placeholders and leaves unknown ones visible', () => {
    expect(fill('{n} of {m}', { n: 3 })).toBe('3 of {m}');
  });
  it('picks the first supported language', () => {
    expect(negotiateLang('fr-FR,de;q=0.8,en;q=0.5')).toBe('de');
    expect(negotiateLang(undefined)).toBe('en');
  });
});
