/*
 * Rows in transit from the generating worker to the writing thread. Structured cloning an array
 * of millions of small values costs about as much as generating them, on both sides; this
 * encoding costs a fraction: each value's kind in one byte, numbers in a Float64Array (both
 * transferred, not copied) and all strings joined into one, which the receiver splits natively.
 */

/** Separates strings in `text`; generated values never contain it (decodeValues notices if one does). */
const SEPARATOR = '\u0001';
/** Kinds of value; 0, a new Uint8Array's fill, is NULL. */
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
  const length = values.length;
  // Room for every value being a number, rather than a growing array copied at the end.
  const numbers = new Float64Array(length);
  const kinds = new Uint8Array(length);
  const strings: string[] = [];
  let n = 0;
  for (let i = 0; i < length; i++) {
    const v = values[i];
    if (typeof v === 'number') {
      kinds[i] = NUMBER;
      numbers[n++] = v;
    } else if (typeof v === 'string') {
      kinds[i] = STRING;
      strings.push(v);
    } else if (v !== null && v !== undefined) {
      throw new Error(`cannot send a ${typeof v} value`);
    }
  }
  return { kinds, numbers: numbers.subarray(0, n), text: strings.join(SEPARATOR), strings: strings.length };
}

/** The values encodeValues was given. */
export function decodeValues(encoded: EncodedValues): unknown[] {
  const { kinds, numbers } = encoded;
  const strings = encoded.strings === 0 ? [] : encoded.text.split(SEPARATOR);
  // Checking here, once, rather than each string as it is encoded: a value containing the
  // separator splits into one string too many.
  if (strings.length !== encoded.strings) throw new Error('damaged rows: a value contains U+0001');
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
