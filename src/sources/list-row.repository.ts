import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { ListRowLinkTable, ListRowTable } from './source.table.ts';

export async function insertListRowLink(db: Db, link: Insertable<ListRowLinkTable>): Promise<number> {
  const row = await db.insertInto('list_row_links').values(link).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function updateListRowLink(db: Db, id: number, link: Updateable<ListRowLinkTable>): Promise<void> {
  await db.updateTable('list_row_links').set(link).where('id', '=', id).execute();
}

export async function deleteListRowLinks(db: Db, ids: number[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('list_row_links').where('id', 'in', ids).execute();
}

export async function findListRow(db: Db, id: number) {
  return db.selectFrom('list_rows').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateListRowRow(db: Db, id: number, row: Updateable<ListRowTable>): Promise<void> {
  await db.updateTable('list_rows').set(row).where('id', '=', id).execute();
}

/** A row's links, in the order they were made. */
export async function listLinksOfRow(db: Db, rowId: number) {
  return db.selectFrom('list_row_links').selectAll().where('row_id', '=', rowId).orderBy('id').execute();
}

/** The row of a list at a position, whatever its status. */
export async function findListRowAt(db: Db, sourceId: number, position: number) {
  return db
    .selectFrom('list_rows')
    .selectAll()
    .where('source_id', '=', sourceId)
    .where('position', '=', position)
    .executeTakeFirst();
}

/** The last position used in a list (0 for none). */
export async function lastListPosition(db: Db, sourceId: number): Promise<number> {
  const row = await db
    .selectFrom('list_rows')
    .select((eb) => eb.fn.max('position').as('last'))
    .where('source_id', '=', sourceId)
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}
