import type { Db } from '../db/connection.ts';
import { analyzeNameParts } from '../names/name-keys.ts';
import type { ScoringTerm, StoredName } from '../names/name-match.ts';
import { foldName } from '../names/spelling/normalize.ts';
import { skeletonKeys } from '../names/spelling/skeleton.ts';
import { listPlaceNames } from '../places/place.repository.ts';
import { listLivesFromEvents, listStoredDocs } from '../search/index/stored-doc.repository.ts';
import type { StoredLife } from '../search/index/stored-doc.ts';
import { type DateParts, parseListDate, partsOfEdtf } from './dates.ts';

/** The roles a list's columns can have (see the list import). */
export type ColumnRole =
  | 'no'
  | 'name'
  | 'surname'
  | 'given'
  | 'patronymic'
  | 'birth'
  | 'birth_place'
  | 'arrest'
  | 'death'
  | 'file_no'
  | 'remark';

/** What linkage compares of one side: a list row's cells, or a person's record. */
export interface LinkRecord {
  terms: ScoringTerm[];
  birth: DateParts | null;
  /** Folded spellings and skeleton keys of the place of birth, any of which may meet the other side's. */
  birthPlace: Set<string> | null;
  arrest: DateParts | null;
  death: DateParts | null;
}

/** A person's side: their names as the search stores them, and their life's dates and places. */
export interface PersonRecord {
  id: number;
  names: StoredName[];
  birth: DateParts | null;
  birthPlace: Set<string> | null;
  arrest: DateParts | null;
  death: DateParts | null;
}

/** Each place name's keys, remembered: persons born in one town share it. */
const placeKeysCache = new Map<string, string[]>();
const PLACE_CACHE_LIMIT = 100_000;

/** The spellings a place name is compared by: folded words joined, and their skeletons. */
export function placeKeys(names: readonly string[]): Set<string> | null {
  const out = new Set<string>();
  for (const name of names) {
    let keys = placeKeysCache.get(name);
    if (!keys) {
      keys = [...keysOfPlace(name)];
      if (placeKeysCache.size >= PLACE_CACHE_LIMIT) placeKeysCache.clear();
      placeKeysCache.set(name, keys);
    }
    for (const k of keys) out.add(k);
  }
  return out.size > 0 ? out : null;
}

function keysOfPlace(name: string): Set<string> {
  const out = new Set<string>();
  const folded = foldName(name).replace(/\s+/g, ' ').trim();
  if (!folded) return out;
  // "Vordernberg (Bezirk Leoben, Steiermark)": the place itself comes first.
  const first = foldName(name.split(/[,(]/)[0]!).replace(/\s+/g, ' ').trim();
  for (const f of [folded, first]) {
    if (!f) continue;
    out.add(f);
    for (const k of skeletonKeys(f.replace(/\s/g, ''))) out.add(`s:${k}`);
  }
  return out;
}

/** A list row's cells read by their columns' roles. */
export function rowRecord(
  cells: Readonly<Record<string, string>>,
  roles: Readonly<Record<string, string>>,
): LinkRecord {
  const byRole = (role: ColumnRole) => {
    const values = Object.entries(roles)
      .filter(([, r]) => r === role)
      .map(([column]) => cells[column]?.trim() ?? '')
      .filter(Boolean);
    return values.length > 0 ? values.join(' ') : null;
  };
  const terms = analyzeNameParts({
    surname: byRole('surname'),
    given: byRole('given'),
    patronymic: byRole('patronymic'),
    full: byRole('name'),
  }).map((t) => ({ ...t, fuzzy: [] as string[] }));
  const place = byRole('birth_place');
  return {
    terms,
    birth: parseListDate(byRole('birth')),
    birthPlace: place ? placeKeys([place]) : null,
    arrest: parseListDate(byRole('arrest')),
    death: parseListDate(byRole('death')),
  };
}

/** Persons read per query: a batch's candidates can outnumber the bound variables an engine takes. */
const RECORDS_PER_QUERY = 5_000;

/** The records of the given persons, as linkage compares them (persons without a search entry are left out). */
export async function loadPersonRecords(db: Db, ids: readonly number[]): Promise<Map<number, PersonRecord>> {
  const unique = [...new Set(ids)];
  if (unique.length <= RECORDS_PER_QUERY) return loadSome(db, unique);
  const out = new Map<number, PersonRecord>();
  for (let i = 0; i < unique.length; i += RECORDS_PER_QUERY)
    for (const [id, record] of await loadSome(db, unique.slice(i, i + RECORDS_PER_QUERY))) out.set(id, record);
  return out;
}

async function loadSome(db: Db, unique: number[]): Promise<Map<number, PersonRecord>> {
  const out = new Map<number, PersonRecord>();
  if (unique.length === 0) return out;
  const docs = await listStoredDocs(db, unique);
  // The search documents keep each person's birth, death and arrest (lifeOf); a document written
  // before they kept the arrest sends its person to their events.
  const lives = new Map<number, StoredLife>();
  const unkept: number[] = [];
  for (const [id, doc] of docs) {
    if (doc.life?.arrested !== undefined) lives.set(id, doc.life);
    else unkept.push(id);
  }
  if (unkept.length > 0) for (const [id, life] of await listLivesFromEvents(db, unkept)) lives.set(id, life);
  const placeNames = new Map<number, string[]>();
  for (const n of await listPlaceNames(db, [...new Set([...lives.values()].flatMap((l) => l.birthPlaceId ?? []))]))
    placeNames.set(n.place_id, [...(placeNames.get(n.place_id) ?? []), n.name]);
  for (const id of unique) {
    const doc = docs.get(id);
    const life = lives.get(id);
    if (!doc || !life) continue;
    const places = [
      ...(life.birthPlaceId === null ? [] : (placeNames.get(life.birthPlaceId) ?? [])),
      ...(life.birthPlaceText ? [life.birthPlaceText] : []),
    ];
    out.set(id, {
      id,
      names: doc.names,
      birth: partsOfEdtf(life.born),
      birthPlace: placeKeys(places),
      arrest: partsOfEdtf(life.arrested ?? null),
      death: partsOfEdtf(life.died),
    });
  }
  return out;
}
