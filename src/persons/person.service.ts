import type { Db } from '../db/connection.ts';
import { deriveFate } from './fate.ts';
import { findPersonById, listRoles, listSubjectEvents, setFate } from './person.repository.ts';

/** Recomputes the stored fate from the person's events; an editor's override wins. */
export async function refreshFate(db: Db, personId: number): Promise<void> {
  const person = await findPersonById(db, personId);
  if (!person) return;
  const roles = await listRoles(db, personId);
  const derived = deriveFate(await listSubjectEvents(db, personId), roles.includes('victim'));
  await setFate(db, personId, person.fate_override ?? derived);
}
