import type { Db } from '../db/connection.ts';
import { insertAttribute, insertRelationship } from './statement.repository.ts';
import { attributeValues, type NewAttribute, type NewRelationship, relationshipValues } from './statement.rows.ts';

/** Adds an attribute statement to a person at position `sort`; returns its id. */
export async function addAttribute(db: Db, personId: number, input: NewAttribute, sort = 0): Promise<number> {
  return insertAttribute(db, attributeValues(personId, sort, input));
}

/** Adds a relationship statement to a person at position `sort`; returns its id. */
export async function addRelationship(db: Db, personId: number, input: NewRelationship, sort = 0): Promise<number> {
  return insertRelationship(db, relationshipValues(personId, sort, input));
}
