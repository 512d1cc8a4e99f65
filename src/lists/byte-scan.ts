import { createHash } from 'node:crypto';

/*
 * The first look at a file's bytes, in one streamed pass: its SHA-256 and size, whether it is text
 * at all, and what its lines say about its encoding. A line is ASCII, valid UTF-8 with letters
 * beyond ASCII, or neither (bytes UTF-8 does not allow: a single-byte encoding such as
 * Windows-1251). A file with lines of both of the last two kinds mixes encodings.
 */

/** Bytes of lines in a single-byte encoding kept for guessing which one: plenty for a detector. */
const SAMPLE_BYTES = 64 * 1024;

export interface ByteScan {
  size: number;
  sha256: string;
  /** A byte-order mark at the start: its encoding. */
  bom: 'utf-8' | 'utf-16le' | 'utf-16be' | null;
  /** The first NUL byte (not in UTF-16): the file is binary. */
  firstNul: number | null;
  /** The first four bytes, for telling a ZIP (XLSX) or an old Excel file apart. */
  magic: Uint8Array;
  /** Lines with UTF-8 beyond ASCII, and lines with bytes UTF-8 does not allow; the first of each. */
  utf8Lines: number;
  otherLines: number;
  firstUtf8Line: number | null;
  firstOtherLine: number | null;
  /** Lines of the second kind, for a detector to tell their encoding. */
  sample: Uint8Array;
  lines: number;
}

/** Reads a file's bytes once and says what they are (see ByteScan). */
export async function scanBytes(chunks: AsyncIterable<Uint8Array>): Promise<ByteScan> {
  const hash = createHash('sha256');
  let size = 0;
  let magic = new Uint8Array(0);
  let firstNul: number | null = null;
  // UTF-8 state: continuation bytes still expected, and the current line's kind so far.
  let pending = 0;
  let lineUtf8 = false;
  let lineOther = false;
  let line = 1;
  let lineStart: number[] = [];
  const sampleParts: Uint8Array[] = [];
  let sampled = 0;
  let utf8Lines = 0;
  let otherLines = 0;
  let firstUtf8Line: number | null = null;
  let firstOtherLine: number | null = null;
  const endLine = () => {
    if (lineOther) {
      otherLines++;
      firstOtherLine ??= line;
    } else if (lineUtf8) {
      utf8Lines++;
      firstUtf8Line ??= line;
    }
    lineUtf8 = false;
    lineOther = false;
    pending = 0;
    line++;
  };
  for await (const chunk of chunks) {
    hash.update(chunk);
    if (magic.length < 4) magic = Uint8Array.from([...magic, ...chunk.subarray(0, 4 - magic.length)]);
    lineStart = [0];
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      if (b === 0 && firstNul === null) firstNul = size + i;
      if (b === 0x0a) {
        if (lineOther && sampled < SAMPLE_BYTES) {
          const part = chunk.subarray(lineStart[0] as number, i + 1);
          sampleParts.push(part.slice());
          sampled += part.length;
        }
        endLine();
        lineStart = [i + 1];
        continue;
      }
      if (pending > 0) {
        if ((b & 0xc0) === 0x80) {
          pending--;
          if (pending === 0) lineUtf8 = true;
          continue;
        }
        lineOther = true;
        pending = 0;
      }
      if (b < 0x80) continue;
      if (b >= 0xc2 && b <= 0xdf) pending = 1;
      else if (b >= 0xe0 && b <= 0xef) pending = 2;
      else if (b >= 0xf0 && b <= 0xf4) pending = 3;
      else lineOther = true;
    }
    if (lineOther && sampled < SAMPLE_BYTES) {
      const part = chunk.subarray(lineStart[0] as number);
      sampleParts.push(part.slice());
      sampled += part.length;
    }
    size += chunk.length;
  }
  if (pending > 0) lineOther = true;
  if (lineUtf8 || lineOther) endLine();
  const bom =
    magic[0] === 0xef && magic[1] === 0xbb && magic[2] === 0xbf
      ? 'utf-8'
      : magic[0] === 0xff && magic[1] === 0xfe
        ? 'utf-16le'
        : magic[0] === 0xfe && magic[1] === 0xff
          ? 'utf-16be'
          : null;
  const sample = new Uint8Array(sampled);
  let at = 0;
  for (const part of sampleParts) {
    sample.set(part.subarray(0, Math.max(0, sampled - at)), at);
    at += part.length;
  }
  return {
    size,
    sha256: hash.digest('hex'),
    bom,
    firstNul: bom === 'utf-16le' || bom === 'utf-16be' ? null : firstNul,
    magic,
    utf8Lines,
    otherLines,
    firstUtf8Line,
    firstOtherLine,
    sample: sample.subarray(0, Math.min(sampled, SAMPLE_BYTES)),
    lines: line,
  };
}
