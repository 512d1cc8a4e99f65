import type { TokenGroups } from '../search-index.ts';

/** One term for an FTS5 MATCH, quoted, so that FTS5 syntax in it (NEAR, *, ^, quotes) is only text. */
export function ftsQuote(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}

/** An FTS5 query: groups joined by AND, tokens within a group by OR, every token quoted. */
export function ftsExpression(groups: TokenGroups): string {
  return groups.map((g) => `(${[...new Set(g)].map(ftsQuote).join(' OR ')})`).join(' AND ');
}
