import type { Db } from '../db/connection.ts';
import { assertPublic } from '../statements/status.ts';
import { PUBLIC_LINK_STATUSES } from './list-row.ts';
import {
  countRowsOfSource,
  findSourceById,
  listCitingStatements,
  listDocumentTexts,
  listEventHeads,
  listLinksOfRows,
  listPublishedPersonNames,
  listRowPage,
  listSources,
  listStatementOwners,
} from './source.repository.ts';
import { archivalReference, formatReference, type SourceView, toSourceView } from './source-view.ts';

const CITING_LIMIT = 500;
/** Rows of a list shown on one page of its source page. */
export const ROWS_PER_PAGE = 200;

export interface CitingStatement {
  type: string;
  /** Where the statement is shown: a person or event page. */
  href: { kind: 'persons' | 'events'; id: number };
  /** Person name, or event type and EDTF date. */
  label: string;
  eventType: string | null;
  edtf: string | null;
  locator: string | null;
  quote: string | null;
}

export interface SourcePage extends SourceView {
  authors: string | null;
  container: string | null;
  date: string | null;
  archival: string | null;
  publisher: string | null;
  publicationPlace: string | null;
  /** The archive holding an archival unit, and where in it the unit is (fond, opis, delo, folios). */
  archive: string | null;
  archiveLocation: string | null;
  /** The source it is part of (a list of a research note, a chapter of a book). */
  parentId: number | null;
  updatedAt: string;
  accessed: string | null;
  language: string | null;
  note: string | null;
  asOf: string | null;
  columns: { key: string; label: string; role?: string | null }[];
  /** The list's rows in all, and where the page of `rows` starts among them (none when left out). */
  rowCount: number;
  rowOffset: number;
  rows: {
    position: number;
    folio: string | null;
    cells: Record<string, string>;
    /** The persons the row names, by its suggested and confirmed links. */
    persons: { id: number; name: string; status: string; weight: number | null }[];
    note: string | null;
  }[];
  texts: { kind: string; lang: string; text: string; note: string | null }[];
  citing: CitingStatement[];
}

/**
 * A source with what cites it and a page of its rows (ROWS_PER_PAGE from `rowOffset`);
 * `rows: false` leaves the rows out (the API and exports read them in pages of their own).
 */
export async function getSourcePage(
  db: Db,
  id: number,
  options: { rows?: boolean; rowOffset?: number } = {},
): Promise<SourcePage> {
  const s = await findSourceById(db, id);
  assertPublic('sources', id, s);
  const rowOffset = options.rowOffset ?? 0;
  const [rows, rowCount, texts, citations] = await Promise.all([
    options.rows === false ? [] : listRowPage(db, id, { offset: rowOffset, limit: ROWS_PER_PAGE }),
    countRowsOfSource(db, id),
    listDocumentTexts(db, id),
    listCitingStatements(db, id, CITING_LIMIT),
  ]);
  const ids = (type: string) => citations.filter((c) => c.statement_type === type).map((c) => c.statement_id);
  const [names, attributes, relationships, events, persons] = await Promise.all([
    listStatementOwners(db, 'name', ids('name')),
    listStatementOwners(db, 'attribute', ids('attribute')),
    listStatementOwners(db, 'relationship', ids('relationship')),
    listEventHeads(db, ids('event')),
    listPublishedPersonNames(db, ids('person')),
  ]);
  const links = await listLinksOfRows(
    db,
    rows.map((r) => r.id),
    PUBLIC_LINK_STATUSES,
  );
  const owners = { name: names, attribute: attributes, relationship: relationships };
  const citing = citations.flatMap((c): CitingStatement[] => {
    const base = { type: c.statement_type, locator: c.locator, quote: c.quote, eventType: null, edtf: null };
    if (c.statement_type === 'event') {
      const e = events.find((x) => x.id === c.statement_id);
      return e
        ? [
            {
              ...base,
              href: { kind: 'events', id: e.variant_of ?? e.id },
              label: '',
              eventType: e.type,
              edtf: e.date_edtf,
            },
          ]
        : [];
    }
    if (c.statement_type === 'person') {
      const p = persons.find((x) => x.id === c.statement_id);
      return p ? [{ ...base, href: { kind: 'persons', id: p.id }, label: p.display_name }] : [];
    }
    const o = owners[c.statement_type as keyof typeof owners]?.find((x) => x.id === c.statement_id);
    return o ? [{ ...base, href: { kind: 'persons', id: o.person_id }, label: o.display_name }] : [];
  });
  return {
    ...toSourceView(s),
    reference: formatReference(s),
    authors: s.authors,
    container: s.container_title,
    date: s.date_edtf,
    archival: s.archive || s.fond ? archivalReference(s) : null,
    publisher: s.publisher,
    publicationPlace: s.publication_place,
    archive: s.archive,
    archiveLocation: s.fond || s.opis || s.delo || s.folios ? archivalReference({ ...s, archive: null }) : null,
    parentId: s.parent_id,
    updatedAt: s.updated_at,
    accessed: s.accessed,
    language: s.language,
    note: s.note,
    asOf: s.as_of,
    columns: s.columns ? (JSON.parse(s.columns) as { key: string; label: string; role?: string | null }[]) : [],
    rowCount,
    rowOffset,
    rows: listRowViews(rows, links),
    texts,
    citing,
  };
}

type RowLinks = Awaited<ReturnType<typeof listLinksOfRows>>;

/** List rows as pages and exports show them: cells as written, the published persons they name. */
export function listRowViews(
  rows: readonly { id: number; position: number; folio: string | null; cells: string; note: string | null }[],
  links: RowLinks,
): SourcePage['rows'] {
  return rows.map((r) => ({
    position: r.position,
    folio: r.folio,
    cells: JSON.parse(r.cells) as Record<string, string>,
    persons: links
      .filter((l) => l.row_id === r.id)
      .map((l) => ({ id: l.person_id, name: l.display_name, status: l.status, weight: l.weight })),
    note: r.note,
  }));
}

/** The rows' suggested and confirmed links to published persons, and the rows as shown with them. */
export async function listRowViewsOf(
  db: Db,
  rows: readonly { id: number; position: number; folio: string | null; cells: string; note: string | null }[],
): Promise<SourcePage['rows']> {
  const links = await listLinksOfRows(
    db,
    rows.map((r) => r.id),
    PUBLIC_LINK_STATUSES,
  );
  return listRowViews(rows, links);
}

export async function listSourceViews(db: Db): Promise<SourceView[]> {
  return (await listSources(db)).map(toSourceView);
}
