import type { Db } from '../db/connection.ts';
import { insertOrganization, insertOrganizationName, updateOrganizationRow } from './organization.repository.ts';
import {
  type NewOrganizationName,
  type OrganizationFields,
  organizationNameValues,
  organizationValues,
} from './organization.rows.ts';

/** An organization with its names, the one shown by default first. */
export interface NewOrganization extends OrganizationFields {
  names?: readonly NewOrganizationName[];
}

/** Creates an organization with its names; returns its id. */
export async function createOrganization(db: Db, input: NewOrganization): Promise<number> {
  const id = await insertOrganization(db, organizationValues(input));
  for (const [sort, name] of (input.names ?? []).entries()) await addOrganizationName(db, id, name, sort);
  return id;
}

/** Overwrites an organization's own fields (not its names). */
export async function updateOrganization(db: Db, id: number, input: OrganizationFields): Promise<void> {
  await updateOrganizationRow(db, id, organizationValues(input));
}

/** Adds a name at position `sort` among the organization's names; returns its id. */
export async function addOrganizationName(
  db: Db,
  organizationId: number,
  input: NewOrganizationName,
  sort = 0,
): Promise<number> {
  return insertOrganizationName(db, organizationNameValues(organizationId, sort, input));
}
