import type { Db } from '../db/connection.ts';
import { insertName, nextNameSort } from './name.repository.ts';
import { type NewName, nameValues } from './name.rows.ts';

/**
 * Adds a name statement to a person, after their other names unless `sort` places it; returns
 * its id. The person's search entry is the caller's to refresh.
 */
export async function addName(db: Db, personId: number, input: NewName, sort?: number): Promise<number> {
  const position = sort ?? (await nextNameSort(db, personId));
  return insertName(db, nameValues(personId, position, input));
}
