import { ftsQuote } from '../../../db/fts5.ts';
import type { TokenGroups } from '../search-index.ts';

export { ftsQuote };

/** An FTS5 query: groups joined by AND, tokens within a group by OR, every token quoted. */
export function ftsExpression(groups: TokenGroups): string {
  return groups.map((g) => `(${[...new Set(g)].map(ftsQuote).join(' OR ')})`).join(' AND ');
}
