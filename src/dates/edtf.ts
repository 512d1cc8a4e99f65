import { spanOfEdtf } from './edtf-bounds.ts';

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
