import type { Db } from '../db/connection.ts';
import { archiveVersion } from '../db/engine.ts';
import { type Point, project } from './basemap.ts';
import { listPlaceGeography } from './map.repository.ts';

/** Where a place is drawn, and whether that is only where the place around it is. */
export interface Location {
  point: Point;
  /** The place whose coordinates stand in for this one's (the city of a prison), or null for its own. */
  via: number | null;
}

interface PlaceRow {
  parent: number | null;
  point: Point | null;
  /** Coordinates were given but name no place on Earth. */
  invalid: boolean;
  kind: string;
  /** ISO 3166 code of the state the place lies in today, where given. */
  country: string | null;
}

/** The country a place lies in: today's state by its code, or a historical one by its record. */
export type CountryRef = { code: string } | { placeId: number };

/** The archive's places located, for one archive version. */
export class PlaceGeography {
  private readonly located = new Map<number, Location | null>();

  constructor(private readonly places: Map<number, PlaceRow>) {}

  /**
   * Where to draw a place: at its own coordinates, else at those of the nearest place around it
   * that has some; null when none has.
   */
  locate(id: number): Location | null {
    if (this.located.has(id)) return this.located.get(id) ?? null;
    let found: Location | null = null;
    const seen = new Set<number>();
    for (let p: number | null = id; p !== null && !seen.has(p); p = this.places.get(p)?.parent ?? null) {
      seen.add(p);
      const point = this.places.get(p)?.point;
      if (point) {
        found = { point, via: p === id ? null : p };
        break;
      }
    }
    this.located.set(id, found);
    return found;
  }

  /** Whether a place's own coordinates are impossible (a latitude of 200). */
  invalid(id: number): boolean {
    return this.places.get(id)?.invalid ?? false;
  }

  /** The country of a place: the first code given on it or a place around it, else the first place that is a country. */
  country(id: number): CountryRef | null {
    let state: number | null = null;
    const seen = new Set<number>();
    for (let p: number | null = id; p !== null && !seen.has(p); p = this.places.get(p)?.parent ?? null) {
      seen.add(p);
      const row = this.places.get(p);
      if (row?.country) return { code: row.country };
      if (row?.kind === 'country' && state === null) state = p;
    }
    return state === null ? null : { placeId: state };
  }

  kind(id: number): string | null {
    return this.places.get(id)?.kind ?? null;
  }

  /** The place and every place within it, at any depth. */
  within(id: number): number[] {
    const children = new Map<number, number[]>();
    for (const [child, row] of this.places) {
      if (row.parent !== null) children.set(row.parent, [...(children.get(row.parent) ?? []), child]);
    }
    const out: number[] = [];
    const queue = [id];
    const seen = new Set<number>();
    while (queue.length > 0) {
      const p = queue.shift() as number;
      if (seen.has(p)) continue;
      seen.add(p);
      out.push(p);
      queue.push(...(children.get(p) ?? []));
    }
    return out;
  }
}

const kept = new WeakMap<Db, { version: string | null; geography: PlaceGeography }>();

/** The archive's places located, read again whenever the archive has changed. */
export async function placeGeography(db: Db): Promise<PlaceGeography> {
  const version = await archiveVersion(db);
  const known = kept.get(db);
  if (known && known.version === version) return known.geography;
  const rows = await listPlaceGeography(db);
  const geography = new PlaceGeography(
    new Map(
      rows.map((r) => {
        const given = r.lat !== null || r.lon !== null;
        const point = project(r.lon, r.lat);
        return [
          r.id,
          { parent: r.parent_id, point, invalid: given && point === null, kind: r.kind, country: r.country },
        ];
      }),
    ),
  );
  kept.set(db, { version, geography });
  return geography;
}
