/*
 * Rows in transit from the generating worker to the writing thread. Structured cloning an array
 * of millions of small values costs about as much as generating them, on both sides; this
 * encoding costs a fraction: each value's kind in one byte, numbers in a Float64Array (both
 * transferred, not copied) and all strings joined into one, which the receiver splits natively.
 *
 * Half the strings of a run come from small vocabularies (an event's type, a participant's role, a
 * name's kind and language): a column whose values repeat sends each value once and then its
 * number in a dictionary both sides keep, which spares joining, splitting and allocating it again
 * (docs/benchmarks.md#import).
 */

/** Separates strings in `text`; generated values never contain it (the decoder notices if one does). */
const SEPARATOR = '\u0001';
/** Kinds of value; 0, a new Uint8Array's fill, is NULL. */
const NUMBER = 1;
/** A string sent in `text`. */
const STRING = 2;
/** A string sent in `text` that both sides add to their dictionary. */
const NEW_WORD = 3;
/** A string sent as its number in the dictionary (in `numbers`). */
const WORD = 4;

/**
 * A column stops being coded when more than this share of its strings in a batch were new. Looking
 * a string up costs about what sending it does, so only columns that nearly always repeat pay:
 * coding dates and given names too made encoding slower.
 */
const MAX_NEW_SHARE = 0.02;
/** Strings in a batch's column before its share of new ones is judged. */
const JUDGE_FROM = 200;
/**
 * The dictionary stops growing here: the coded columns' vocabularies stay far below it, and a
 * column judged not worth coding adds at most one batch's values before it stops.
 */
const MAX_WORDS = 1 << 18;

export interface EncodedValues {
  /** Values a row: the decoder reads them column by column, as they were encoded. */
  width: number;
  kinds: Uint8Array;
  numbers: Float64Array;
  text: string;
  strings: number;
}

/** Encodes the rows of each table; one encoder per run, as its dictionary spans the batches. */
export class ValueEncoder {
  private readonly words = new Map<string, number>();
  /** Per table, per column: whether its strings are looked up in the dictionary. */
  private readonly coded = new Map<string, boolean[]>();

  /** Encodes flat rows of `width` null, number and string values (the first `length`) of the table `table`. */
  encode(table: string, width: number, values: readonly unknown[], length = values.length): EncodedValues {
    // Room for every value being a number, rather than a growing array copied at the end.
    const numbers = new Float64Array(length);
    const kinds = new Uint8Array(length);
    const strings: string[] = [];
    let coded = this.coded.get(table);
    if (!coded) {
      coded = new Array<boolean>(width).fill(true);
      this.coded.set(table, coded);
    }
    const words = this.words;
    let n = 0;
    for (let c = 0; c < width; c++) {
      const lookUp = coded[c] as boolean;
      let seen = 0;
      let added = 0;
      for (let i = c; i < length; i += width) {
        const v = values[i];
        if (typeof v === 'number') {
          kinds[i] = NUMBER;
          numbers[n++] = v;
        } else if (typeof v === 'string') {
          if (!lookUp) {
            kinds[i] = STRING;
            strings.push(v);
            continue;
          }
          seen++;
          const word = words.get(v);
          if (word !== undefined) {
            kinds[i] = WORD;
            numbers[n++] = word;
          } else if (words.size < MAX_WORDS) {
            words.set(v, words.size);
            added++;
            kinds[i] = NEW_WORD;
            strings.push(v);
          } else {
            kinds[i] = STRING;
            strings.push(v);
          }
        } else if (v !== null && v !== undefined) {
          throw new Error(`cannot send a ${typeof v} value`);
        }
      }
      if (seen >= JUDGE_FROM && added > seen * MAX_NEW_SHARE) coded[c] = false;
    }
    return { width, kinds, numbers: numbers.subarray(0, n), text: strings.join(SEPARATOR), strings: strings.length };
  }
}

/** Decodes what a ValueEncoder encoded, in the same order (the dictionaries grow in step). */
export class ValueDecoder {
  private readonly words: string[] = [];

  /** The values that were encoded. */
  decode(encoded: EncodedValues): unknown[] {
    return this.decodeInto(encoded, new Array<unknown>(encoded.kinds.length), 0);
  }

  /** Writes the values that were encoded into `out` from `start` on; returns `out`. */
  decodeInto(encoded: EncodedValues, out: unknown[], start: number): unknown[] {
    const { width, kinds, numbers, text } = encoded;
    const words = this.words;
    const length = kinds.length;
    let n = 0;
    // The strings are cut from the text one by one rather than split into an array first: the
    // array of a batch's strings would be one more large allocation a batch.
    let from = 0;
    let strings = 0;
    const cut = (): string => {
      if (strings++ === encoded.strings || from > text.length)
        throw new Error('damaged rows: fewer strings than values');
      let to = text.indexOf(SEPARATOR, from);
      if (to < 0) to = text.length;
      const value = text.slice(from, to);
      from = to + 1;
      return value;
    };
    // In the encoder's order, column by column, so that numbers, strings and new words line up.
    for (let c = 0; c < width; c++) {
      for (let i = c; i < length; i += width) {
        const kind = kinds[i];
        let value: unknown = null;
        if (kind === NUMBER) value = numbers[n++];
        else if (kind === WORD) value = words[numbers[n++] as number];
        else if (kind === STRING) value = cut();
        else if (kind === NEW_WORD) {
          const word = cut();
          words.push(word);
          value = word;
        }
        out[start + i] = value;
      }
    }
    // Checking here, once, rather than each string as it is encoded: a value containing the
    // separator leaves text over after the last string.
    if (strings !== encoded.strings || (strings > 0 && from !== text.length + 1)) {
      throw new Error('damaged rows: a value contains U+0001');
    }
    return out;
  }
}

/** The buffers to transfer with a message carrying `encoded`. */
export function transferables(encoded: readonly EncodedValues[]): ArrayBuffer[] {
  return encoded.flatMap((e) => [e.kinds.buffer as ArrayBuffer, e.numbers.buffer as ArrayBuffer]);
}
