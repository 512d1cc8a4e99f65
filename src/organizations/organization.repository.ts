import type { Db } from '../db/connection.ts';

export async function findOrganizationById(db: Db, id: number) {
  return db.selectFrom('organizations').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listOrganizations(db: Db) {
  return db.selectFrom('organizations').selectAll().orderBy('id').execute();
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
