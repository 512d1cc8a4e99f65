/*
 * Rows in transit from the generating worker to the writing thread. Structured cloning an array
 * of millions of small values costs about as much as generating them, on both sides; this
 * encoding costs a fraction: each value's kind in one byte, numbers in a Float64Array (both
 * transferred, not copied) and all strings joined into one, which the receiver splits natively.
 */

/** Separates strings in `text`; generated values never contain it (encodeValues checks). */
const SEPARATOR = '\u0001';
const NULL = 0;
const NUMBER = 1;
const STRING = 2;

export interface EncodedValues {
  kinds: Uint8Array;
  numbers: Float64Array;
  text: string;
  strings: number;
}

/** Encodes a flat array of null, number and string values. */
export function encodeValues(values: readonly unknown[]): EncodedValues {
  const kinds = new Uint8Array(values.length);
  const numbers: number[] = [];
  const strings: string[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v === null || v === undefined) {
      kinds[i] = NULL;
    } else if (typeof v === 'number') {
      kinds[i] = NUMBER;
      numbers.push(v);
    } else if (typeof v === 'string') {
      if (v.includes(SEPARATOR)) throw new Error('a generated value contains U+0001');
      kinds[i] = STRING;
      strings.push(v);
    } else {
      throw new Error(`cannot send a ${typeof v} value`);
    }
  }
  return { kinds, numbers: Float64Array.from(numbers), text: strings.join(SEPARATOR), strings: strings.length };
}

/** The values encodeValues was given. */
export function decodeValues(encoded: EncodedValues): unknown[] {
  const { kinds, numbers } = encoded;
  const strings = encoded.strings === 0 ? [] : encoded.text.split(SEPARATOR);
  if (strings.length !== encoded.strings) throw new Error('damaged rows: string count differs');
  const out = new Array<unknown>(kinds.length);
  let n = 0;
  let s = 0;
  for (let i = 0; i < kinds.length; i++) {
    const kind = kinds[i];
    out[i] = kind === NUMBER ? numbers[n++] : kind === STRING ? strings[s++] : null;
  }
  return out;
}

/** The buffers to transfer with a message carrying `encoded`. */
export function transferables(encoded: readonly EncodedValues[]): ArrayBuffer[] {
  return encoded.flatMap((e) => [e.kinds.buffer as ArrayBuffer, e.numbers.buffer as ArrayBuffer]);
}
