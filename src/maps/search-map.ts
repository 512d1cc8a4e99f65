import type { Storage } from '../db/connection.ts';
import type { Lang } from '../i18n/i18n.ts';
import { listPlaceNames } from '../places/place.repository.ts';
import { groupNames, placeLabel } from '../places/place-label.ts';
import { tallyFacts } from '../search/facts/fact-tally.ts';
import { type FactName, PLACE_FACTS, type PlaceFact } from '../search/facts/person-facts.ts';
import type { SearchFilters } from '../search/names/person-search.service.ts';
import { searchPersons } from '../search/names/search-persons.ts';
import { type Location, placeGeography } from './place-geography.ts';

/** What a search map shows of each person: one kind of place of their lives, or all of them. */
export const MAP_LAYERS = ['all', 'birth', 'arrest', 'custody', 'handover', 'death'] as const;
export type MapLayer = (typeof MAP_LAYERS)[number];

const LAYER_FACTS: Record<MapLayer, readonly PlaceFact[]> = {
  all: PLACE_FACTS,
  birth: ['birth_place'],
  arrest: ['arrest_place'],
  custody: ['custody_place'],
  handover: ['handover_place'],
  death: ['death_place'],
};

/** The layer a search about an event type shows unless told otherwise: where those events happened. */
const LAYER_OF_EVENT: Partial<Record<string, MapLayer>> = {
  birth: 'birth',
  arrest: 'arrest',
  interrogation: 'arrest',
  imprisonment: 'custody',
  camp: 'custody',
  'gestapo-custody': 'custody',
  'concentration-camp': 'custody',
  ghetto: 'custody',
  handover: 'handover',
  death: 'death',
  execution: 'death',
};

export function defaultLayer(filters: SearchFilters): MapLayer {
  return (filters.event && LAYER_OF_EVENT[filters.event]) || 'all';
}

/** A place and how many of the search's persons have a place of each kind there. */
export interface PlaceCount {
  id: number;
  name: string;
  today: string | null;
  /** Persons counted here in all (a person born and arrested here counts twice with layer 'all'). */
  n: number;
  byKind: Partial<Record<PlaceFact, number>>;
  /** Where it is drawn, or null: no coordinates for it or any place around it. */
  location: Location | null;
  /** Its own coordinates are impossible ones (and were not used). */
  invalid: boolean;
}

export interface SearchMap {
  layer: MapLayer;
  /** The persons the search counts. */
  persons: number;
  capped: boolean;
  /** Places with persons, most first: those drawn, then those that cannot be. */
  located: PlaceCount[];
  unlocated: PlaceCount[];
  /** For one kind of place: persons for whom no such place is recorded (a death with no place counts here). */
  withoutPlace: number;
}

/** The places of a search's persons, counted per place, for its map and the list beside it. */
export async function getSearchMap(
  storage: Storage,
  params: SearchFilters & { q?: string },
  layer: MapLayer,
  lang: Lang,
): Promise<SearchMap> {
  const { set, capped } = await searchPersons(storage, params);
  const facts = LAYER_FACTS[layer];
  const tally = await tallyFacts(storage.db, set, facts as readonly FactName[]);
  const counts = new Map<number, Partial<Record<PlaceFact, number>>>();
  let withPlace = 0;
  for (const fact of facts) {
    for (const [value, n] of tally.counts.get(fact) ?? []) {
      const id = Number(value);
      if (!Number.isSafeInteger(id) || id <= 0) continue;
      const kinds = counts.get(id) ?? {};
      kinds[fact] = (kinds[fact] ?? 0) + n;
      counts.set(id, kinds);
      withPlace += n;
    }
  }
  const [geography, names] = await Promise.all([
    placeGeography(storage.db),
    listPlaceNames(storage.db, [...counts.keys()]).then(groupNames),
  ]);
  const places: PlaceCount[] = [...counts].map(([id, byKind]) => {
    const label = placeLabel(names.get(id) ?? [], lang);
    return {
      id,
      name: label.name,
      today: label.today,
      n: Object.values(byKind).reduce((a, b) => a + b, 0),
      byKind,
      location: geography.locate(id),
      invalid: geography.invalid(id),
    };
  });
  places.sort((a, b) => b.n - a.n || a.name.localeCompare(b.name, lang));
  return {
    layer,
    persons: tally.persons,
    capped,
    located: places.filter((p) => p.location),
    unlocated: places.filter((p) => !p.location),
    withoutPlace: facts.length === 1 ? Math.max(0, tally.persons - withPlace) : 0,
  };
}
