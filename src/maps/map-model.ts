import type { Box, Point } from './basemap.ts';

/** A mark on a map: a step of a life, a place, or a cluster of places. */
export interface MapMarker {
  point: Point;
  /** Radius in CSS pixels at the design width (frame.ts). */
  radius: number;
  /** Text inside the mark: a step's number, a count. */
  label: string | null;
  /** What the mark stands for, in words (a tooltip, and the popup's heading). */
  title: string;
  /** A name written beside the mark, for the marks that need one to be read. */
  name?: string;
  style: 'step' | 'cluster' | 'place' | 'here';
  /** Drawn dashed: the date or the place of what it marks is uncertain. */
  uncertain: boolean;
  /** Ids of the items of the list beside the map that tell the same (its popup shows them). */
  rows: string[];
}

/** A leg of a route between two steps; dashed when either end is uncertain. */
export interface MapLine {
  from: Point;
  to: Point;
  uncertain: boolean;
}

/** One place a search map counts, for re-clustering in the browser as the map is zoomed. */
export interface MapPoint {
  x: number;
  y: number;
  n: number;
  row: string;
  title: string;
}

/** Everything a map figure draws besides the basemap. */
export interface MapModel {
  view: Box;
  markers: MapMarker[];
  lines: MapLine[];
  /** The map's text alternative: a title and a sentence saying what it shows. */
  title: string;
  description: string;
  /** The places again, when the browser should cluster them anew at each zoom. */
  points?: MapPoint[];
}
