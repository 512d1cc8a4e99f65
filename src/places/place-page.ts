import { CitationIndex } from '../citations/citation-index.ts';
import type { Db } from '../db/connection.ts';
import { listEventIdsAtPlaces } from '../events/event.repository.ts';
import { type EventView, loadEventBundle, TIMELINE_PARTICIPANTS } from '../events/event-view.ts';
import type { Lang } from '../i18n/i18n.ts';
import { assertPublic } from '../statements/status.ts';
import {
  findPlaceById,
  listChildPlaces,
  listPlaceAndDescendantIds,
  listPlaceNames,
  listPlaces,
  type PlaceName,
} from './place.repository.ts';
import { groupNames, placeLabel } from './place-label.ts';

const EVENT_LIMIT = 200;

export interface PlaceSummary {
  id: number;
  kind: string;
  name: string;
}

export interface PlacePage {
  id: number;
  kind: string;
  name: string;
  names: PlaceName[];
  lat: number | null;
  lon: number | null;
  wikidata: string | null;
  geonames: string | null;
  note: string | null;
  parent: PlaceSummary | null;
  children: PlaceSummary[];
  events: EventView[];
}

export async function getPlacePage(db: Db, id: number, lang: Lang): Promise<PlacePage> {
  const place = await findPlaceById(db, id);
  assertPublic('places', id, place);
  const children = await listChildPlaces(db, id);
  const names = groupNames(
    await listPlaceNames(db, [id, ...children.map((c) => c.id), ...(place.parent_id ? [place.parent_id] : [])]),
  );
  const summary = (p: { id: number; kind: string }): PlaceSummary => ({
    id: p.id,
    kind: p.kind,
    name: placeLabel(names.get(p.id) ?? [], lang).name,
  });
  const parent = place.parent_id ? await findPlaceById(db, place.parent_id) : undefined;
  const eventIds = await listEventIdsAtPlaces(db, await listPlaceAndDescendantIds(db, id), EVENT_LIMIT);
  const bundle = await loadEventBundle(db, eventIds, { preview: { limit: TIMELINE_PARTICIPANTS } });
  return {
    id,
    kind: place.kind,
    name: placeLabel(names.get(id) ?? [], lang).name,
    names: names.get(id) ?? [],
    lat: place.lat,
    lon: place.lon,
    wikidata: place.wikidata_id,
    geonames: place.geonames_id,
    note: place.note,
    parent: parent ? summary(parent) : null,
    children: children.map(summary),
    // Places list what happened there; sources are on each event's page.
    events: bundle.build(lang, new CitationIndex([])),
  };
}

export async function listPlaceSummaries(db: Db, lang: Lang): Promise<PlaceSummary[]> {
  const places = await listPlaces(db);
  const names = groupNames(
    await listPlaceNames(
      db,
      places.map((p) => p.id),
    ),
  );
  return places
    .map((p) => ({ id: p.id, kind: p.kind, name: placeLabel(names.get(p.id) ?? [], lang).name }))
    .sort((a, b) => a.name.localeCompare(b.name, lang));
}
