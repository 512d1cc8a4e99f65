import type { Cite as CiteClass } from '@citation-js/core';
import type { CslItem } from './csl-item.ts';

/** Citation.js with its BibTeX and RIS plugins, loaded when a file is first asked for. */
let citationJs: Promise<typeof CiteClass> | undefined;
function loadCite(): Promise<typeof CiteClass> {
  citationJs ??= (async () => {
    const { Cite } = await import('@citation-js/core');
    await import('@citation-js/plugin-bibtex');
    await import('@citation-js/plugin-ris');
    return Cite;
  })();
  return citationJs;
}

/** The files a citation can be downloaded as, for reference managers. */
export const CITATION_FORMATS = {
  'csl-json': { type: 'application/vnd.citationstyles.csl+json', extension: 'json' },
  bibtex: { type: 'application/x-bibtex', extension: 'bib' },
  ris: { type: 'application/x-research-info-systems', extension: 'ris' },
} as const;
export type CitationFormat = keyof typeof CITATION_FORMATS;

const RIS_TAG = /^[A-Z][A-Z0-9] {2}- ?/;

/**
 * RIS as its specification has it: one line per tag, lines ended by CR LF. Citation.js breaks
 * long values every 70 characters onto lines without a tag, which RIS readers take for broken
 * records, so those pieces are joined back to their tag's line.
 */
function risLines(text: string): string {
  const lines: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    if (RIS_TAG.test(line) || lines.length === 0) lines.push(line);
    else lines[lines.length - 1] += line;
  }
  return `${lines.join('\r\n').trim()}\r\n`;
}

/** CSL-JSON items as a file in one of the formats, BibTeX and RIS written by Citation.js. */
export async function formatCitation(items: CslItem[], format: CitationFormat): Promise<string> {
  if (format === 'csl-json') return `${JSON.stringify(items, null, 2)}\n`;
  const Cite = await loadCite();
  const text = new Cite(items).format(format);
  return format === 'ris' ? risLines(text) : text;
}
