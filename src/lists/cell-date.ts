import { isValidEdtf } from '../dates/edtf.ts';

/*
 * A date as lists write it, read as an EDTF date where the form is unambiguous: "1898",
 * "17.12.1937", "12.1937", "1937-12-17", "ca. 1900" / "um 1900" / "около 1900", "1900?". Anything
 * else is kept in words only. Two-digit years are not guessed at.
 */

const ABOUT = /^(?:ca\.?|c\.|circa|um|etwa|ок\.|около|прибл\.)\s*/i;

const pad = (n: string) => n.padStart(2, '0');

/** The EDTF date a list's cell means, or null when its form is not one read here. */
export function cellDate(cell: string): string | null {
  let text = cell.trim().replace(/\s*(г\.|года?|гг\.)$/i, '');
  let qualifier = '';
  if (ABOUT.test(text)) {
    text = text.replace(ABOUT, '');
    qualifier = '~';
  } else if (text.endsWith('?')) {
    text = text.slice(0, -1).trim();
    qualifier = '?';
  }
  const year = /^(\d{4})$/.exec(text);
  const day = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(text);
  const month = /^(\d{1,2})\.(\d{4})$/.exec(text);
  const iso = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/.exec(text);
  const edtf = year
    ? year[1]!
    : day
      ? `${day[3]}-${pad(day[2]!)}-${pad(day[1]!)}`
      : month
        ? `${month[2]}-${pad(month[1]!)}`
        : iso
          ? [iso[1], iso[2], iso[3]].filter(Boolean).join('-')
          : null;
  if (!edtf) return null;
  const dated = `${edtf}${qualifier}`;
  return isValidEdtf(dated) ? dated : null;
}
