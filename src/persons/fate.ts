import type { Fate } from './person.ts';

/** What fate derivation needs to know of one event in which the person is the subject. */
export interface FateEvent {
  type: string;
  /** Earliest possible day (ISO); undated events keep their given order. */
  date_min: string | null;
  rank: string;
}

const NAZI_CUSTODY = new Set(['handover', 'gestapo-custody', 'concentration-camp', 'ghetto']);
const SOVIET_CUSTODY = new Set(['arrest', 'interrogation', 'charge', 'trial', 'sentence', 'imprisonment', 'camp']);
const LEFT_USSR = new Set(['expulsion', 'deportation', 'remigration']);
/** Nobody remained in Nazi custody after the surrender; a later death is not a death in custody. */
const NAZI_REGIME_END = '1945-05-08';
const REPRESSION = new Set([...NAZI_CUSTODY, ...SOVIET_CUSTODY, ...LEFT_USSR, 'execution', 'expulsion-order']);

/**
 * Derives a person's fate from the events they were the subject of. Deprecated statements are
 * ignored, so an error recorded from a source never decides a fate. Returns null for a person
 * who was never persecuted (an official, a researcher) unless they are recorded as a victim.
 *
 * The order of the rules matters: the last custody a person was in decides how they died.
 */
export function deriveFate(events: FateEvent[], isVictim: boolean): Fate | null {
  const timeline = events
    .filter((e) => e.rank !== 'deprecated')
    .map((e, i) => ({ ...e, i }))
    .sort((a, b) => (a.date_min ?? '').localeCompare(b.date_min ?? '') || a.i - b.i);
  if (!timeline.some((e) => REPRESSION.has(e.type))) return isVictim ? 'unknown' : null;

  const firstNazi = timeline.findIndex((e) => NAZI_CUSTODY.has(e.type));
  const execution = timeline.findIndex((e) => e.type === 'execution');
  if (execution >= 0) {
    return firstNazi >= 0 && firstNazi < execution ? 'died_in_nazi_custody' : 'shot_in_ussr';
  }

  const death = timeline.findIndex((e) => e.type === 'death');
  if (firstNazi >= 0) {
    const diedBeforeLiberation = (timeline[death]?.date_min ?? '9999') <= NAZI_REGIME_END;
    if (
      death > firstNazi &&
      diedBeforeLiberation &&
      !timeline.slice(firstNazi, death).some((e) => e.type === 'release')
    ) {
      return 'died_in_nazi_custody';
    }
    return 'handed_to_gestapo';
  }

  if (death >= 0) {
    const before = timeline.slice(0, death).reverse();
    const lastCustodyChange = before.find(
      (e) => SOVIET_CUSTODY.has(e.type) || e.type === 'release' || LEFT_USSR.has(e.type),
    );
    if (lastCustodyChange && SOVIET_CUSTODY.has(lastCustodyChange.type)) return 'died_in_soviet_custody';
  }
  if (timeline.some((e) => LEFT_USSR.has(e.type))) return 'allowed_to_leave';
  if (timeline.some((e) => e.type === 'release' || e.type === 'rehabilitation')) return 'survived';
  return 'unknown';
}
