import type { Db } from '../db/connection.ts';
import type { Lang } from '../i18n/i18n.ts';
import { listPlaceNames } from '../places/place.repository.ts';
import { groupNames, placeLabel } from '../places/place-label.ts';
import { buildItinerary, type Itinerary, type ItineraryEvent } from './itinerary.ts';
import { placeGeography } from './place-geography.ts';

export interface ItineraryView {
  itinerary: Itinerary;
  /** Names of the places whose coordinates stand in for others'. */
  names: Map<number, string>;
}

/** A life's events (as its page has them, in order) laid out as a road on the map. */
export async function getItinerary(db: Db, events: readonly ItineraryEvent[], lang: Lang): Promise<ItineraryView> {
  const itinerary = buildItinerary(events, await placeGeography(db));
  const via = [...new Set([...itinerary.steps, ...itinerary.undated].flatMap((s) => (s.via === null ? [] : [s.via])))];
  const names = groupNames(await listPlaceNames(db, via));
  return {
    itinerary,
    names: new Map(via.map((id) => [id, placeLabel(names.get(id) ?? [], lang).name])),
  };
}
