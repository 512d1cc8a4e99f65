import type { Atom } from './edtf-atoms.ts';
import type { Component } from './edtf-tree.ts';

/**
 * Where a date stands in a phrase, so each language can pick its case or article: Russian "с мая"
 * (from) but "по май" (to), German "vom 20. November" but "bis zum 20. November".
 */
export type Slot = 'alone' | 'about' | 'from' | 'to' | 'since' | 'until' | 'between' | 'item';

/** An interval end once worded: the date's text, or no limit, or an unknown limit. */
export type EndWords = { text: string } | 'open' | 'unknown';

/** What one language provides; edtf-words.ts composes the phrases from it. */
export interface Lexicon {
  atom(atom: Atom, slot: Slot): string;
  /**
   * A date approximate as a whole: "about 1931", "ungefähr 1931", "около 1931"; null where the
   * language says so in a note instead.
   */
  approximate(atom: Atom, slot: Slot): string | null;
  /** A note put in brackets after a date: "uncertain" for all of it, else "year approximate". */
  note(kind: 'approximate' | 'uncertain', parts: Component[] | 'all'): string;
  interval(start: EndWords, end: EndWords): string;
  /** One date somewhere in a consecutive range: "between 1939 and 1940". */
  between(first: string, last: string): string;
  /** A set: one of the items ("1939 or 1940"), or an earlier or later date. */
  oneOf(items: string[], earlier: boolean, later: boolean): string;
  /** A list: all of the items ("1939 and 1940"), and earlier or later dates. */
  allOf(items: string[], earlier: boolean, later: boolean): string;
  unknownDate: string;
}

/** "a, b or c" */
export function joinList(items: string[], conjunction: string): string {
  if (items.length < 2) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items.at(-1)}`;
}

/** True for two or more consecutive numbers, which read better as a span ("10–19"). */
export function isRun(numbers: number[]): boolean {
  return numbers.length > 1 && numbers.every((n, i) => i === 0 || n === (numbers[i - 1] ?? n) + 1);
}

/** "1940/41", or "1999/2000" across a century. */
export function winterYears(year: number, label: (y: number) => string): string {
  const next = year + 1;
  const short = year > 0 && Math.floor(year / 100) === Math.floor(next / 100);
  return `${label(year)}/${short ? String(next).slice(-2) : label(next)}`;
}
