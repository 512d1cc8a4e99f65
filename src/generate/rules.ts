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

type AnyRule = readonly [string, unknown, Condition?];

/**
 * Rules by the code of their first character: looking a code up in an array costs nothing next to
 * a map keyed by one-letter strings, which V8 makes anew (and hashes) for each Cyrillic letter read.
 * Longest first; among equal lengths, the order given (so a conditional rule precedes its default).
 */
function indexByFirst<R extends AnyRule>(rules: readonly R[]): (R[] | undefined)[] {
  const byFirst: (R[] | undefined)[] = [];
  for (const rule of rules) {
    const first = rule[0].charCodeAt(0);
    const list = byFirst[first] ?? [];
    list.push(rule);
    byFirst[first] = list;
  }
  for (const list of byFirst) list?.sort((a, b) => b[0].length - a[0].length);
  return byFirst;
}

/** A decorated letter's base letter when some rule starts with it (ř → r), else null. */
function undecorated(ch: string, byFirst: readonly (AnyRule[] | undefined)[]): string | null {
  const base = ch.normalize('NFD')[0] as string;
  return base !== ch && byFirst[base.charCodeAt(0)] !== undefined ? base : null;
}

export type Rewriter = (s: string) => string;

/**
 * Compiles rules into a rewriter. At each position the longest `from` whose condition holds wins;
 * a character no rule covers is kept as it is, after trying its base letter without diacritics.
 */
export function compileRules(rules: readonly Rule[], options: { cacheSize?: number } = {}): Rewriter {
  const byFirst = indexByFirst(rules);

  const rewritePart = (part: string): string => {
    let s = part.toLowerCase();
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
      const base = undecorated(ch, byFirst);
      if (base !== null) {
        // Read the undecorated letter in its place (Czech á, í … in Viennese names).
        s = s.slice(0, i) + base + s.slice(i + 1);
        continue;
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

// --- Rules with several spellings ---------------------------------------------------------------

/** One spelling a rule allows, and its weight against the rule's other spellings. */
export type Choice = readonly [to: string, weight: number];

/** A rule whose `to` may list the spellings clerks used, the conventional one first. */
export type VariantRule = readonly [from: string, to: string | readonly Choice[], when?: Condition];

/** The spellings of a name, likeliest first, with the chance of each (together 1). */
export interface Spellings {
  readonly forms: readonly string[];
  readonly chances: readonly number[];
}

export interface VariantRewriter {
  /** The conventional spelling: each rule's first choice. */
  conventional: Rewriter;
  /** The likeliest spellings, at most `limit` of them, with their chances renormalized. */
  spellings: (s: string) => Spellings;
}

type Weighted = [text: string, chance: number];

/** Keeps the `limit` likeliest, adding up the chances of equal texts. */
function prune(items: Weighted[], limit: number): Weighted[] {
  const merged = new Map<string, number>();
  for (const [text, chance] of items) merged.set(text, (merged.get(text) ?? 0) + chance);
  return [...merged].sort((a, b) => b[1] - a[1]).slice(0, limit);
}

/**
 * Every way of combining one choice per step, likeliest first. Keeping the `limit` likeliest
 * prefixes whenever there are more loses none of the `limit` likeliest results, since the steps
 * choose independently.
 */
function combine(steps: readonly (readonly Weighted[])[], limit: number): Weighted[] {
  let beam: Weighted[] = [['', 1]];
  for (const step of steps) {
    if (step.length === 1) {
      const [text] = step[0] as Weighted;
      for (const item of beam) item[0] += text;
      continue;
    }
    const next: Weighted[] = [];
    for (const [prefix, p] of beam) for (const [text, q] of step) next.push([prefix + text, p * q]);
    beam = next.length > limit ? prune(next, limit) : next;
  }
  return beam.length > 1 ? prune(beam, limit) : beam;
}

/**
 * Compiles rules with alternative spellings. Matching is as in compileRules (longest `from` whose
 * condition holds, on the input), so every spelling of a name splits it the same way and differs
 * only in the choices made for its pieces.
 */
export function compileVariants(
  rules: readonly VariantRule[],
  options: { limit?: number; cacheSize?: number } = {},
): VariantRewriter {
  const limit = options.limit ?? 24;
  const conventional = compileRules(
    rules.map(([from, to, when]): Rule => [from, typeof to === 'string' ? to : (to[0] as Choice)[0], when]),
    options,
  );
  const byFirst = indexByFirst(rules);

  const choicesOf = (to: VariantRule[1]): Weighted[] => {
    if (typeof to === 'string') return [[to, 1]];
    const total = to.reduce((sum, [, w]) => sum + w, 0);
    return to.map(([text, w]) => [text, w / total]);
  };

  const partSpellings = (part: string): Weighted[] => {
    let s = part.toLowerCase();
    const steps: Weighted[][] = [];
    let i = 0;
    while (i < s.length) {
      let rule: VariantRule | undefined;
      for (const candidate of byFirst[s.charCodeAt(i)] ?? []) {
        const [from, , when] = candidate;
        if (!s.startsWith(from, i) || (when && !when(s[i - 1] ?? '', s[i + from.length] ?? ''))) continue;
        rule = candidate;
        break;
      }
      if (rule) {
        steps.push(choicesOf(rule[1]));
        i += rule[0].length;
        continue;
      }
      const base = undecorated(s[i] as string, byFirst);
      if (base !== null) {
        s = s.slice(0, i) + base + s.slice(i + 1);
        continue;
      }
      steps.push([[s[i] as string, 1]]);
      i += 1;
    }
    const first = part[0] as string;
    const upper = first !== first.toLowerCase();
    return combine(steps, limit).map(([text, p]) => [upper ? capitalize(text) : text, p]);
  };

  const cache = new Map<string, Spellings>();
  const cacheSize = options.cacheSize ?? 20_000;
  const spellings = (s: string): Spellings => {
    const hit = cache.get(s);
    if (hit) return hit;
    const steps = s
      .split(SEPARATOR)
      .filter((piece) => piece !== '')
      .map((piece): Weighted[] => (SEPARATOR.test(piece) ? [[piece, 1]] : partSpellings(piece)));
    const all = combine(steps, limit);
    const total = all.reduce((sum, [, p]) => sum + p, 0);
    const result = { forms: all.map(([text]) => text), chances: all.map(([, p]) => p / total) };
    if (cache.size < cacheSize) cache.set(s, result);
    return result;
  };

  return { conventional, spellings };
}
