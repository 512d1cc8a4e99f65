import type { Db } from '../db/connection.ts';
import { syncRows } from '../db/sync-rows.ts';
import type { CitationDoc } from '../statements/document-fields.ts';
import { deleteCitations, insertCitation, listCitations, updateCitation } from './citation.repository.ts';
import { citationValues } from './citation.rows.ts';
import type { StatementType } from './citation.table.ts';

/** The citations of the given statements as document parts, by `type:id`. */
export async function loadCitationDocs(
  db: Db,
  statements: { type: StatementType; ids: number[] }[],
): Promise<Map<string, CitationDoc[]>> {
  const out = new Map<string, CitationDoc[]>();
  for (const c of await listCitations(db, statements)) {
    const key = `${c.statement_type}:${c.statement_id}`;
    const list = out.get(key) ?? [];
    list.push({
      id: c.id,
      source: c.source_id,
      locator: c.locator,
      listRow: c.list_row_id,
      quote: c.quote,
      note: c.note,
    });
    out.set(key, list);
  }
  return out;
}

/** Brings one statement's citations to the wanted list (see syncRows). */
export async function syncCitations(
  db: Db,
  type: StatementType,
  statementId: number,
  wanted: readonly CitationDoc[],
  existing: readonly CitationDoc[],
): Promise<void> {
  const values = (c: CitationDoc) =>
    citationValues({
      statementType: type,
      statementId,
      sourceId: c.source,
      locator: c.locator ?? null,
      listRowId: c.listRow ?? null,
      quote: c.quote ?? null,
      note: c.note ?? null,
    });
  await syncRows(
    existing.map((c) => c.id as number),
    wanted,
    {
      insert: (c) => insertCitation(db, values(c)),
      update: (id, c) => updateCitation(db, id, values(c)),
      remove: (ids) => deleteCitations(db, ids),
    },
  );
}
