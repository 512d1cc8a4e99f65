import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { NameTable } from './name.table.ts';

export async function insertName(db: Db, name: Insertable<NameTable>): Promise<number> {
  const row = await db.insertInto('names').values(name).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** The position after the person's last name, for a name added at the end. */
export async function nextNameSort(db: Db, personId: number): Promise<number> {
  const row = await db
    .selectFrom('names')
    .select((eb) => eb.fn.max('sort').as('last'))
    .where('person_id', '=', personId)
    .executeTakeFirst();
  return row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1;
}

/** A person's names in their order, drafts included: what the person's document holds. */
export async function listOwnNames(db: Db, personId: number) {
  return db.selectFrom('names').selectAll().where('person_id', '=', personId).orderBy('sort').orderBy('id').execute();
}

export async function updateName(db: Db, id: number, name: Updateable<NameTable>): Promise<void> {
  await db.updateTable('names').set(name).where('id', '=', id).execute();
}

export async function deleteNames(db: Db, ids: number[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('names').where('id', 'in', ids).execute();
}
