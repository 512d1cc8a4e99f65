import type { Db } from '../db/connection.ts';

/** Every published place's parent and coordinates: what locating places on a public map needs. */
export async function listPlaceGeography(db: Db) {
  return db
    .selectFrom('places')
    .select(['id', 'parent_id', 'lat', 'lon', 'kind', 'country'])
    .where('status', '=', 'published')
    .execute();
}
