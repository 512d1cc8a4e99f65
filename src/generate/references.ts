import { type DateRange, dateRange } from '../dates/date-range.ts';
import type { BulkWriter } from '../db/bulk.ts';
import type { Db } from '../db/connection.ts';
import { eventRow } from '../events/event.rows.ts';
import { organizationNameRow, organizationRow } from '../organizations/organization.rows.ts';
import { placeNameRow, placeRow } from '../places/place.rows.ts';
import { type ListColumn, sourceRow } from '../sources/source.rows.ts';
import { type Dated, datedAs, dayOf, type Precision } from './dates.ts';
import type { LifeContext } from './life.ts';
import { type Rng, weightedKeys } from './prng.ts';
import type { Tables } from './tables.ts';

/*
 * What synthetic persons refer to: places, organizations, the list sources their rows stand in,
 * and the shared handover events at Brest. Places and organizations are matched by key, so the
 * sample's Moscow, Brest or NKVD are reused when loaded and created (with the same key) when not;
 * a second run reuses the first run's rows. Nothing that exists is changed.
 */

/** Row ids assigned so far, per table; the generator takes the next one with `ids.persons++`. */
export interface IdCounters {
  places: number;
  place_names: number;
  organizations: number;
  organization_names: number;
  persons: number;
  names: number;
  events: number;
  sources: number;
  list_rows: number;
  citations: number;
}

export const LIST_THEMES = ['shot', 'camp', 'handover', 'expelled', 'arrested', 'emigrants'] as const;
export type ListTheme = (typeof LIST_THEMES)[number];

export interface ListSource {
  id: number;
  theme: ListTheme;
  /** Written in Russian (Cyrillic names), else in German or Polish (Latin names). */
  cyrillic: boolean;
  /** Position of the next row. */
  next: number;
}

export interface References {
  placeIds: ReadonlyMap<string, number>;
  organizationIds: ReadonlyMap<string, number>;
  life: LifeContext;
  /** Event id of each shared handover, by the index LifeContext.groups uses. */
  groupEventIds: readonly number[];
  lists: readonly ListSource[];
  listsByTheme: ReadonlyMap<ListTheme, readonly ListSource[]>;
  created: { places: number; organizations: number; sources: number; events: number };
}

export const LIST_COLUMNS: readonly ListColumn[] = [
  { key: 'no', label: 'No.', role: 'no' },
  { key: 'name', label: 'Name', role: 'name' },
  { key: 'born', label: 'Born', role: 'birth' },
  { key: 'remarks', label: 'Remarks', role: 'remark' },
];

const THEME_NOTES: Record<ListTheme, string> = {
  shot: 'persons shot',
  camp: 'persons sentenced to camps',
  handover: 'persons handed over to the Gestapo at Brest',
  expelled: 'persons expelled from the USSR',
  arrested: 'persons arrested by the NKVD',
  emigrants: 'emigrants registered in the USSR',
};
const THEME_YEARS: Record<ListTheme, string> = {
  shot: '1938',
  camp: '1939',
  handover: '1940/1941',
  expelled: '1938',
  arrested: '1937/1938',
  emigrants: '1936',
};
const THEMES = weightedKeys({ shot: 25, camp: 15, handover: 15, expelled: 15, arrested: 15, emigrants: 15 });
const GROUP_PRECISION = weightedKeys({ day: 85, 'day~': 10, month: 5 } as Record<Precision, number>);

const clamp = (n: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, n));

/** How many list sources and shared handovers a run of `persons` gets. */
export function referenceCounts(persons: number): { lists: number; groups: number } {
  return {
    lists: clamp(Math.ceil(persons / 2000), 3, 500),
    groups: clamp(Math.round(persons / 500), 8, 600),
  };
}

async function idsByKey(db: Db, table: 'places' | 'organizations' | 'sources', keys: string[]) {
  const out = new Map<string, number>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await db
      .selectFrom(table)
      .select(['id', 'key'])
      .where('key', 'in', keys.slice(i, i + 500))
      .execute();
    for (const r of rows) if (r.key !== null) out.set(r.key, r.id);
  }
  return out;
}

