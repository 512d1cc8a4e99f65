import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/connection.ts';
import { currentTimestamp } from '../db/engine.ts';
import type { PlaceNameTable, PlaceTable } from './place.table.ts';

export type PlaceName = Omit<PlaceNameTable, 'id'> & { id: number };

export async function insertPlace(db: Db, place: Insertable<PlaceTable>): Promise<number> {
  const row = await db.insertInto('places').values(place).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Overwrites the place's own columns and marks the row updated. */
export async function updatePlaceRow(db: Db, id: number, place: Updateable<PlaceTable>): Promise<void> {
  await db
    .updateTable('places')
    .set({ ...place, updated_at: currentTimestamp(db) })
    .where('id', '=', id)
    .execute();
}

export async function insertPlaceName(db: Db, name: Insertable<PlaceNameTable>): Promise<number> {
  const row = await db.insertInto('place_names').values(name).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function findPlaceById(db: Db, id: number) {
  return db.selectFrom('places').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listPlacesByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('places').selectAll().where('id', 'in', ids).execute();
}

export async function listPlaceNames(db: Db, placeIds: number[]): Promise<PlaceName[]> {
  if (placeIds.length === 0) return [];
  return db
    .selectFrom('place_names')
    .selectAll()
    .where('place_id', 'in', placeIds)
    .orderBy('place_id')
    .orderBy('sort')
    .execute();
}

export async function listPlaces(db: Db) {
  return db.selectFrom('places').selectAll().where('status', '=', 'published').orderBy('id').execute();
}

export async function listChildPlaces(db: Db, parentId: number) {
  return db
    .selectFrom('places')
    .selectAll()
    .where('parent_id', '=', parentId)
    .where('status', '=', 'published')
    .orderBy('id')
    .execute();
}

/** The place and every place inside it, at any depth. */
export async function listPlaceAndDescendantIds(db: Db, placeId: number): Promise<number[]> {
  const rows = await db
    .withRecursive('tree(id)', (qb) =>
      qb
        .selectFrom('places')
        .select('id')
        .where('id', '=', placeId)
        .unionAll((u) => u.selectFrom('places').innerJoin('tree', 'tree.id', 'places.parent_id').select('places.id')),
    )
    .selectFrom('tree')
    .select('id')
    .execute();
  return rows.map((r) => r.id);
}

export async function updatePlaceName(db: Db, id: number, name: Insertable<PlaceNameTable>): Promise<void> {
  await db.updateTable('place_names').set(name).where('id', '=', id).execute();
}

export async function deletePlaceNames(db: Db, ids: number[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('place_names').where('id', 'in', ids).execute();
}
