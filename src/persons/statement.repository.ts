import type { Insertable } from 'kysely';
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
