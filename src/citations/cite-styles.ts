import fs from 'node:fs';
import type CSLModule from 'citeproc';
import type { Lang } from '../i18n/i18n.ts';
import type { CslItem } from './csl-item.ts';

/**
 * The citation styles a page offers, as CSL styles bundled in ./csl (see its README): Chicago
 * (notes and bibliography, the historians' Chicago), APA, DIN 1505-2, and the style of the German
 * historians' journal Geschichte und Gesellschaft, which has notes only.
 */
export const CITE_STYLES = ['chicago', 'apa', 'din', 'gug'] as const;
export type CiteStyle = (typeof CITE_STYLES)[number];

const FILES: Record<CiteStyle, string> = {
  chicago: 'chicago-note-bibliography',
  apa: 'apa',
  din: 'din-1505-2',
  gug: 'geschichte-und-gesellschaft',
};

const LOCALES: Record<Lang, string> = { en: 'en-US', de: 'de-DE', ru: 'ru-RU' };

const dir = new URL('./csl/', import.meta.url);
const read = (file: string) => fs.readFileSync(new URL(file, dir), 'utf8');
const styles = new Map<CiteStyle, string>();
const locales = new Map<string, string>();

/** The item the next rendering is of; the engines below read it through `retrieveItem`. */
let current: CslItem | undefined;

const sys = {
  retrieveLocale(lang: string): string {
    let xml = locales.get(lang);
    if (xml === undefined) {
      // Only the three bundled locales exist; citeproc falls back to en-US for any other.
      xml = Object.values(LOCALES).includes(lang) ? read(`locales/locales-${lang}.xml`) : '';
      locales.set(lang, xml);
    }
    return xml;
  },
  retrieveItem(id: string): object {
    if (current?.id !== id) throw new Error(`no CSL item ${id}`);
    return current;
  },
};

/**
 * Building an engine parses its style and locale, which costs far more than rendering one item
 * with it, so each style and language has one engine, kept for the life of the process. An engine
 * is used by one call at a time (rendering is synchronous).
 */
const engines = new Map<string, InstanceType<typeof CSLModule.Engine>>();

/** citeproc-js takes a noticeable time to load; only processes that render a citation load it. */
let processor: Promise<typeof CSLModule> | undefined;

async function engine(style: CiteStyle, lang: Lang) {
  processor ??= import('citeproc').then((m) => m.default);
  const CSL = await processor;
  const key = `${style}:${lang}`;
  let e = engines.get(key);
  if (!e) {
    let xml = styles.get(style);
    if (xml === undefined) {
      xml = read(`styles/${FILES[style]}.csl`);
      styles.set(style, xml);
    }
    e = new CSL.Engine(sys, xml, LOCALES[lang]);
    engines.set(key, e);
  }
  return e;
}

/** Renderings already made, so that a page seen again costs no rendering; the oldest go first. */
const rendered = new Map<string, string>();
const KEEP = 2_000;

/**
 * One item in a style, as HTML (citeproc escapes the item's text): the bibliography entry, or
 * for a style without a bibliography the first full note.
 */
export async function renderCitation(item: CslItem, style: CiteStyle, lang: Lang): Promise<string> {
  const key = `${style}:${lang}:${JSON.stringify(item)}`;
  const known = rendered.get(key);
  if (known !== undefined) return known;
  const html = render(item, await engine(style, lang));
  if (rendered.size >= KEEP) rendered.delete(rendered.keys().next().value ?? '');
  rendered.set(key, html);
  return html;
}

function render(item: CslItem, e: InstanceType<typeof CSLModule.Engine>): string {
  current = item;
  try {
    e.updateItems([item.id]);
    const bibliography = e.makeBibliography();
    const html = bibliography ? bibliography[1].join('') : e.makeCitationCluster([{ id: item.id }]);
    return html.replace(/^\s*<div class="csl-entry">\s*|\s*<\/div>\s*$/g, '').trim();
  } finally {
    current = undefined;
  }
}
