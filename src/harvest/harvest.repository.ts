import type { Db } from '../db/connection.ts';

export type RecordTable = 'persons' | 'events' | 'places' | 'organizations' | 'sources';

/** The highest id of a record table (0 when empty): how far its slices of the sitemap reach. */
export async function maxId(db: Db, table: RecordTable): Promise<number> {
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.max('id').as('last'))
    .executeTakeFirst();
  return Number(row?.last ?? 0);
}

/**
 * Published records of a table whose rows have public pages (places, organizations, sources) with ids
 * in a range, with when each last changed: a slice of the sitemap.
 */
export async function listPublicRowsInRange(
  db: Db,
  table: 'places' | 'organizations' | 'sources',
  range: { first: number; last: number },
) {
  return db
    .selectFrom(table)
    .select(['id', 'updated_at'])
    .where('id', '>=', range.first)
    .where('id', '<=', range.last)
    .where('status', '=', 'published')
    .orderBy('id')
    .execute();
}
