import type { Box, Point } from './basemap.ts';

/** Width over height of every map. */
export const ASPECT = 4 / 3;
/** The narrowest view, in projected units (about 2,000 km): one place alone is shown with its country. */
const MIN_WIDTH = 330;
/** Space left around the points, as a share of their spread. */
const PADDING = 0.12;
/**
 * The width a map is assumed to be laid out at, in CSS pixels, for the sizes of its marks: between
 * a phone's and a desktop's. The script fits them to the real width.
 */
export const DESIGN_WIDTH = 480;

/** The view that shows every point with some room around it, in the maps' aspect. */
export function fitView(points: Point[]): Box {
  if (points.length === 0) return { x: -900, y: -700, width: 1800, height: 1800 / ASPECT };
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const [x, y] of points) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  let width = Math.max(MIN_WIDTH, (x1 - x0) * (1 + 2 * PADDING));
  let height = Math.max(MIN_WIDTH / ASPECT, (y1 - y0) * (1 + 2 * PADDING));
  if (width / height < ASPECT) width = height * ASPECT;
  else height = width / ASPECT;
  const round = (n: number) => Math.round(n * 10) / 10;
  return {
    x: round((x0 + x1) / 2 - width / 2),
    y: round((y0 + y1) / 2 - height / 2),
    width: round(width),
    height: round(height),
  };
}

/** Projected units per CSS pixel of a view laid out at the design width. */
export function unitsPerPixel(view: Box): number {
  return view.width / DESIGN_WIDTH;
}
