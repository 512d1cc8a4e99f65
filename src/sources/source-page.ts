import type { Db } from '../db/connection.ts';
import { assertPublic } from '../statements/status.ts';
import {
  countRowsOfSource,
  findSourceById,
  listCitingStatements,
  listDocumentTexts,
  listEventHeads,
  listPublishedPersonNames,
  listRowsOfSource,
  listSources,
  listStatementOwners,
} from './source.repository.ts';
import { archivalReference, formatReference, type SourceView, toSourceView } from './source-view.ts';

const CITING_LIMIT = 500;

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
  columns: { key: string; label: string }[];
  /** How many rows the list has (all of them are in `rows` unless the caller left them out). */
  rowCount: number;
  rows: {
    position: number;
    cells: Record<string, string>;
    person: { id: number; name: string } | null;
    status: string | null;
    note: string | null;
  }[];
  texts: { kind: string; lang: string; text: string; note: string | null }[];
  citing: CitingStatement[];
}

/** A source with what cites it; `rows: false` leaves a list's rows out (they are read in pages). */
export async function getSourcePage(db: Db, id: number, options: { rows?: boolean } = {}): Promise<SourcePage> {
  const s = await findSourceById(db, id);
  assertPublic('sources', id, s);
  const withRows = options.rows ?? true;
  const [rows, rowCount, texts, citations] = await Promise.all([
    withRows ? listRowsOfSource(db, id) : [],
    withRows ? null : countRowsOfSource(db, id),
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
    columns: s.columns ? (JSON.parse(s.columns) as { key: string; label: string }[]) : [],
    rowCount: rowCount ?? rows.length,
    rows: rows.map(listRowView),
    texts,
    citing,
  };
}

/** A list row as pages and exports show it: cells as written, the person only if published. */
export function listRowView(r: Awaited<ReturnType<typeof listRowsOfSource>>[number]): SourcePage['rows'][number] {
  return {
    position: r.position,
    cells: JSON.parse(r.cells) as Record<string, string>,
    person:
      r.person_id && r.display_name && r.link_status !== 'rejected' ? { id: r.person_id, name: r.display_name } : null,
    status: r.link_status,
    note: r.note,
  };
}

export async function listSourceViews(db: Db): Promise<SourceView[]> {
  return (await listSources(db)).map(toSourceView);
}
