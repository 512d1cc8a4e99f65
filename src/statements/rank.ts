/** Statement ranks, as in Wikidata: the page shows the preferred, and the others beside it. */
export const RANKS = ['preferred', 'normal', 'deprecated'] as const;
export type Rank = (typeof RANKS)[number];

const order: Record<Rank, number> = { preferred: 0, normal: 1, deprecated: 2 };

/** Sorts statements best rank first, keeping the given order within a rank. */
export function byRank<T extends { rank: string }>(a: T, b: T): number {
  return (order[a.rank as Rank] ?? 1) - (order[b.rank as Rank] ?? 1);
}
