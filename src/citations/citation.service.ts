import type { Db } from '../db/connection.ts';
import { insertCitation } from './citation.repository.ts';
import { citationValues, type NewCitation } from './citation.rows.ts';

/** Cites a source for a statement; returns the citation's id. */
export async function addCitation(db: Db, input: NewCitation): Promise<number> {
  return insertCitation(db, citationValues(input));
}
