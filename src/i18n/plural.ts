import { fill, type Lang } from './i18n.ts';

/** A phrase in the plural forms a language needs (English and German use one and other). */
export interface PluralForms {
  one: string;
  few: string;
  many: string;
  other: string;
}

const rules = new Map<Lang, Intl.PluralRules>();

/** The phrase for a count in the form the language's plural rules choose, `{n}` filled with the number as written. */
export function plural(lang: Lang, count: number, forms: PluralForms, n: string = String(count)): string {
  let r = rules.get(lang);
  if (!r) {
    r = new Intl.PluralRules(lang);
    rules.set(lang, r);
  }
  const form = r.select(count) as keyof PluralForms;
  return fill(forms[form] ?? forms.other, { n });
}
