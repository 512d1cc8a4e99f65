export const TEXT_KINDS = ['biography', 'event', 'document', 'list-row'] as const;
export type TextKind = (typeof TEXT_KINDS)[number];

/** Marks around the matched words in a snippet; control characters never occur in the texts. */
export const MARK_START = String.fromCharCode(1);
export const MARK_END = String.fromCharCode(2);

/** Splits a snippet into plain and matched parts. */
export function snippetParts(snippet: string): { text: string; matched: boolean }[] {
  const parts: { text: string; matched: boolean }[] = [];
  let rest = snippet;
  for (let start = rest.indexOf(MARK_START); start >= 0; start = rest.indexOf(MARK_START)) {
    const end = rest.indexOf(MARK_END, start);
    if (end < 0) break;
    if (start > 0) parts.push({ text: rest.slice(0, start), matched: false });
    parts.push({ text: rest.slice(start + 1, end), matched: true });
    rest = rest.slice(end + 1);
  }
  if (rest) parts.push({ text: rest.split(MARK_START).join('').split(MARK_END).join(''), matched: false });
  return parts;
}

export interface TextHit {
  kind: TextKind;
  ref: number;
  lang: string | null;
  /** The matching passage; the matched words are wrapped in MARK_START … MARK_END. */
  snippet: string;
}

/**
 * Full-text index over the archive's prose, one implementation per engine. Its entries are made
 * from the archive by SQL, record by record: a biography per published person and language, an
 * event's descriptions (its variants' too) under the main event, a source's document texts, a
 * list row's cells as written. The records are the entries' `ref`s.
 */
export interface TextIndex {
  /**
   * Makes the entries of the records of `kind` with refs from `first` to `last` again from what
   * the archive holds now: those of removed records go, changed ones are written anew. Returns
   * how many entries it wrote.
   */
  replace(kind: TextKind, first: number, last: number): Promise<number>;
  /** The largest ref of `kind` the index has an entry for (0 for none). */
  lastIndexedRef(kind: TextKind): Promise<number>;
  /** Every word must occur (diacritics and case ignored), best matches first. */
  search(words: string[], limit: number): Promise<{ total: number; hits: TextHit[] }>;
}
