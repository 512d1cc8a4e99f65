import type { EventType } from '../events/event.ts';
import { type Dated, datedAs, type Precision } from './dates.ts';
import { VAGUE, YEAR } from './life-details.ts';
import type { Rng, WeightedTable } from './prng.ts';

/*
 * The life of a synthetic person as a dated sequence of events, in the order it was lived: born
 * 1880–1920, emigrated and arrived in the USSR 1925–36, worked, arrested 1936–41 (most in the
 * Great Terror), interrogated, sentenced, and then shot, sent to a camp, handed over to the
 * Gestapo at Brest, expelled, or released (victim-life.ts). Officials of the NKVD and Gestapo get
 * careers instead (career.ts). This file holds what both are made of.
 */

export interface LifeEvent {
  type: EventType;
  /** The day it happened, for ordering; the source's date is `date`. */
  day: number;
  date: Dated;
  place: string | null;
  organization: string | null;
  /** JSON of typed details, or null. */
  details: string | null;
  /** The shared handover event this person was part of (index into the context's groups). */
  group: number | null;
  /** An NKVD officer of the synthetic staff takes part as perpetrator. */
  perpetrator: boolean;
  /** A witness from among earlier synthetic persons takes part. */
  witness: boolean;
}

/** Places, organizations and shared events a life can refer to, by key. */
export interface LifeContext {
  /** Place keys by use (`born-de`, `soviet`, `camp`, `execution`, `gestapo`, …). */
  placesByUse: ReadonlyMap<string, readonly string[]>;
  /** Place keys of prisons and execution sites by the key of their city. */
  prisonsIn: ReadonlyMap<string, readonly string[]>;
  executionSitesIn: ReadonlyMap<string, readonly string[]>;
  /** Organization keys by use (`arrest`, `sentence`, `member-pl`, `work-soviet`, …). */
  organizationsByUse: ReadonlyMap<string, readonly string[]>;
  /** The place key of each organization that has one (an enterprise's town). */
  organizationPlaces: ReadonlyMap<string, string>;
  /** The regional NKVD board and troika by city key, where the tables have one. */
  nkvdIn: ReadonlyMap<string, string>;
  troikaIn: ReadonlyMap<string, string>;
  /** The shared handovers at Brest, by day ascending. */
  groups: readonly { day: number; date: Dated }[];
}

export type StaffKind = 'nkvd-perpetrator' | 'nkvd-official' | 'gestapo-official';

export const MIN_EVENTS = 3;
export const MAX_EVENTS = 8;

/** What victims' lives and officials' careers are made with: places, organizations, dated events. */
export abstract class LifeBuilder {
  constructor(protected readonly ctx: LifeContext) {}

  protected place(rng: Rng, use: string): string | null {
    const list = this.ctx.placesByUse.get(use);
    return list && list.length > 0 ? rng.pick(list) : null;
  }

  private readonly useSets = new Map<string, Set<string>>();

  protected has(use: string, place: string): boolean {
    let set = this.useSets.get(use);
    if (!set) {
      set = new Set(this.ctx.placesByUse.get(use));
      this.useSets.set(use, set);
    }
    return set.has(place);
  }

  protected organization(rng: Rng, use: string): string | null {
    const list = this.ctx.organizationsByUse.get(use);
    return list && list.length > 0 ? rng.pick(list) : null;
  }

  protected event(
    rng: Rng,
    type: EventType,
    day: number,
    precision: WeightedTable<Precision>,
    place: string | null,
    organization: string | null,
    details: string | null = null,
  ): LifeEvent {
    return {
      type,
      day,
      date: datedAs(day, precision.draw(rng), rng),
      place,
      organization,
      details,
      group: null,
      perpetrator: false,
      witness: false,
    };
  }

  /** A shared handover on or after `day`; null if there is none. */
  protected group(rng: Rng, day: number): number | null {
    const groups = this.ctx.groups;
    let lo = 0;
    let hi = groups.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((groups[mid] as { day: number }).day < day) lo = mid + 1;
      else hi = mid;
    }
    if (lo >= groups.length) return null;
    // Any later transport, evenly: most arrests were years before the first handover in 1939.
    return lo + rng.int(groups.length - lo);
  }

  /** The life of a victim. */
}

/** Types dropped first when a life has more than MAX_EVENTS events. */
const DROPPABLE: readonly EventType[] = [
  'interrogation',
  'membership',
  'work',
  'arrival',
  'emigration',
  'rehabilitation',
  'gestapo-custody',
  'expulsion-order',
  'military-service',
];

/** Sorts a life by day and brings it to MIN_EVENTS–MAX_EVENTS events. */
export function fit(rng: Rng, events: LifeEvent[], here: string | null): LifeEvent[] {
  let out = events;
  for (const type of DROPPABLE) {
    for (let i = out.findIndex((e) => e.type === type); i >= 0 && out.length > MAX_EVENTS; ) {
      out.splice(i, 1);
      i = out.findIndex((e) => e.type === type);
    }
  }
  out.sort((a, b) => a.day - b.day);
  if (out.length > MAX_EVENTS) out = out.slice(0, MAX_EVENTS);
  const born = (out[0] as LifeEvent).day;
  while (out.length < MIN_EVENTS) {
    const day = born + (18 + rng.int(15)) * YEAR;
    out.push({
      type: 'residence',
      day,
      date: datedAs(day, VAGUE.draw(rng), rng),
      place: here,
      organization: null,
      details: null,
      group: null,
      perpetrator: false,
      witness: false,
    });
  }
  return out.sort((a, b) => a.day - b.day);
}
