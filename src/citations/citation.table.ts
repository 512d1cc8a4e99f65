import type { Generated } from 'kysely';

/** What a citation can support. */
export type StatementType = 'person' | 'name' | 'event' | 'attribute' | 'relationship';

export interface CitationTable {
  id: Generated<number>;
  statement_type: StatementType;
  statement_id: number;
  source_id: number;
  /** Page, folio or other place in the source. */
  locator: string | null;
  list_row_id: number | null;
  quote: string | null;
  note: string | null;
}
