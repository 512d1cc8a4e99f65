import fs from 'node:fs';
import { createRequire } from 'node:module';
import { type GeoContext, type GeoProjection, geoConicEqualArea, geoPath } from 'd3-geo';
import type { Geometry } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { type Box, boxOf, clipLine, clipRing, type Point, pathData, type Run } from './plane.ts';

export type { Box, Point } from './plane.ts';

/*
 * The basemap: Natural Earth's land and the borders of today (public domain), as the world-atlas
 * package ships them in TopoJSON, drawn by the server as SVG paths. Nothing is asked of another
 * host: the data is in node_modules and the page gets plain SVG.
 *
 * Every map uses one projection, an equal-area conic fitted to the lands of this history (Spain
 * to Siberia), and a map is a window onto it (an SVG viewBox). The outlines are projected once
 * per process and cut into square tiles, each written once when a map first needs it, so a map
 * carries only what its window shows: a close view of Moscow does not carry the coast of Russia.
 */

const require = createRequire(import.meta.url);

/** Projected units per radian: the world spans a few thousand units. */
const SCALE = 1_000;
const conic = (): GeoProjection =>
  geoConicEqualArea().parallels([43, 62]).rotate([-50, 0]).scale(SCALE).translate([0, 0]);
export const PROJECTION = conic();

/** Whether a latitude and longitude could be a place: numbers within their ranges. */
export function validCoordinates(lat: number | null | undefined, lon: number | null | undefined): boolean {
  return (
    typeof lat === 'number' &&
    typeof lon === 'number' &&
    Number.isFinite(lat) &&
    Number.isFinite(lon) &&
    Math.abs(lat) <= 90 &&
    Math.abs(lon) <= 180
  );
}

/** Projects a longitude and latitude; null for coordinates that name no place on Earth. */
export function project(lon: number | null, lat: number | null): Point | null {
  if (!validCoordinates(lat, lon)) return null;
  const p = PROJECTION([lon as number, lat as number]);
  return p && Number.isFinite(p[0]) && Number.isFinite(p[1]) ? [p[0], p[1]] : null;
}

/** A projected run with the box it spans. */
interface Piece {
  run: Run;
  box: Box;
}

/** A resolution's projected land rings and border lines, and the tiles written of it so far. */
interface Layers {
  land: Piece[];
  borders: Piece[];
  tile: number;
  step: number;
  drawn: Map<string, BasemapTile>;
}

/** What a tile of the basemap draws: SVG path data of the land ('' for none) and of the borders. */
export interface BasemapTile {
  land: string;
  borders: string;
}

/** Natural Earth at 1:110m for wide views, at 1:50m for close ones; tile sizes and precision of each. */
const RESOLUTIONS = {
  coarse: { file: 'countries-110m.json', tile: 1_000, step: 1 },
  fine: { file: 'countries-50m.json', tile: 200, step: 0.1 },
} as const;
type Resolution = keyof typeof RESOLUTIONS;
/** Views narrower than this many projected units get the finer outlines. */
const FINE_BELOW = 700;

const loaded = new Map<Resolution, Layers>();

/** The runs d3 draws a geometry as: projected, resampled and cut where the projection's sphere ends. */
function runsOf(geometry: Geometry): Piece[] {
  const runs: Run[] = [];
  let current: Run = [];
  const context: GeoContext = {
    beginPath() {},
    moveTo(x: number, y: number) {
      current = [x, y];
      runs.push(current);
    },
    lineTo(x: number, y: number) {
      current.push(x, y);
    },
    closePath() {},
    arc() {},
  };
  geoPath(PROJECTION, context)(geometry);
  return runs.filter((r) => r.length >= 4).map((run) => ({ run, box: boxOf(run) }));
}

function load(resolution: Resolution): Layers {
  const known = loaded.get(resolution);
  if (known) return known;
  const { file, tile, step } = RESOLUTIONS[resolution];
  const topology = JSON.parse(fs.readFileSync(require.resolve(`world-atlas/${file}`), 'utf8')) as Topology<{
    countries: GeometryCollection;
    land: GeometryCollection;
  }>;
  const land = feature(topology, topology.objects.land);
  const layers: Layers = {
    land: ('features' in land ? land.features : [land]).flatMap((f) => runsOf(f.geometry)),
    borders: runsOf(mesh(topology, topology.objects.countries, (a, b) => a !== b)),
    tile,
    step,
    drawn: new Map(),
  };
  loaded.set(resolution, layers);
  return layers;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height;
}

/** Writes one tile: the land and borders that reach into it, cut at its edges (a unit beyond, so fills meet). */
function drawTile(layers: Layers, i: number, j: number): BasemapTile {
  const size = layers.tile;
  const box = { x: i * size - 1, y: j * size - 1, width: size + 2, height: size + 2 };
  const near = (pieces: Piece[]) => pieces.filter((p) => overlaps(p.box, box));
  return {
    land: pathData(
      near(layers.land).map((p) => clipRing(p.run, box)),
      true,
      layers.step,
    ),
    borders: pathData(
      near(layers.borders).flatMap((p) => clipLine(p.run, box)),
      false,
      layers.step,
    ),
  };
}

/** The basemap's tiles a view shows, at the resolution its width calls for. */
export function basemapTiles(view: Box): BasemapTile[] {
  const layers = load(view.width < FINE_BELOW ? 'fine' : 'coarse');
  const size = layers.tile;
  const out: BasemapTile[] = [];
  for (let i = Math.floor(view.x / size); i * size < view.x + view.width; i++) {
    for (let j = Math.floor(view.y / size); j * size < view.y + view.height; j++) {
      const key = `${i},${j}`;
      let tile = layers.drawn.get(key);
      if (!tile) {
        tile = drawTile(layers, i, j);
        layers.drawn.set(key, tile);
      }
      out.push(tile);
    }
  }
  return out;
}
