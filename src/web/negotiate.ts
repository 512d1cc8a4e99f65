import { InputError, NotAcceptableError } from '../errors.ts';

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const PARAM = `${TOKEN}\\s*=\\s*(?:${TOKEN}|"(?:[^"\\\\]|\\\\.)*")`;
const RANGE = new RegExp(`^\\s*(${TOKEN})/(${TOKEN})\\s*((?:;\\s*${PARAM}\\s*)*)$`);
const QVALUE = /^(?:0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
  /** Position in the header, for ties. */
  order: number;
}

/** Parses an Accept header (RFC 9110 §12.5.1); a malformed one is the caller's error to correct. */
export function parseAccept(header: string): MediaRange[] {
  const ranges: MediaRange[] = [];
  for (const [order, part] of header.split(',').entries()) {
    if (part.trim() === '') continue;
    const m = RANGE.exec(part);
    if (!m) throw new InputError(`Malformed Accept header: “${part.trim()}” is not a media range such as text/html.`);
    const type = (m[1] ?? '').toLowerCase();
    const subtype = (m[2] ?? '').toLowerCase();
    if (type === '*' && subtype !== '*') throw new InputError(`Malformed Accept header: “${part.trim()}”.`);
    let q = 1;
    for (const p of (m[3] ?? '').split(';')) {
      const [name, value] = p.split('=').map((s) => s.trim());
      if (name?.toLowerCase() !== 'q') continue;
      if (!QVALUE.test(value ?? ''))
        throw new InputError(`Malformed Accept header: q=${value} is not between 0 and 1.`);
      q = Number(value);
    }
    ranges.push({ type, subtype, q, order });
  }
  return ranges;
}

function specificity(r: MediaRange, offered: string): number {
  const [type, subtype] = offered.split('/');
  if (r.type === type && r.subtype === subtype) return 3;
  if (r.type === type && r.subtype === '*') return 2;
  if (r.type === '*') return 1;
  return 0;
}

/**
 * The media type to answer with: of those `offered` (the preferred first), the one the Accept
 * header rates highest, as rated by its most specific range. No header, or an empty one, takes
 * the first offered. Throws InputError for a malformed header, NotAcceptableError when it
 * accepts none of them.
 */
export function negotiate(header: string | undefined, offered: readonly string[]): string {
  const first = offered[0];
  if (!first) throw new Error('negotiate needs at least one media type');
  if (!header?.trim()) return first;
  const ranges = parseAccept(header);
  if (ranges.length === 0) return first;
  let best: { type: string; q: number; index: number } | null = null;
  for (const [index, type] of offered.entries()) {
    let match: MediaRange | null = null;
    let level = 0;
    for (const r of ranges) {
      const s = specificity(r, type);
      if (s > level) {
        level = s;
        match = r;
      }
    }
    if (!match || match.q === 0) continue;
    if (!best || match.q > best.q) best = { type, q: match.q, index };
  }
  if (!best) throw new NotAcceptableError(offered);
  return best.type;
}
