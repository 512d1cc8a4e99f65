import type { Point } from './basemap.ts';
import { fitView } from './frame.ts';
import type { MapLine, MapMarker, MapModel } from './map-model.ts';
import type { PlaceGeography } from './place-geography.ts';

/** What a step of a life needs of an event (as a page shows it). */
export interface ItineraryEvent {
  id: number;
  type: string;
  edtf: string | null;
  place: { id: number; name: string; today: string | null } | null;
  placeText: string | null;
}

/** One dated, placed event of a life, in order. */
export interface Step {
  n: number;
  event: ItineraryEvent;
  point: Point;
  /** The place whose coordinates stand in (the city of a prison), or null. */
  via: number | null;
  /**
   * The date is uncertain or approximate (EDTF ?, ~, %, X, one of a set, an open end), or the place
   * is only known as the place around it. A span (1938/1940: a stay) is no uncertainty.
   */
  uncertain: boolean;
}

export interface Itinerary {
  steps: Step[];
  /** Placed events without a date: shown on the map, not on the route. */
  undated: Omit<Step, 'n'>[];
  /** Events whose place is not on the map: no coordinates for it or any place around it, or only as written. */
  unmapped: ItineraryEvent[];
}

/** Whether an EDTF date is uncertain or approximate, rather than a span or just less precise. */
export function uncertainDate(edtf: string): boolean {
  return /[?~%X[{]|\.\./.test(edtf);
}

/** A life's events on the map: the route of its dated steps, and what cannot be drawn on it. */
export function buildItinerary(events: readonly ItineraryEvent[], geography: PlaceGeography): Itinerary {
  const out: Itinerary = { steps: [], undated: [], unmapped: [] };
  for (const event of events) {
    if (!event.place) {
      if (event.placeText) out.unmapped.push(event);
      continue;
    }
    const at = geography.locate(event.place.id);
    if (!at) {
      out.unmapped.push(event);
      continue;
    }
    const step = {
      event,
      point: at.point,
      via: at.via,
      uncertain: at.via !== null || (event.edtf !== null && uncertainDate(event.edtf)),
    };
    if (event.edtf === null) out.undated.push(step);
    else out.steps.push({ ...step, n: out.steps.length + 1 });
  }
  return out;
}

const same = (a: Point, b: Point) => a[0] === b[0] && a[1] === b[1];

/** Step numbers as a mark shows them: "3", "3–5", "3, 7". */
function numbers(ns: number[]): string {
  if (ns.length === 1) return String(ns[0]);
  const consecutive = ns.every((n, i) => i === 0 || n === (ns[i - 1] as number) + 1);
  return consecutive ? `${ns[0]}–${ns.at(-1)}` : `${ns[0]}, ${ns.at(-1)}${ns.length > 2 ? '…' : ''}`;
}

/**
 * The itinerary as a map: one mark per place (its steps' numbers in it), legs between
 * consecutive steps, undated events as marks without a number. `label(step)` names a step.
 */
export function itineraryMap(
  itinerary: Itinerary,
  text: { title: string; description: string; label: (s: Omit<Step, 'n'> & { n?: number }) => string },
): MapModel {
  const groups: { point: Point; steps: (Omit<Step, 'n'> & { n?: number })[] }[] = [];
  for (const s of [...itinerary.steps, ...itinerary.undated]) {
    const group = groups.find((g) => same(g.point, s.point));
    if (group) group.steps.push(s);
    else groups.push({ point: s.point, steps: [s] });
  }
  const markers: MapMarker[] = groups.map((g) => {
    const ns = g.steps.flatMap((s) => (s.n === undefined ? [] : [s.n]));
    return {
      point: g.point,
      radius: ns.length > 1 ? 11 : 9,
      label: ns.length > 0 ? numbers(ns) : null,
      title: g.steps.map(text.label).join('; '),
      name: g.steps[0]?.event.place?.name,
      style: 'step',
      uncertain: g.steps.every((s) => s.uncertain),
      rows: g.steps.map((s) => `step-${s.event.id}`),
    };
  });
  const lines: MapLine[] = [];
  const steps = itinerary.steps;
  for (let i = 1; i < steps.length; i++) {
    const a = steps[i - 1] as Step;
    const b = steps[i] as Step;
    if (!same(a.point, b.point)) lines.push({ from: a.point, to: b.point, uncertain: a.uncertain || b.uncertain });
  }
  return {
    view: fitView(groups.map((g) => g.point)),
    markers,
    lines,
    title: text.title,
    description: text.description,
  };
}
