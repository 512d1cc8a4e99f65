import type { Messages } from '../i18n/en.ts';
import { basemapTiles } from './basemap.ts';
import { unitsPerPixel } from './frame.ts';
import type { MapModel } from './map-model.ts';

const r1 = (n: number) => Math.round(n * 10) / 10;

/** Pixels a character of a mark's name takes, about (11 px DejaVu Sans, the widest of the usual sans fonts). */
const CHAR_PIXELS = 6.7;

/** Where a mark's name is written: its side, and the name, shortened when neither side has room. */
interface PlacedName {
  side: 'left' | 'right';
  text: string;
}

/**
 * Which marks' names are written, and where: on the side of the mark with room for the name (the
 * right if both have), shortened with an ellipsis to the wider side when neither has (the mark's
 * title and the list beside the map give it whole), and none that would run into a name already
 * written (the earlier marks come first).
 */
function placeNames(map: MapModel, k: number): Map<number, PlacedName> {
  const out = new Map<number, PlacedName>();
  const taken: { x0: number; x1: number; y0: number; y1: number }[] = [];
  map.markers.forEach((m, i) => {
    if (!m.name) return;
    const gap = (m.radius + 3) * k;
    const right = map.view.x + map.view.width - m.point[0] - gap;
    const left = m.point[0] - map.view.x - gap;
    const needed = m.name.length * CHAR_PIXELS * k;
    const side = needed <= right || right >= left ? 'right' : 'left';
    const room = Math.floor(Math.max(0, side === 'right' ? right : left) / (CHAR_PIXELS * k));
    if (room < 4) return;
    const text = needed <= (side === 'right' ? right : left) ? m.name : `${m.name.slice(0, room - 1).trimEnd()}…`;
    const width = text.length * CHAR_PIXELS * k + gap;
    const box = {
      x0: side === 'right' ? m.point[0] : m.point[0] - width,
      x1: side === 'right' ? m.point[0] + width : m.point[0],
      y0: m.point[1] - 7 * k,
      y1: m.point[1] + 7 * k,
    };
    if (taken.some((b) => b.x0 < box.x1 && box.x0 < b.x1 && b.y0 < box.y1 && box.y0 < b.y1)) return;
    taken.push(box);
    out.set(i, { side, text });
  });
  return out;
}

/**
 * A map drawn by the server as SVG: the basemap, the legs of a route, the marks. It is a picture
 * with a text alternative (role img); the list beside it carries the same facts and the links.
 * /static/map.js adds panning, zooming and popups; without it the map is still whole, and prints.
 */
export function MapFigure({ map, id, t }: { map: MapModel; id: string; t: Messages }) {
  const k = unitsPerPixel(map.view);
  const { view } = map;
  const tiles = basemapTiles(view);
  const names = placeNames(map, k);
  return (
    <>
      <figure
        class="map"
        id={id}
        data-map=""
        data-labels={JSON.stringify({
          in: t.maps.zoomIn,
          out: t.maps.zoomOut,
          reset: t.maps.reset,
          close: t.maps.close,
        })}
      >
        <div class="map-frame">
          <svg
            class="map-svg"
            viewBox={`${view.x} ${view.y} ${view.width} ${view.height}`}
            role="img"
            aria-labelledby={`${id}-title ${id}-desc`}
            preserveAspectRatio="xMidYMid meet"
            xmlns="http://www.w3.org/2000/svg"
          >
            <title id={`${id}-title`}>{map.title}</title>
            <desc id={`${id}-desc`}>{map.description}</desc>
            <g class="map-base">
              {tiles.map((tile) => tile.land && <path class="map-land" d={tile.land} />)}
              {tiles.map((tile) => tile.borders && <path class="map-border" d={tile.borders} />)}
            </g>
            <g class="map-lines">
              {map.lines.map((l) => (
                <line
                  class={l.uncertain ? 'map-line uncertain' : 'map-line'}
                  x1={r1(l.from[0])}
                  y1={r1(l.from[1])}
                  x2={r1(l.to[0])}
                  y2={r1(l.to[1])}
                />
              ))}
            </g>
            <g class="map-marks">
              {map.markers.map((m, i) => (
                <g
                  class={`mark mark-${m.style}${m.uncertain ? ' uncertain' : ''}`}
                  transform={`translate(${r1(m.point[0])} ${r1(m.point[1])}) scale(${k.toPrecision(4)})`}
                  data-rows={m.rows.join(' ')}
                >
                  <title>{m.title}</title>
                  <circle r={m.radius} />
                  {m.label && (
                    <text class="mark-label" dy="0.35em" font-size={m.label.length > 2 ? 8 : 10}>
                      {m.label}
                    </text>
                  )}
                  {names.has(i) && (
                    <text
                      class="mark-name"
                      x={names.get(i)?.side === 'left' ? -(m.radius + 3) : m.radius + 3}
                      text-anchor={names.get(i)?.side === 'left' ? 'end' : 'start'}
                      dy="0.35em"
                    >
                      {names.get(i)?.text}
                    </text>
                  )}
                </g>
              ))}
            </g>
          </svg>
        </div>
        <figcaption class="map-caption">{t.maps.basemap}</figcaption>
      </figure>
      {map.points && (
        <script
          type="application/json"
          id={`${id}-points`}
          dangerouslySetInnerHTML={{ __html: JSON.stringify(map.points).replace(/</g, '\\u003c') }}
        />
      )}
      <script src="/static/map.js" defer />
    </>
  );
}