/** Looks up or queues every reference row and returns what lives need to point at them. */
export async function prepareReferences(
  db: Db,
  writer: BulkWriter,
  ids: IdCounters,
  tables: Tables,
  options: { rng: Rng; seed: number; persons: number },
): Promise<References> {
  const { rng } = options;
  const created = { places: 0, organizations: 0, sources: 0, events: 0 };

  const placeIds = await idsByKey(
    db,
    'places',
    tables.places.map((p) => p.key),
  );
  // Many places share a period of validity, and parsing one costs more than the rest of a place.
  const periods = new Map<string, DateRange>();
  const period = (valid: string) => {
    let range = periods.get(valid);
    if (!range) {
      range = dateRange(valid);
      periods.set(valid, range);
    }
    return range;
  };
  for (const p of tables.places) {
    if (placeIds.has(p.key)) continue;
    const id = ids.places++;
    placeIds.set(p.key, id);
    created.places++;
    const parentId = p.parent ? (placeIds.get(p.parent) ?? null) : null;
    writer
      .queue('places')
      .pushRowWithId(id, placeRow({ key: p.key, kind: p.kind, parentId, lat: p.lat, lon: p.lon, country: p.country }));
    p.names.forEach((n, sort) => {
      const name = { name: n.name, lang: n.lang, kind: n.kind, valid: n.valid === null ? null : period(n.valid) };
      writer.queue('place_names').pushRowWithId(ids.place_names++, placeNameRow(id, sort, name));
    });
  }

  const organizationIds = await idsByKey(
    db,
    'organizations',
    tables.organizations.map((o) => o.key),
  );
  for (const o of tables.organizations) {
    if (organizationIds.has(o.key)) continue;
    const id = ids.organizations++;
    organizationIds.set(o.key, id);
    created.organizations++;
    const placeId = o.place ? (placeIds.get(o.place) ?? null) : null;
    writer.queue('organizations').pushRowWithId(id, organizationRow({ key: o.key, kind: o.kind, placeId }));
    o.names.forEach((n, sort) => {
      writer.queue('organization_names').pushRowWithId(ids.organization_names++, organizationNameRow(id, sort, n));
    });
  }

  const { lists: listCount, groups: groupCount } = referenceCounts(options.persons);
  const width = Math.max(3, String(listCount).length);
  const listKeys = Array.from(
    { length: listCount },
    (_, k) => `synthetic-${options.seed}-list-${String(k + 1).padStart(width, '0')}`,
  );
  const existingLists = await idsByKey(db, 'sources', listKeys);
  const lastPositions = new Map<number, number>();
  if (existingLists.size > 0) {
    const rows = await db
      .selectFrom('list_rows')
      .select(['source_id', (eb) => eb.fn.max<number>('position').as('last')])
      .where('source_id', 'in', [...existingLists.values()])
      .groupBy('source_id')
      .execute();
    for (const r of rows) lastPositions.set(r.source_id, Number(r.last));
  }
  const lists: ListSource[] = listKeys.map((key, k) => {
    const theme = THEMES.draw(rng);
    const cyrillic = rng.chance(0.55);
    const language = cyrillic ? 'ru' : rng.chance(0.8) ? 'de' : 'pl';
    const existing = existingLists.get(key);
    if (existing !== undefined) return { id: existing, theme, cyrillic, next: (lastPositions.get(existing) ?? 0) + 1 };
    const id = ids.sources++;
    created.sources++;
    const number = key.slice(key.lastIndexOf('-') + 1);
    const note = `Synthetic list of ${THEME_NOTES[theme]}, made by \`fates generate\` (seed ${options.seed}) for testing and benchmarks; not a real source.`;
    const source = sourceRow({
      key,
      kind: 'list',
      title: `Synthetic list ${number}`,
      language,
      date: THEME_YEARS[theme],
      archive: 'Synthetic archive',
      fond: String(100 + (k % 50)),
      opis: '1',
      delo: String(k + 1),
      columns: LIST_COLUMNS,
      note,
    });
    writer.queue('sources').pushRowWithId(id, source);
    return { id, theme, cyrillic, next: 1 };
  });
  const listsByTheme = new Map<ListTheme, ListSource[]>();
  for (const l of lists) listsByTheme.set(l.theme, [...(listsByTheme.get(l.theme) ?? []), l]);

  // The shared handovers: transports from Soviet prisons handed to the Gestapo at Brest between
  // the end of 1939 and the German invasion, each an event with everyone on it as participants.
  const first = dayOf(1939, 11, 20);
  const last = dayOf(1941, 6, 10);
  const groupDays = Array.from({ length: groupCount }, () => first + rng.int(last - first + 1)).sort((a, b) => a - b);
  const bridge = placeIds.get('bug-bridge-brest') ?? placeIds.get('brest') ?? null;
  const brest = placeIds.get('brest') ?? bridge;
  const nkvd = organizationIds.get('nkvd') ?? null;
  const groups: { day: number; date: Dated }[] = [];
  const groupEventIds: number[] = [];
  for (const day of groupDays) {
    const date = datedAs(day, GROUP_PRECISION.draw(rng), rng);
    const id = ids.events++;
    created.events++;
    const placeId = rng.chance(0.8) ? bridge : brest;
    writer.queue('events').pushRowWithId(id, eventRow({ type: 'handover', date, placeId, organizationId: nkvd }));
    groups.push({ day, date });
    groupEventIds.push(id);
  }

  return {
    placeIds,
    organizationIds,
    life: lifeContext(tables, groups),
    groupEventIds,
    lists,
    listsByTheme,
    created,
  };
}

function lifeContext(tables: Tables, groups: { day: number; date: Dated }[]): LifeContext {
  const add = <V>(map: Map<string, V[]>, key: string, value: V) => {
    const list = map.get(key);
    if (list) list.push(value);
    else map.set(key, [value]);
  };
  const placesByUse = new Map<string, string[]>();
  const prisonsIn = new Map<string, string[]>();
  const executionSitesIn = new Map<string, string[]>();
  for (const p of tables.places) {
    for (const use of p.uses) add(placesByUse, use, p.key);
    if (p.parent && p.uses.includes('prison')) add(prisonsIn, p.parent, p.key);
    if (p.parent && p.uses.includes('execution')) add(executionSitesIn, p.parent, p.key);
  }
  const organizationsByUse = new Map<string, string[]>();
  const nkvdIn = new Map<string, string>();
  const troikaIn = new Map<string, string>();
  const organizationPlaces = new Map<string, string>();
  for (const o of tables.organizations) {
    for (const use of o.uses) add(organizationsByUse, use, o.key);
    if (o.place) organizationPlaces.set(o.key, o.place);
    // Later rows are the regional boards, which take precedence over the all-Union NKVD.
    if (o.place && o.uses.includes('arrest')) nkvdIn.set(o.place, o.key);
    if (o.place && o.uses.includes('troika')) troikaIn.set(o.place, o.key);
  }
  return {
    placesByUse,
    prisonsIn,
    executionSitesIn,
    organizationsByUse,
    organizationPlaces,
    nkvdIn,
    troikaIn,
    groups,
  };
}
