import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/connection.ts';
import { currentTimestamp } from '../db/engine.ts';
import type { OrganizationNameTable, OrganizationTable } from './organization.table.ts';

export async function insertOrganization(db: Db, organization: Insertable<OrganizationTable>): Promise<number> {
  const row = await db.insertInto('organizations').values(organization).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Overwrites the organization's own columns and marks the row updated. */
export async function updateOrganizationRow(
  db: Db,
  id: number,
  organization: Updateable<OrganizationTable>,
): Promise<void> {
  await db
    .updateTable('organizations')
    .set({ ...organization, updated_at: currentTimestamp(db) })
    .where('id', '=', id)
    .execute();
}

export async function insertOrganizationName(db: Db, name: Insertable<OrganizationNameTable>): Promise<number> {
  const row = await db.insertInto('organization_names').values(name).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function findOrganizationById(db: Db, id: number) {
  return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listOrganizations(db: Db) {
  return db.selectFrom('organizations').selectAll().where('status', '=', 'published').orderBy('id').execute();
}

export async function listOrganizationNames(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('organization_names')
    .selectAll()
    .where('organization_id', 'in', ids)
    .orderBy('organization_id')
    .orderBy('sort')
    .execute();
}

/** Persons with a (non-deprecated) attribute naming the organization: members, employees. */
export async function listMembers(db: Db, organizationId: number) {
  return db
    .selectFrom('attributes as a')
    .innerJoin('persons as p', 'p.id', 'a.person_id')
    .select(['a.person_id', 'p.display_name', 'a.type', 'a.value'])
    .where('a.organization_id', '=', organizationId)
    .where('a.rank', '!=', 'deprecated')
    .where('p.status', '=', 'published')
    .orderBy('p.sort_key')
    .limit(500)
    .execute();
}

export async function updateOrganizationName(
  db: Db,
  id: number,
  name: Insertable<OrganizationNameTable>,
): Promise<void> {
  await db.updateTable('organization_names').set(name).where('id', '=', id).execute();
}

export async function deleteOrganizationNames(db: Db, ids: number[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('organization_names').where('id', 'in', ids).execute();
}
