import type { Insertable } from 'kysely';
import { type RowOf, rowValues } from '../db/rows.ts';
import type { CitationTable, StatementType } from './citation.table.ts';

/** A statement's link to a source, with where in it the statement is found. */
export interface NewCitation {
  statementType: StatementType;
  statementId: number;
  sourceId: number;
  /** Page, folio or other place in the source. */
  locator?: string | null;
  /** The supporting row, when the source is a list. */
  listRowId?: number | null;
  quote?: string | null;
  note?: string | null;
}

export const CITATION_COLUMNS = [
  'statement_type',
  'statement_id',
  'source_id',
  'locator',
  'list_row_id',
  'quote',
  'note',
] as const;
type CitationValues = Insertable<CitationTable>;

export function citationRow(c: NewCitation): RowOf<CitationValues, typeof CITATION_COLUMNS> {
  return [
    c.statementType,
    c.statementId,
    c.sourceId,
    c.locator ?? null,
    c.listRowId ?? null,
    c.quote ?? null,
    c.note ?? null,
  ];
}

export function citationValues(c: NewCitation) {
  return rowValues<CitationValues, typeof CITATION_COLUMNS>(CITATION_COLUMNS, citationRow(c));
}
