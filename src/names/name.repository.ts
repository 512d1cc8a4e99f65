import type { Insertable } from 'kysely';
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
