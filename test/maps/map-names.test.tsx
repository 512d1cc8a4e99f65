import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { MapFigure } from '../../src/maps/map.views.tsx';
import type { MapMarker, MapModel } from '../../src/maps/map-model.ts';

/** A map 480 units wide (one unit a pixel as drawn) with one named mark at `x`. */
function mapWith(x: number, name: string): MapModel {
  const mark: MapMarker = {
    point: [x, 100],
    radius: 6,
    label: null,
    title: name,
    name,
    style: 'place',
    uncertain: false,
    rows: [],
  };
  return {
    view: { x: 0, y: 0, width: 480, height: 300 },
    markers: [mark],
    lines: [],
    title: 'Map',
    description: 'A map',
  };
}

/** The name written beside the mark, and its anchor. */
function writtenName(map: MapModel): { text: string; anchor: string } | null {
  const html = String(<MapFigure map={map} id="m" t={en} />);
  const found = html.match(/<text class="mark-name"[^>]*text-anchor="(\w+)"[^>]*>([^<]*)<\/text>/);
  return found ? { anchor: found[1] as string, text: found[2] as string } : null;
}

describe("a map's names beside its marks", () => {
  it('are written on the side with room for them, the right when both have', () => {
    expect(writtenName(mapWith(100, 'Moscow'))).toEqual({ anchor: 'start', text: 'Moscow' });
    expect(writtenName(mapWith(440, 'Karaganda camp'))).toEqual({ anchor: 'end', text: 'Karaganda camp' });
    // Left of the middle, but too long for the room on its right.
    const bridge = 'Bug bridge at Brest-Litovsk, the crossing';
    expect(writtenName(mapWith(300, bridge))).toEqual({ anchor: 'end', text: bridge });
  });

  it('are shortened to the wider side when neither holds them', () => {
    const long = 'Auschwitz concentration camp and its subcamps around Oświęcim';
    const written = writtenName(mapWith(240, long));
    expect(written?.anchor).toBe('start');
    expect(written?.text.endsWith('…')).toBe(true);
    // What fits between the mark and the map's edge, at about 6.7 pixels a character.
    expect((written?.text.length ?? 0) * 6.7).toBeLessThanOrEqual(240 - 9);
  });
});
