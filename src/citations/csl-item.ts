import { edtfBounds } from '../dates/edtf-bounds.ts';

/*
 * Records as CSL-JSON items (Citation Style Language 1.0.2), the form citeproc renders in any
 * style and reference managers (Zotero, Citavi, JabRef) read.
 */

export interface CslName {
  family?: string;
  given?: string;
  literal?: string;
}

export interface CslDate {
  'date-parts'?: (number | string)[][];
  circa?: boolean;
  literal?: string;
  raw?: string;
}

/** The CSL-JSON variables Fates fills in. */
export interface CslItem {
  id: string;
  type: string;
  title: string;
  author?: CslName[];
  'container-title'?: string;
  publisher?: string;
  'publisher-place'?: string;
  issued?: CslDate;
  accessed?: CslDate;
  URL?: string;
  language?: string;
  archive?: string;
  archive_location?: string;
  medium?: string;
  note?: string;
  genre?: string;
  license?: string;
}

const parts = (day: string) =>
  day
    .split('-')
    .filter(Boolean)
    .map((p) => Number(p));

/**
 * An EDTF date as a CSL date: a day, month or year as date parts (approximate or uncertain ones
 * marked `circa`), an interval as two, anything else (193X, sets) as its bounds with the EDTF kept
 * as `raw`.
 */
export function cslDate(edtf: string | null | undefined): CslDate | undefined {
  if (!edtf) return undefined;
  const plain = /^(\d{4}(?:-\d{2}){0,2})([?~%]?)$/.exec(edtf);
  if (plain?.[1])
    return plain[2] ? { 'date-parts': [parts(plain[1])], circa: true } : { 'date-parts': [parts(plain[1])] };
  const interval = /^(\d{4}(?:-\d{2}){0,2})\/(\d{4}(?:-\d{2}){0,2})$/.exec(edtf);
  if (interval?.[1] && interval[2]) return { 'date-parts': [parts(interval[1]), parts(interval[2])] };
  try {
    const { min, max } = edtfBounds(edtf);
    if (min && max) return { 'date-parts': [parts(min), parts(max)], circa: true, raw: edtf };
  } catch {
    // Not EDTF after all: cited as written.
  }
  return { literal: edtf };
}

/** Authors as stored, "Surname, Given; Surname, Given", as CSL names. */
export function cslNames(authors: string | null): CslName[] | undefined {
  const names = (authors ?? '')
    .split(';')
    .map((a) => a.trim())
    .filter(Boolean)
    .map((a): CslName => {
      const [family, given] = a.split(',').map((s) => s.trim());
      return given ? { family: family ?? a, given } : { literal: a };
    });
  return names.length ? names : undefined;
}

/** Drops variables without a value. */
export function cslItem(item: CslItem): CslItem {
  return Object.fromEntries(
    Object.entries(item).filter(([, v]) => v !== undefined && v !== null && v !== ''),
  ) as CslItem;
}
