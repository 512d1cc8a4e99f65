/**
 * Given-name equivalence groups (data/given-names.tsv): Wilhelm = Willi = Вильгельм = Vilgelm.
 * The table is read once, on first use.
 */
import { readFileSync } from 'node:fs';
import { foldName, umlautVariants } from './normalize.ts';
import { skeletonKeys } from './skeleton.ts';

const TABLE_URL = new URL('../../../data/given-names.tsv', import.meta.url);

export interface GivenNameTable {
  /** Group id → its names as written in the table. */
  groups: Map<string, string[]>;
  /** Folded name (and its umlaut spellings) → group id. */
  byName: Map<string, string>;
  /** Skeleton key → group id, for keys that point to exactly one group. */
  bySkeleton: Map<string, string>;
}

/** Parses the TSV format: `id<TAB>name|name|…`, `#` comments. Throws on a malformed line. */
export function parseGivenNames(text: string): GivenNameTable {
  const groups = new Map<string, string[]>();
  const byName = new Map<string, string>();
  const skeletonGroups = new Map<string, Set<string>>();
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [id, members, extra] = line.split('\t');
    if (!id || !/^[a-z]+$/.test(id) || !members || extra !== undefined || groups.has(id)) {
      throw new Error(`given-names.tsv line ${index + 1}: expected a new lowercase id, a tab and names`);
    }
    const names = members
      .split('|')
      .map((name) => name.trim())
      .filter(Boolean);
    groups.set(id, names);
    for (const name of names) {
      for (const spelling of [foldName(name), ...umlautVariants(name)]) {
        const other = byName.get(spelling);
        if (other !== undefined && other !== id) {
          throw new Error(`given-names.tsv: "${name}" is in groups ${other} and ${id}`);
        }
        byName.set(spelling, id);
      }
      for (const key of skeletonKeys(name)) {
        const ids = skeletonGroups.get(key) ?? new Set<string>();
        ids.add(id);
        skeletonGroups.set(key, ids);
      }
    }
  }
  const bySkeleton = new Map<string, string>();
  for (const [key, ids] of skeletonGroups) {
    // A key shared by two groups, or of fewer than 3 symbols, would be a guess: only listed names count.
    if (ids.size === 1 && key.length >= 3) bySkeleton.set(key, [...ids][0]!);
  }
  return { groups, byName, bySkeleton };
}

let table: GivenNameTable | undefined;

/** The table from data/given-names.tsv, parsed on first use. */
export function givenNameTable(): GivenNameTable {
  table ??= parseGivenNames(readFileSync(TABLE_URL, 'utf8'));
  return table;
}

/**
 * Group id of a given name, or null: "willi", "вилли" and "vilgelm" → "wilhelm". Takes a folded
 * token; the raw spelling, when given, also lets "Käthe" → "kaethe" and skeleton spellings
 * (Genrikh, an unlisted transliteration of Генрих) match.
 */
export function givenNameGroup(foldedToken: string, raw: string = foldedToken): string | null {
  const { byName, bySkeleton } = givenNameTable();
  const direct = byName.get(foldedToken);
  if (direct !== undefined) return direct;
  for (const spelling of umlautVariants(raw)) {
    const id = byName.get(spelling);
    if (id !== undefined) return id;
  }
  if (foldedToken.length < 3) return null;
  for (const key of skeletonKeys(raw)) {
    const id = bySkeleton.get(key);
    if (id !== undefined) return id;
  }
  return null;
}
