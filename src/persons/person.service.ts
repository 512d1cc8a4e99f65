import type { Db } from '../db/connection.ts';
import type { NewName } from '../names/name.rows.ts';
import { addName } from '../names/name.service.ts';
import { deriveFate } from './fate.ts';
import {
  findPersonById,
  insertPerson,
  insertPersonRole,
  insertPersonText,
  listRoles,
  listSubjectEvents,
  setFate,
  updatePersonRow,
} from './person.repository.ts';
import { type PersonFields, personValues } from './person.rows.ts';
import type { PersonRole } from './person.ts';

/** A person with the statements that come with a new record. */
export interface NewPerson extends PersonFields {
  roles?: readonly PersonRole[];
  /** Short biography by language (`en`, `de`, `ru`). */
  biography?: Readonly<Record<string, string>>;
  /** The person's names, the main one first. */
  names?: readonly NewName[];
}

/**
 * Creates a person with their roles, biographies and names; returns the id. Events, attributes
 * and relationships are added by their own services, and the caller refreshes the search index.
 */
export async function createPerson(db: Db, input: NewPerson): Promise<number> {
  const id = await insertPerson(db, personValues(input));
  for (const role of new Set(input.roles ?? [])) await addRole(db, id, role);
  for (const [lang, text] of Object.entries(input.biography ?? {})) await addBiography(db, id, lang, text);
  for (const [sort, name] of (input.names ?? []).entries()) await addName(db, id, name, sort);
  return id;
}

/** Overwrites a person's own fields (not their statements), deriving the sort key again. */
export async function updatePerson(db: Db, id: number, input: PersonFields): Promise<void> {
  await updatePersonRow(db, id, personValues(input));
}

export async function addRole(db: Db, personId: number, role: PersonRole): Promise<void> {
  await insertPersonRole(db, personId, role);
}

export async function addBiography(db: Db, personId: number, lang: string, biography: string): Promise<void> {
  await insertPersonText(db, personId, lang, biography);
}

/** Recomputes the stored fate from the person's events; an editor's override wins. */
export async function refreshFate(db: Db, personId: number): Promise<void> {
  const person = await findPersonById(db, personId);
  if (!person) return;
  const roles = await listRoles(db, personId);
  const derived = deriveFate(await listSubjectEvents(db, personId), roles.includes('victim'));
  await setFate(db, personId, person.fate_override ?? derived);
}
