import type { Point } from './basemap.ts';

/** A place a map counts persons at. */
export interface Counted {
  point: Point;
  n: number;
  row: string;
  title: string;
}

export interface Cluster {
  point: Point;
  n: number;
  members: Counted[];
}

/** A mark's radius in pixels for a count: it grows with the count's order of magnitude. */
export function radiusFor(n: number): number {
  return Math.round((8 + 4 * Math.log10(1 + n)) * 10) / 10;
}

/**
 * Gathers places whose marks would overlap into one mark each: the places with most persons
 * first, each joining the first mark within `distance` units of it, or starting one. Places are
 * looked up in a grid of cells as wide as `distance`, so thousands of places take a pass each.
 */
export function clusterPlaces(places: readonly Counted[], distance: number): Cluster[] {
  const sorted = [...places].sort((a, b) => b.n - a.n || a.row.localeCompare(b.row));
  const cells = new Map<string, Cluster[]>();
  const out: Cluster[] = [];
  const cellOf = (p: Point) => [Math.floor(p[0] / distance), Math.floor(p[1] / distance)] as const;
  for (const place of sorted) {
    const [cx, cy] = cellOf(place.point);
    let joined: Cluster | null = null;
    for (let dx = -1; dx <= 1 && !joined; dx++) {
      for (let dy = -1; dy <= 1 && !joined; dy++) {
        for (const c of cells.get(`${cx + dx},${cy + dy}`) ?? []) {
          if (Math.hypot(c.point[0] - place.point[0], c.point[1] - place.point[1]) <= distance) {
            joined = c;
            break;
          }
        }
      }
    }
    if (joined) {
      joined.n += place.n;
      joined.members.push(place);
      continue;
    }
    const cluster: Cluster = { point: place.point, n: place.n, members: [place] };
    out.push(cluster);
    const key = `${cx},${cy}`;
    cells.set(key, [...(cells.get(key) ?? []), cluster]);
  }
  return out;
}
