import chardet from 'chardet';
import iconv from 'iconv-lite';
import type { ByteScan } from './byte-scan.ts';

/*
 * Which encoding a list's file is in. A byte-order mark says so; a file whose every line is
 * valid UTF-8 is UTF-8 (plain ASCII included); otherwise it is one of the single-byte encodings
 * lists come in, which a statistical detector (chardet) tells apart from the lines that are not
 * UTF-8. Windows-1251 and KOI8-R hold the same Cyrillic letters at different bytes, and
 * Windows-1252 the German ones.
 */

/** The encodings a list may be read in, by the names iconv-lite knows. */
export const LIST_ENCODINGS = ['utf-8', 'windows-1251', 'koi8-r', 'windows-1252', 'utf-16le', 'utf-16be'] as const;
export type ListEncoding = (typeof LIST_ENCODINGS)[number];

const ALIASES: Record<string, ListEncoding> = {
  utf8: 'utf-8',
  'utf-8': 'utf-8',
  cp1251: 'windows-1251',
  'windows-1251': 'windows-1251',
  win1251: 'windows-1251',
  koi8r: 'koi8-r',
  'koi8-r': 'koi8-r',
  cp1252: 'windows-1252',
  'windows-1252': 'windows-1252',
  latin1: 'windows-1252',
  'iso-8859-1': 'windows-1252',
  utf16le: 'utf-16le',
  'utf-16le': 'utf-16le',
  utf16be: 'utf-16be',
  'utf-16be': 'utf-16be',
};

/** An encoding's name as given by a person (`cp1251`, `KOI8-R`), or null if it is not one lists are read in. */
export function parseEncoding(name: string): ListEncoding | null {
  return ALIASES[name.trim().toLowerCase()] ?? null;
}

/** What the detector's names mean here; ISO-8859-1 is read as its superset Windows-1252. */
const DETECTED: Record<string, ListEncoding> = {
  'windows-1251': 'windows-1251',
  'KOI8-R': 'koi8-r',
  'windows-1252': 'windows-1252',
  'ISO-8859-1': 'windows-1252',
};

export type EncodingVerdict =
  | { encoding: ListEncoding; detected: boolean }
  /** UTF-8 lines and lines in another encoding in one file: the first line of the fewer kind. */
  | { mixed: { line: number; utf8Lines: number; otherLines: number } };

/** The file's encoding, as chosen (when `chosen` is given) or detected. */
export function decideEncoding(scan: ByteScan, chosen: ListEncoding | null): EncodingVerdict {
  if (chosen) return { encoding: chosen, detected: false };
  if (scan.bom) return { encoding: scan.bom, detected: true };
  if (scan.otherLines === 0) return { encoding: 'utf-8', detected: true };
  if (scan.utf8Lines > 0) {
    const line = scan.utf8Lines <= scan.otherLines ? scan.firstUtf8Line : scan.firstOtherLine;
    return { mixed: { line: line ?? 1, utf8Lines: scan.utf8Lines, otherLines: scan.otherLines } };
  }
  return { encoding: detectSingleByte(scan.sample), detected: true };
}

/** The single-byte encoding the detector finds likeliest for these bytes (Windows-1252 if none fits). */
export function detectSingleByte(sample: Uint8Array): ListEncoding {
  for (const guess of chardet.analyse(sample)) {
    const encoding = DETECTED[guess.name];
    if (encoding) return encoding;
  }
  return 'windows-1252';
}

/** A decoder turning the file's bytes into text piece by piece, a byte-order mark left out. */
export function textDecoder(encoding: ListEncoding) {
  return iconv.getDecoder(encoding, { stripBOM: true });
}

/** The character a decoder puts where bytes are not valid in its encoding. */
export const REPLACEMENT = '\uFFFD';
