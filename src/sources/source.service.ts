import type { Db } from '../db/connection.ts';
import { insertListRowLink } from './list-row.repository.ts';
import { insertDocumentText, insertListRow, insertSource, updateSourceRow } from './source.repository.ts';
import {
  documentTextValues,
  listRowLinkValues,
  listRowValues,
  type NewDocumentText,
  type NewListRow,
  type NewListRowLink,
  type SourceFields,
  sourceValues,
} from './source.rows.ts';

/** Creates a source (a list's rows and a document's texts are added after); returns its id. */
export async function createSource(db: Db, input: SourceFields): Promise<number> {
  return insertSource(db, sourceValues(input));
}

/** Overwrites a source's own fields (not its rows or texts). */
export async function updateSource(db: Db, id: number, input: SourceFields): Promise<void> {
  await updateSourceRow(db, id, sourceValues(input));
}

/** Adds a row to a list, as written, with its links to the persons it names; returns its id. */
export async function addListRow(
  db: Db,
  sourceId: number,
  input: NewListRow & { links?: readonly NewListRowLink[] },
): Promise<number> {
  const id = await insertListRow(db, listRowValues(sourceId, input));
  for (const link of input.links ?? []) await insertListRowLink(db, listRowLinkValues(id, link));
  return id;
}

/** Adds a transcription or translation to a document; returns its id. */
export async function addDocumentText(db: Db, sourceId: number, input: NewDocumentText): Promise<number> {
  return insertDocumentText(db, documentTextValues(sourceId, input));
}
