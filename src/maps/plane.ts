/*
 * Outlines in the plane of the projection: rings (closed, filled) and lines (borders), cut to a
 * rectangle and written as compact SVG path data. Cutting in the plane, after projecting once,
 * costs a pass over the points; cutting on the sphere for every tile cost d3 a pass over the
 * whole world each time.
 */

/** A rectangle in projected units. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A projected point [x, y], y growing southwards as on screen. */
export type Point = [number, number];

/** A run of projected points: [x0, y0, x1, y1, …]. */
export type Run = number[];

/** Points of a run inside one side of a rectangle, with the crossings added (Sutherland–Hodgman). */
function clipSide(
  points: Run,
  inside: (x: number, y: number) => boolean,
  cross: (ax: number, ay: number, bx: number, by: number) => [number, number],
): Run {
  const out: Run = [];
  const n = points.length / 2;
  if (n === 0) return out;
  let px = points[2 * (n - 1)] as number;
  let py = points[2 * (n - 1) + 1] as number;
  let pin = inside(px, py);
  for (let i = 0; i < n; i++) {
    const x = points[2 * i] as number;
    const y = points[2 * i + 1] as number;
    const xin = inside(x, y);
    if (xin !== pin) out.push(...cross(px, py, x, y));
    if (xin) out.push(x, y);
    px = x;
    py = y;
    pin = xin;
  }
  return out;
}

/** A closed ring cut to the box: what of it lies inside, closed along the box's edges. */
export function clipRing(ring: Run, box: Box): Run {
  const x0 = box.x;
  const y0 = box.y;
  const x1 = box.x + box.width;
  const y1 = box.y + box.height;
  const atX =
    (edge: number) =>
    (ax: number, ay: number, bx: number, by: number): [number, number] => [
      edge,
      ay + ((by - ay) * (edge - ax)) / (bx - ax),
    ];
  const atY =
    (edge: number) =>
    (ax: number, ay: number, bx: number, by: number): [number, number] => [
      ax + ((bx - ax) * (edge - ay)) / (by - ay),
      edge,
    ];
  let r = clipSide(ring, (x) => x >= x0, atX(x0));
  r = clipSide(r, (x) => x <= x1, atX(x1));
  r = clipSide(r, (_, y) => y >= y0, atY(y0));
  return clipSide(r, (_, y) => y <= y1, atY(y1));
}

/** An open line cut to the box: the runs of it inside (Liang–Barsky, segment by segment). */
export function clipLine(line: Run, box: Box): Run[] {
  const out: Run[] = [];
  let current: Run | null = null;
  const x0 = box.x;
  const y0 = box.y;
  const x1 = box.x + box.width;
  const y1 = box.y + box.height;
  for (let i = 0; i + 3 < line.length; i += 2) {
    const ax = line[i] as number;
    const ay = line[i + 1] as number;
    const bx = line[i + 2] as number;
    const by = line[i + 3] as number;
    const dx = bx - ax;
    const dy = by - ay;
    let t0 = 0;
    let t1 = 1;
    let visible = true;
    for (const [p, q] of [
      [-dx, ax - x0],
      [dx, x1 - ax],
      [-dy, ay - y0],
      [dy, y1 - ay],
    ] as [number, number][]) {
      if (p === 0) {
        if (q < 0) visible = false;
      } else {
        const t = q / p;
        if (p < 0) t0 = Math.max(t0, t);
        else t1 = Math.min(t1, t);
      }
    }
    if (!visible || t0 > t1) {
      current = null;
      continue;
    }
    const sx = ax + t0 * dx;
    const sy = ay + t0 * dy;
    if (!current || t0 > 0) {
      current = [sx, sy];
      out.push(current);
    }
    current.push(ax + t1 * dx, ay + t1 * dy);
    if (t1 < 1) current = null;
  }
  return out;
}

/**
 * SVG path data of runs, each point a step from the last (relative commands are about half as
 * long), in units of `step` (0.1: tenths of a projected unit). Closed runs end with `z`.
 */
export function pathData(runs: Run[], closed: boolean, step: number): string {
  const parts: string[] = [];
  const scale = 1 / step;
  // Integers of steps divided out once; a leading zero left off (".5", "-.5").
  const fmt = (n: number) => String(n / scale).replace(/^(-?)0\./, '$1.');
  for (const run of runs) {
    if (run.length < 4) continue;
    let px = Math.round((run[0] as number) * scale);
    let py = Math.round((run[1] as number) * scale);
    const out = [`M${fmt(px)},${fmt(py)}l`];
    const steps: string[] = [];
    for (let i = 2; i + 1 < run.length; i += 2) {
      const x = Math.round((run[i] as number) * scale);
      const y = Math.round((run[i + 1] as number) * scale);
      if (x === px && y === py) continue;
      steps.push(`${fmt(x - px)},${fmt(y - py)}`);
      px = x;
      py = y;
    }
    if (steps.length === 0) continue;
    out.push(steps.join(' '));
    if (closed) out.push('z');
    parts.push(out.join(''));
  }
  return parts.join('');
}

/** The box a run spans. */
export function boxOf(run: Run): Box {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (let i = 0; i + 1 < run.length; i += 2) {
    const x = run[i] as number;
    const y = run[i + 1] as number;
    if (x < x0) x0 = x;
    if (x > x1) x1 = x;
    if (y < y0) y0 = y;
    if (y > y1) y1 = y;
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
