import type { Lang } from '../i18n/i18n.ts';
import type { PlaceName } from './place.repository.ts';

export interface PlaceLabel {
  /** The name the place had at the time, or its name today. */
  name: string;
  /** Today's name, when it differs from `name`. */
  today: string | null;
}

function currentName(names: PlaceName[], lang: Lang): PlaceName | undefined {
  const current = names.filter((n) => n.kind === 'current');
  return current.find((n) => n.lang === lang) ?? current.find((n) => n.lang === 'en') ?? current[0] ?? names[0];
}

/**
 * Names a place as it was called on a given day (Stalinsk in 1935, Novokuznetsk today), with
 * today's name beside it, in the reader's language where a name in it exists.
 */
export function placeLabel(names: PlaceName[], lang: Lang, day: string | null = null): PlaceLabel {
  const today = currentName(names, lang);
  if (!today) return { name: '?', today: null };
  if (day) {
    const historical = names.filter(
      (n) => n.kind === 'historical' && (n.valid_min ?? '0000') <= day && day <= (n.valid_max ?? '9999'),
    );
    const then = historical.find((n) => n.lang === lang) ?? historical[0];
    if (then && then.name !== today.name) return { name: then.name, today: today.name };
  }
  return { name: today.name, today: null };
}

/** Groups names by place id, for pages that name many places. */
export function groupNames(names: PlaceName[]): Map<number, PlaceName[]> {
  const map = new Map<number, PlaceName[]>();
  for (const n of names) map.set(n.place_id, [...(map.get(n.place_id) ?? []), n]);
  return map;
}
