import { de } from './de.ts';
import { en, type Messages } from './en.ts';
import { ru } from './ru.ts';

export const LANGS = ['en', 'de', 'ru'] as const;
export type Lang = (typeof LANGS)[number];
export const DEFAULT_LANG: Lang = 'en';

const catalogs: Record<Lang, Messages> = { en, de, ru };

export function isLang(value: string | undefined): value is Lang {
  return (LANGS as readonly string[]).includes(value ?? '');
}

export function messages(lang: Lang): Messages {
  return catalogs[lang];
}

/** Fills `{name}` placeholders; unknown placeholders stay visible so a missing value is noticed. */
export function fill(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in params ? String(params[k]) : m));
}

/** Looks a vocabulary value up in a catalog section, falling back to the raw value. */
export function label(section: Record<string, string>, value: string): string {
  return section[value] ?? value;
}

/** Picks the best language from an Accept-Language header. */
export function negotiateLang(header: string | undefined): Lang {
  for (const part of (header ?? '').split(',')) {
    const tag = part.split(';')[0]?.trim().slice(0, 2).toLowerCase();
    if (isLang(tag)) return tag;
  }
  return DEFAULT_LANG;
}

const locales: Record<Lang, string> = { en: 'en-GB', de: 'de-DE', ru: 'ru-RU' };

export function formatNumber(n: number, lang: Lang): string {
  return new Intl.NumberFormat(locales[lang]).format(n);
}
