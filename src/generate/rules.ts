/**
 * A tiny longest-match rewriting engine for the generator's spelling rules (Latin → Cyrillic as a
 * Soviet clerk wrote it, Cyrillic → Latin in several conventions). Rules see the lowercased word
 * part they rewrite; hyphens and spaces split a name into parts, and each part keeps the
 * capitalization of its first letter.
 */

/** Context of a match: the input character before it and after it ('' at the part's edges). */
export type Condition = (prev: string, next: string) => boolean;

/** [from, to, condition?]: rewrite `from` to `to` where the condition holds. */
export type Rule = readonly [string, string, Condition?];

export const atStart: Condition = (prev) => prev === '';
export const atEnd: Condition = (_prev, next) => next === '';
export const not =
  (c: Condition): Condition =>
  (p, n) =>
    !c(p, n);
export const and =
  (...cs: Condition[]): Condition =>
  (p, n) =>
    cs.every((c) => c(p, n));
export const or =
  (...cs: Condition[]): Condition =>
  (p, n) =>
    cs.some((c) => c(p, n));
export const prevIs =
  (test: (c: string) => boolean): Condition =>
  (p) =>
    test(p);
export const nextIs =
  (test: (c: string) => boolean): Condition =>
  (_p, n) =>
    test(n);

/** A character-class test usable in conditions. */
export const charIn = (chars: string) => {
  const set = new Set(chars);
  return (c: string) => c !== '' && set.has(c);
};

const SEPARATOR = /([\s-]+)/;

export type Rewriter = (s: string) => string;

/**
 * Compiles rules into a rewriter. At each position the longest `from` whose condition holds wins;
 * a character no rule covers is kept as it is, after trying its base letter without diacritics.
 */
export function compileRules(rules: readonly Rule[], options: { cacheSize?: number } = {}): Rewriter {
  // The rules by the code of their first character: looking a code up in an array costs nothing
  // next to a map keyed by one-letter strings, which V8 makes anew (and hashes) for each Cyrillic
  // letter read.
  const byFirst: (Rule[] | undefined)[] = [];
  for (const rule of rules) {
    const first = rule[0].charCodeAt(0);
    const list = byFirst[first] ?? [];
    list.push(rule);
    byFirst[first] = list;
  }
  // Longest first; among equal lengths, the order given (so a conditional rule precedes its default).
  for (const list of byFirst) list?.sort((a, b) => b[0].length - a[0].length);

  const rewritePart = (part: string): string => {
    const s = part.toLowerCase();
    let out = '';
    let i = 0;
    while (i < s.length) {
      const candidates = byFirst[s.charCodeAt(i)];
      let matched = false;
      if (candidates) {
        for (const [from, to, when] of candidates) {
          if (!s.startsWith(from, i)) continue;
          if (when && !when(i === 0 ? '' : (s[i - 1] as string), s[i + from.length] ?? '')) continue;
          out += to;
          i += from.length;
          matched = true;
          break;
        }
      }
      if (matched) continue;
      const ch = s[i] as string;
      const base = ch.normalize('NFD')[0] as string;
      if (base !== ch && byFirst[base.charCodeAt(0)] !== undefined) {
        // Rewrite the undecorated letter in place and go on (Czech ř, š … in Viennese names).
        const rest = rewritePart(base + s.slice(i + 1));
        return out + rest;
      }
      out += ch;
      i += 1;
    }
    return out;
  };

  const cache = new Map<string, string>();
  const limit = options.cacheSize ?? 20_000;
  return (s: string) => {
    const hit = cache.get(s);
    if (hit !== undefined) return hit;
    let result = '';
    for (const piece of s.split(SEPARATOR)) {
      if (piece === '' || SEPARATOR.test(piece)) {
        result += piece;
        continue;
      }
      const rewritten = rewritePart(piece);
      const first = piece[0] as string;
      result += first !== first.toLowerCase() ? capitalize(rewritten) : rewritten;
    }
    if (cache.size < limit) cache.set(s, result);
    return result;
  };
}

export function capitalize(s: string): string {
  return s === '' ? s : (s[0] as string).toUpperCase() + s.slice(1);
}
