/** One term for an SQLite FTS5 MATCH, quoted, so that FTS5 syntax in it (NEAR, *, ^, quotes) is only text. */
export function ftsQuote(term: string): string {
  return `"${term.replace(/"/g, '""')}"`;
}
