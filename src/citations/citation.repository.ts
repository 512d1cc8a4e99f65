import type { Insertable } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { CitationTable, StatementType } from './citation.table.ts';

export async function insertCitation(db: Db, citation: Insertable<CitationTable>): Promise<number> {
  const row = await db.insertInto('citations').values(citation).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export interface CitationRow {
  id: number;
  statement_type: string;
  statement_id: number;
  source_id: number;
  locator: string | null;
  list_row_id: number | null;
  list_row_position: number | null;
  quote: string | null;
  note: string | null;
}

/** Citations of the given statements, in a stable order. */
export async function listCitations(
  db: Db,
  statements: { type: StatementType; ids: number[] }[],
): Promise<CitationRow[]> {
  const wanted = statements.filter((s) => s.ids.length > 0);
  if (wanted.length === 0) return [];
  return db
    .selectFrom('citations')
    .leftJoin('list_rows', 'list_rows.id', 'citations.list_row_id')
    .select([
      'citations.id',
      'citations.statement_type',
      'citations.statement_id',
      'citations.source_id',
      'citations.locator',
      'citations.list_row_id',
      'list_rows.position as list_row_position',
      'citations.quote',
      'citations.note',
    ])
    .where((eb) =>
      eb.or(
        wanted.map((s) =>
          eb.and([eb('citations.statement_type', '=', s.type), eb('citations.statement_id', 'in', s.ids)]),
        ),
      ),
    )
    .orderBy('citations.id')
    .execute();
}

export async function updateCitation(db: Db, id: number, citation: Insertable<CitationTable>): Promise<void> {
  await db.updateTable('citations').set(citation).where('id', '=', id).execute();
}

export async function deleteCitations(db: Db, ids: number[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('citations').where('id', 'in', ids).execute();
}

/** Removes every citation of the given statements, before the statements themselves go. */
export async function deleteCitationsOf(db: Db, type: StatementType, statementIds: number[]): Promise<void> {
  if (statementIds.length === 0) return;
  await db
    .deleteFrom('citations')
    .where('statement_type', '=', type)
    .where('statement_id', 'in', statementIds)
    .execute();
}
