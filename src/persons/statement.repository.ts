import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { AttributeTable, RelationshipTable } from './statement.table.ts';

export async function insertAttribute(db: Db, attribute: Insertable<AttributeTable>): Promise<number> {
  const row = await db.insertInto('attributes').values(attribute).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function insertRelationship(db: Db, relationship: Insertable<RelationshipTable>): Promise<number> {
  const row = await db.insertInto('relationships').values(relationship).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The attributes stated on a person, drafts included, in their order. */
export async function listOwnAttributes(db: Db, personId: number) {
  return db
    .selectFrom('attributes')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('sort')
    .orderBy('id')
    .execute();
}

/** The relationships stated on a person (not those others state about them), drafts included. */
export async function listOwnRelationships(db: Db, personId: number) {
  return db
    .selectFrom('relationships')
    .selectAll()
    .where('person_id', '=', personId)
    .orderBy('sort')
    .orderBy('id')
    .execute();
}

export async function updateAttribute(db: Db, id: number, values: Updateable<AttributeTable>): Promise<void> {
  await db.updateTable('attributes').set(values).where('id', '=', id).execute();
}

export async function updateRelationship(db: Db, id: number, values: Updateable<RelationshipTable>): Promise<void> {
  await db.updateTable('relationships').set(values).where('id', '=', id).execute();
}

export async function deleteAttributes(db: Db, ids: number[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('attributes').where('id', 'in', ids).execute();
}

export async function deleteRelationships(db: Db, ids: number[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('relationships').where('id', 'in', ids).execute();
}
