import type { Insertable } from 'kysely';
import { type RowOf, rowValues } from '../db/rows.ts';
import type { LinkEvidenceItem, LinkStatus, ListColumnRole } from './list-row.ts';
import type { DocumentTextTable, ListRowLinkTable, ListRowTable, SourceTable } from './source.table.ts';
import type { SourceKind } from './source.ts';

/** A column of a list, as its rows' cells are keyed. */
export interface ListColumn {
  key: string;
  label: string;
  /** What the column holds, for linking rows to persons; absent: kept only as written. */
  role?: ListColumnRole | null;
}

/** A source's own row as a service or the generator gives it; list rows and texts are rows of their own. */
export interface SourceFields {
  key?: string | null;
  kind: SourceKind;
  title: string;
  /** "Surname, Given; Surname, Given". */
  authors?: string | null;
  /** Journal, website or collection the source appears in. */
  container?: string | null;
  publisher?: string | null;
  publicationPlace?: string | null;
  /** EDTF date of publication. */
  date?: string | null;
  url?: string | null;
  /** EDTF date a web page was read. */
  accessed?: string | null;
  language?: string | null;
  archive?: string | null;
  fond?: string | null;
  opis?: string | null;
  delo?: string | null;
  folios?: string | null;
  /** A list's columns; only a list has them. */
  columns?: readonly ListColumn[] | null;
  /** EDTF date a list gives as the state of its knowledge. */
  asOf?: string | null;
  parentId?: number | null;
  note?: string | null;
}

export const SOURCE_COLUMNS = [
  'key',
  'kind',
  'title',
  'authors',
  'container_title',
  'publisher',
  'publication_place',
  'date_edtf',
  'url',
  'accessed',
  'language',
  'archive',
  'fond',
  'opis',
  'delo',
  'folios',
  'columns',
  'as_of',
  'parent_id',
  'note',
] as const;
type SourceValues = Insertable<SourceTable>;

/** The source's row, with a list's columns as JSON. */
export function sourceRow(s: SourceFields): RowOf<SourceValues, typeof SOURCE_COLUMNS> {
  return [
    s.key ?? null,
    s.kind,
    s.title,
    s.authors ?? null,
    s.container ?? null,
    s.publisher ?? null,
    s.publicationPlace ?? null,
    s.date ?? null,
    s.url ?? null,
    s.accessed ?? null,
    s.language ?? null,
    s.archive ?? null,
    s.fond ?? null,
    s.opis ?? null,
    s.delo ?? null,
    s.folios ?? null,
    s.columns ? JSON.stringify(s.columns) : null,
    s.asOf ?? null,
    s.parentId ?? null,
    s.note ?? null,
  ];
}

export function sourceValues(s: SourceFields) {
  return rowValues<SourceValues, typeof SOURCE_COLUMNS>(SOURCE_COLUMNS, sourceRow(s));
}

/** A row of a list, transcribed exactly as written. */
export interface NewListRow {
  /** Its number among the list's rows, from 1. */
  position: number;
  /** The page or folio it stands on, where known. */
  folio?: string | null;
  /** Cell values by column key, as written. */
  cells: Readonly<Record<string, string>>;
  note?: string | null;
  status?: string;
}

export const LIST_ROW_COLUMNS = ['source_id', 'position', 'folio', 'cells', 'note'] as const;
type ListRowValues = Insertable<ListRowTable>;

/** The list row's row, its cells as JSON. */
export function listRowRow(sourceId: number, r: NewListRow): RowOf<ListRowValues, typeof LIST_ROW_COLUMNS> {
  return [sourceId, r.position, r.folio ?? null, JSON.stringify(r.cells), r.note ?? null];
}

export function listRowValues(sourceId: number, r: NewListRow): ListRowValues {
  return {
    ...rowValues<ListRowValues, typeof LIST_ROW_COLUMNS>(LIST_ROW_COLUMNS, listRowRow(sourceId, r)),
    ...(r.status ? { status: r.status } : {}),
  };
}

/** A row's link to a person it names. */
export interface NewListRowLink {
  personId: number;
  status: LinkStatus;
  /** The machine's match weight and the comparisons behind it, when it proposed the link. */
  weight?: number | null;
  evidence?: readonly LinkEvidenceItem[] | null;
  decidedBy?: number | null;
  decidedAt?: string | null;
}

export const LIST_ROW_LINK_COLUMNS = [
  'row_id',
  'person_id',
  'status',
  'weight',
  'evidence',
  'decided_by',
  'decided_at',
] as const;
type ListRowLinkValues = Insertable<ListRowLinkTable>;

export function listRowLinkRow(
  rowId: number,
  l: NewListRowLink,
): RowOf<ListRowLinkValues, typeof LIST_ROW_LINK_COLUMNS> {
  return [
    rowId,
    l.personId,
    l.status,
    l.weight ?? null,
    l.evidence ? JSON.stringify(l.evidence) : null,
    l.decidedBy ?? null,
    l.decidedAt ?? null,
  ];
}

export function listRowLinkValues(rowId: number, l: NewListRowLink) {
  return rowValues<ListRowLinkValues, typeof LIST_ROW_LINK_COLUMNS>(LIST_ROW_LINK_COLUMNS, listRowLinkRow(rowId, l));
}

/** A document's transcription or a translation of it. */
export interface NewDocumentText {
  kind: 'transcription' | 'translation';
  lang: string;
  text: string;
  note?: string | null;
}

export function documentTextValues(sourceId: number, t: NewDocumentText): Insertable<DocumentTextTable> {
  return { source_id: sourceId, kind: t.kind, lang: t.lang, text: t.text, note: t.note ?? null };
}
