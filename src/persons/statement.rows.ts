import type { Insertable } from 'kysely';
import { type DateInput, dateRange } from '../dates/date-range.ts';
import { type RowOf, rowValues } from '../db/rows.ts';
import type { Rank } from '../statements/rank.ts';
import type { AttributeTable, RelationshipTable } from './statement.table.ts';

/** What both kinds of statement about a person carry besides their own fields. */
interface StatementFields {
  date?: DateInput | null;
  rank?: Rank;
  note?: string | null;
  /** The main statement this one is another source's account of. */
  variantOf?: number | null;
}

/** An attribute statement: citizenship, occupation, party membership … */
export interface NewAttribute extends StatementFields {
  type: string;
  value: string;
  organizationId?: number | null;
  placeId?: number | null;
}

/** A relationship statement, to a person with a record or to a relative named only. */
export interface NewRelationship extends StatementFields {
  type: string;
  relatedPersonId?: number | null;
  relatedName?: string | null;
}

/** The columns both kinds of statement end with. */
const STATEMENT_COLUMNS = ['date_edtf', 'date_min', 'date_max', 'rank', 'note', 'variant_of', 'sort'] as const;

/** Their values: the date with its bounds, rank, note, main statement and position among the person's. */
function statementRow(s: StatementFields, sort: number) {
  const date = dateRange(s.date);
  return [date.edtf, date.min, date.max, s.rank ?? 'normal', s.note ?? null, s.variantOf ?? null, sort] as const;
}

export const ATTRIBUTE_COLUMNS = [
  'person_id',
  'type',
  'value',
  'organization_id',
  'place_id',
  ...STATEMENT_COLUMNS,
] as const;
type AttributeValues = Insertable<AttributeTable>;

export function attributeRow(
  personId: number,
  sort: number,
  a: NewAttribute,
): RowOf<AttributeValues, typeof ATTRIBUTE_COLUMNS> {
  return [personId, a.type, a.value, a.organizationId ?? null, a.placeId ?? null, ...statementRow(a, sort)];
}

export function attributeValues(personId: number, sort: number, a: NewAttribute) {
  return rowValues<AttributeValues, typeof ATTRIBUTE_COLUMNS>(ATTRIBUTE_COLUMNS, attributeRow(personId, sort, a));
}

export const RELATIONSHIP_COLUMNS = [
  'person_id',
  'type',
  'related_person_id',
  'related_name',
  ...STATEMENT_COLUMNS,
] as const;
type RelationshipValues = Insertable<RelationshipTable>;

export function relationshipRow(
  personId: number,
  sort: number,
  r: NewRelationship,
): RowOf<RelationshipValues, typeof RELATIONSHIP_COLUMNS> {
  return [personId, r.type, r.relatedPersonId ?? null, r.relatedName ?? null, ...statementRow(r, sort)];
}

export function relationshipValues(personId: number, sort: number, r: NewRelationship) {
  return rowValues<RelationshipValues, typeof RELATIONSHIP_COLUMNS>(
    RELATIONSHIP_COLUMNS,
    relationshipRow(personId, sort, r),
  );
}
