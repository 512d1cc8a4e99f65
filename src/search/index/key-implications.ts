import type { Db, Storage } from '../../db/connection.ts';
import { forEachFieldWords, type NameInput } from '../../names/name-keys.ts';
import { readImplications, writeImplications } from './key-implication.repository.ts';
import { cachedToken } from './search-doc.ts';
import type { TokenGroups } from './search-index.ts';

/*
 * A query word looks the index up under several keys at once: "Karl" under karl, s_karl and
 * g_karl; "Ян" under seven. Many of them are redundant: every stored word spelled karl also has
 * the skeleton s_karl, so asking for karl OR s_karl finds exactly what s_karl alone finds. The
 * index pays for each list an OR merges, so the redundant ones are left out (docs/search.md#costs).
 *
 * Whether one key implies another depends on the words stored, not on the keys alone: ćwik and
 * cwik fold to the same cwik, but their skeletons differ (s_tvik, s_kvik). So the indexer
 * records, for every index token, the tokens that every stored word having it also has (the
 * intersection over those words), and a query drops a token only when another of its group is
 * among them. Adding a word can only narrow an intersection; removing one leaves it true.
 */

/** The index tokens of a word's keys; the analyzer keeps one key list per word, so this is per word too. */
const tokensOf = new WeakMap<readonly { key: string }[], Set<string>>();

/**
 * For each token of the words of `names`, the other tokens every one of those words has. Words
 * whose keys are in `seen` are left out, and those met are added: a word implies the same each
 * time, so a caller that has stored what a word implies need not narrow by it again.
 */
export function implicationsOf(names: Iterable<NameInput>, seen?: WeakSet<object>): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  const addWord = (keys: readonly { key: string }[]) => {
    if (seen) {
      if (seen.has(keys)) return;
      seen.add(keys);
    }
    let tokens = tokensOf.get(keys);
    if (!tokens) {
      tokens = new Set(keys.map((k) => cachedToken(k.key)));
      tokensOf.set(keys, tokens);
    }
    for (const t of tokens) {
      const known = out.get(t);
      if (known === undefined) {
        const others = new Set(tokens);
        others.delete(t);
        out.set(t, others);
      } else {
        for (const u of known) if (!tokens.has(u)) known.delete(u);
      }
    }
  };
  for (const name of names) {
    // A field met before had all its words met before.
    forEachFieldWords(name, (words) => {
      if (seen) {
        if (seen.has(words)) return;
        seen.add(words);
      }
      for (const keys of words) addWord(keys);
    });
  }
  return out;
}

/** Whether `b` holds every token of `a`. */
function within(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  for (const t of a) if (!b.has(t)) return false;
  return true;
}

/** Tokens a caller's `known` map of mergeImplications may hold before it starts again. */
const KNOWN_LIMIT = 200_000;

/**
 * Narrows the stored implications by those of newly indexed words (`implicationsOf` them). Call
 * it in the transaction that writes their documents, under the index's write lock.
 *
 * `known`, kept by one caller across many batches (a rebuild), remembers what it last read or
 * wrote. Other writers only ever narrow an entry, so the stored one is within the remembered one;
 * a token whose new words imply all the remembered tokens cannot change and is not read again.
 */
export async function mergeImplications(
  db: Db,
  found: ReadonlyMap<string, ReadonlySet<string>>,
  known?: Map<string, ReadonlySet<string>>,
  sqlite?: Storage['sqlite'],
): Promise<void> {
  // Forgetting only costs reads again; remembering every token of millions of names would not fit.
  if (known && known.size > KNOWN_LIMIT) known.clear();
  const tokens = [...found.keys()].filter((t) => {
    const remembered = known?.get(t);
    return remembered === undefined || !within(remembered, found.get(t) as ReadonlySet<string>);
  });
  const stored = await readImplications(db, tokens);
  const changed: [string, ReadonlySet<string>][] = [];
  for (const t of tokens) {
    const mine = found.get(t) as ReadonlySet<string>;
    const before = stored.get(t);
    const after = before ? new Set([...before].filter((u) => mine.has(u))) : mine;
    known?.set(t, after);
    // Narrowing only removes tokens: the same size is the same set.
    if (!before || after.size !== before.size) changed.push([t, after]);
  }
  await writeImplications(db, changed, sqlite);
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
