import type { Insertable } from 'kysely';
import { type DateInput, dateRange } from '../dates/date-range.ts';
import { type RowOf, rowValues } from '../db/rows.ts';
import type { PlaceNameTable, PlaceTable } from './place.table.ts';

/** A place's own row as a service or the generator gives it; its names are rows of their own. */
export interface PlaceFields {
  key?: string | null;
  /**
   * One of PLACE_KINDS for curated records; generated places also use kinds the sample format
   * does not allow (`execution-site`, `station`), so the row takes any.
   */
  kind: string;
  parentId?: number | null;
  lat?: number | null;
  lon?: number | null;
  /** ISO 3166 code of the country the place lies in today. */
  country?: string | null;
  geonamesId?: string | null;
  wikidataId?: string | null;
  note?: string | null;
}

export const PLACE_COLUMNS = [
  'key',
  'kind',
  'parent_id',
  'lat',
  'lon',
  'country',
  'geonames_id',
  'wikidata_id',
  'note',
] as const;
type PlaceValues = Insertable<PlaceTable>;

export function placeRow(p: PlaceFields): RowOf<PlaceValues, typeof PLACE_COLUMNS> {
  return [
    p.key ?? null,
    p.kind,
    p.parentId ?? null,
    p.lat ?? null,
    p.lon ?? null,
    p.country ?? null,
    p.geonamesId ?? null,
    p.wikidataId ?? null,
    p.note ?? null,
  ];
}

export function placeValues(p: PlaceFields) {
  return rowValues<PlaceValues, typeof PLACE_COLUMNS>(PLACE_COLUMNS, placeRow(p));
}

/** A name of a place, in one language, for the period `valid` (Stalinsk 1932–1961). */
export interface NewPlaceName {
  name: string;
  lang: string;
  kind: 'current' | 'historical' | 'variant';
  valid?: DateInput | null;
}

export const PLACE_NAME_COLUMNS = [
  'place_id',
  'name',
  'lang',
  'kind',
  'valid_edtf',
  'valid_min',
  'valid_max',
  'sort',
] as const;
type PlaceNameValues = Insertable<PlaceNameTable>;

/** The place name's row, with its period's bounds. */
export function placeNameRow(
  placeId: number,
  sort: number,
  n: NewPlaceName,
): RowOf<PlaceNameValues, typeof PLACE_NAME_COLUMNS> {
  const valid = dateRange(n.valid);
  return [placeId, n.name, n.lang, n.kind, valid.edtf, valid.min, valid.max, sort];
}

export function placeNameValues(placeId: number, sort: number, n: NewPlaceName) {
  return rowValues<PlaceNameValues, typeof PLACE_NAME_COLUMNS>(PLACE_NAME_COLUMNS, placeNameRow(placeId, sort, n));
}
