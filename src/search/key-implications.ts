import { cachedToken } from './search-doc.ts';
import type { TokenGroups } from './search-index.ts';
import { forEachWordKeys, type NameInput } from './text/analyze.ts';

/*
 * A query word looks the index up under several keys at once: "Karl" under karl, s_karl and
 * g_karl; "Ян" under seven. Many of them are redundant: every stored word spelled karl also has
 * the skeleton s_karl, so asking for karl OR s_karl finds exactly what s_karl alone finds. The
 * index pays for each list an OR merges (at 5 million persons, "Karl Schmidt" takes 30 ms with
 * all five lists and 11 ms with the three that are not implied), so the redundant ones are left out.
 *
 * Whether one key implies another depends on the words stored, not on the keys alone: ćwik and
 * cwik fold to the same cwik, but their skeletons differ (s_tvik, s_kvik). So the indexer
 * records, for every index token, the tokens that every stored word having it also has (the
 * intersection over those words), and a query drops a token only when another of its group is
 * among them. Adding a word can only narrow an intersection; removing one leaves it true.
 */

/** The index tokens of a word's keys; the analyzer keeps one key list per word, so this is per word too. */
const tokensOf = new WeakMap<readonly { key: string }[], Set<string>>();

/** For each token of the words of `names`, the other tokens every one of those words has. */
export function implicationsOf(names: Iterable<NameInput>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const name of names) {
    forEachWordKeys(name, (keys) => {
      let tokens = tokensOf.get(keys);
      if (!tokens) {
        tokens = new Set(keys.map((k) => cachedToken(k.key)));
        tokensOf.set(keys, tokens);
      }
      for (const t of tokens) {
        const seen = out.get(t);
        if (seen === undefined) {
          const others = new Set(tokens);
          others.delete(t);
          out.set(t, others);
        } else {
          for (const u of seen) if (!tokens.has(u)) seen.delete(u);
        }
      }
    });
  }
  return out;
}

/** Both intersected: what `a` and `b` each imply. */
export function narrowed(a: ReadonlySet<string>, b: ReadonlySet<string>): Set<string> {
  return new Set([...a].filter((t) => b.has(t)));
}

/**
 * The groups without the tokens another token of the same group covers: a document has a dropped
 * token only if it also has one that is kept, so every group matches exactly the same documents.
 * A token is dropped only for one still kept, so of two that always go together one stays.
 */
export function withoutImplied(groups: TokenGroups, implied: ReadonlyMap<string, ReadonlySet<string>>): TokenGroups {
  return groups.map((group) => {
    const kept = new Set(group);
    for (const t of group) {
      const covers = implied.get(t);
      if (covers === undefined || covers.size === 0) continue;
      for (const u of covers) {
        if (u !== t && kept.has(u)) {
          kept.delete(t);
          break;
        }
      }
    }
    return group.filter((t) => kept.has(t));
  });
}
