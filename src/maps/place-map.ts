import type { Db } from '../db/connection.ts';
import type { Lang } from '../i18n/i18n.ts';
import { listPlaceNames } from '../places/place.repository.ts';
import { groupNames, placeLabel } from '../places/place-label.ts';
import { type Location, placeGeography } from './place-geography.ts';

/** Places a place page's map shows at most: the place and the first of those within it. */
const MAX_PLACES = 1_000;

export interface MappedPlace {
  id: number;
  name: string;
  kind: string;
  location: Location | null;
  invalid: boolean;
}

export interface PlaceMap {
  place: MappedPlace;
  /** The places within it (at any depth), the place itself left out. */
  within: MappedPlace[];
}

/** A place and the places within it, located for its page's map. */
export async function getPlaceMap(db: Db, id: number, lang: Lang): Promise<PlaceMap> {
  const geography = await placeGeography(db);
  const ids = geography.within(id).slice(0, MAX_PLACES);
  const names = groupNames(await listPlaceNames(db, ids));
  const mapped = ids.map((p) => ({
    id: p,
    name: placeLabel(names.get(p) ?? [], lang).name,
    kind: geography.kind(p) ?? '',
    location: geography.locate(p),
    invalid: geography.invalid(p),
  }));
  return { place: mapped[0] as MappedPlace, within: mapped.slice(1) };
}
