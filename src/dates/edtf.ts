import { edtfBounds, spanOfEdtf } from './edtf-bounds.ts';
import { formatEdtf } from './edtf-words.ts';

export { compareEdtf, type EdtfBounds, edtfBounds, InvalidEdtfError } from './edtf-bounds.ts';
export { type DateLang, formatEdtf } from './edtf-words.ts';

/**
 * True when `value` is an EDTF string (levels 0–2) that names a possible date. Stricter than the
 * edtf package's parser, which accepts `1939-02-29`, reversed intervals (`1940/1939`) and
 * reversed ranges (`[1940..1939]`).
 */
export function isValidEdtf(value: string): boolean {
  return spanOfEdtf(value) !== null;
}

/** How an EDTF date reads in each language, with its bounds; what a date field's preview shows. */
export interface DateDescription {
  edtf: string;
  valid: boolean;
  min: string | null;
  max: string | null;
  words: { en: string; de: string; ru: string } | null;
}

export function describeEdtf(value: string): DateDescription {
  const edtf = value.trim();
  if (!isValidEdtf(edtf)) return { edtf, valid: false, min: null, max: null, words: null };
  const { min, max } = edtfBounds(edtf);
  return {
    edtf,
    valid: true,
    min,
    max,
    words: { en: formatEdtf(edtf, 'en'), de: formatEdtf(edtf, 'de'), ru: formatEdtf(edtf, 'ru') },
  };
}
