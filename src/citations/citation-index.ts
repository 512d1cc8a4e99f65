import type { CitationRow } from './citation.repository.ts';

/** A citation as shown beside a statement: the source's number on the page and where in it. */
export interface CiteMark {
  n: number;
  sourceId: number;
  locator: string | null;
  row: number | null;
  quote: string | null;
  note: string | null;
}

/**
 * Numbers the sources of a page in order of first citation, like footnotes, so the same source
 * keeps one number however often it is cited.
 */
export class CitationIndex {
  private readonly numbers = new Map<number, number>();
  private readonly byStatement = new Map<string, CitationRow[]>();

  constructor(rows: CitationRow[]) {
    for (const r of rows) {
      const k = `${r.statement_type}:${r.statement_id}`;
      this.byStatement.set(k, [...(this.byStatement.get(k) ?? []), r]);
    }
  }

  /** Marks for one statement; numbering follows the order in which statements are asked for. */
  marks(type: string, id: number): CiteMark[] {
    return (this.byStatement.get(`${type}:${id}`) ?? []).map((r) => {
      let n = this.numbers.get(r.source_id);
      if (n === undefined) {
        n = this.numbers.size + 1;
        this.numbers.set(r.source_id, n);
      }
      return { n, sourceId: r.source_id, locator: r.locator, row: r.list_row_position, quote: r.quote, note: r.note };
    });
  }

  /** Source ids in footnote order. */
  sourceOrder(): number[] {
    return [...this.numbers.entries()].sort((a, b) => a[1] - b[1]).map(([id]) => id);
  }
}
