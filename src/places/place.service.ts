import type { Db } from '../db/connection.ts';
import { insertPlace, insertPlaceName, updatePlaceRow } from './place.repository.ts';
import { type NewPlaceName, type PlaceFields, placeNameValues, placeValues } from './place.rows.ts';

/** A place with its names, the one shown by default first. */
export interface NewPlace extends PlaceFields {
  names?: readonly NewPlaceName[];
}

/** Creates a place with its names; returns its id. */
export async function createPlace(db: Db, input: NewPlace): Promise<number> {
  const id = await insertPlace(db, placeValues(input));
  for (const [sort, name] of (input.names ?? []).entries()) await addPlaceName(db, id, name, sort);
  return id;
}

/** Overwrites a place's own fields (not its names). */
export async function updatePlace(db: Db, id: number, input: PlaceFields): Promise<void> {
  await updatePlaceRow(db, id, placeValues(input));
}

/** Adds a name at position `sort` among the place's names, with its period's bounds; returns its id. */
export async function addPlaceName(db: Db, placeId: number, input: NewPlaceName, sort = 0): Promise<number> {
  return insertPlaceName(db, placeNameValues(placeId, sort, input));
}
