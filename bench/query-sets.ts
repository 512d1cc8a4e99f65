// Benchmark queries drawn from the database itself, so every class has answers at any size.
import { sql } from 'kysely';
import type { Storage } from '../src/db/connection.ts';
import { Rng } from '../src/generate/prng.ts';
import { givenNameGroup, givenNameTable } from '../src/names/spelling/given-names.ts';
import { foldName } from '../src/names/spelling/normalize.ts';
import type { SearchParams } from '../src/search/names/person-search.service.ts';

export type QueryClass = 'exact' | 'variant' | 'cyrillic' | 'phonetic' | 'typo' | 'faceted';

const CYRILLIC = /[\u0400-\u04ff]/;

/** Spelling changes that keep the sound: what a clerk or a descendant writes instead. */
const SOUND_ALIKE: [RegExp, string][] = [
  [/mann$/, 'man'],
  [/ei/, 'ai'],
  [/tz/, 'z'],
  [/ck/, 'k'],
  [/sch/, 'sh'],
  [/w/, 'v'],
  [/ph/, 'f'],
  [/th/, 't'],
  [/y/, 'i'],
  [/ie/, 'i'],
  [/dt$/, 't'],
  [/ss/, 's'],
];

function soundAlike(word: string): string | null {
  for (const [re, to] of SOUND_ALIKE) if (re.test(word)) return word.replace(re, to);
  return null;
}

function typo(word: string, r: Rng): string | null {
  if (word.length < 5) return null;
  const i = 1 + r.int(word.length - 3);
  return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
}

export async function buildQuerySets(
  storage: Storage,
  perClass: number,
  seed: number,
): Promise<Record<QueryClass, SearchParams[]>> {
  const r = new Rng(seed);
  const max = Number((await sql<{ m: number }>`SELECT max(id) AS m FROM persons`.execute(storage.db)).rows[0]?.m ?? 0);
  const ids = Array.from({ length: perClass * 6 }, () => 1 + r.int(max));
  const names = await storage.db
    .selectFrom('names')
    .innerJoin('persons', 'persons.id', 'names.person_id')
    .select(['names.person_id', 'names.given', 'names.surname', 'names.full_name', 'names.kind', 'persons.fate'])
    .where('names.person_id', 'in', ids)
    .execute();
  const arrests = await storage.db
    .selectFrom('event_participants as ep')
    .innerJoin('events as e', 'e.id', 'ep.event_id')
    .select(['ep.person_id', 'e.type', 'e.date_min'])
    .where('ep.person_id', 'in', ids)
    .where('e.date_min', 'is not', null)
    .execute();
  const groups = givenNameTable();
  const base = (q: string): SearchParams => ({ q, sort: 'relevance', limit: 20, offset: 0 });
  const sets: Record<QueryClass, SearchParams[]> = {
    exact: [],
    variant: [],
    cyrillic: [],
    phonetic: [],
    typo: [],
    faceted: [],
  };
  const add = (cls: QueryClass, p: SearchParams | null) => {
    if (p && sets[cls].length < perClass) sets[cls].push(p);
  };
  for (const n of names) {
    if (!n.surname || !n.given) continue;
    if (CYRILLIC.test(n.full_name)) {
      add('cyrillic', base(`${n.given} ${n.surname}`));
      continue;
    }
    add('exact', base(`${n.given} ${n.surname}`));
    const given = foldName(n.given);
    const group = givenNameGroup(given, n.given);
    const other = group ? groups.groups.get(group)?.find((m) => foldName(m) !== given && !CYRILLIC.test(m)) : undefined;
    if (other) add('variant', base(`${other} ${n.surname}`));
    const alike = soundAlike(n.surname.toLowerCase());
    if (alike) add('phonetic', base(`${n.given} ${alike}`));
    const t = typo(n.surname.toLowerCase(), r);
    if (t) add('typo', base(`${n.given} ${t}`));
    const event = arrests.find((e) => e.person_id === n.person_id && e.date_min);
    if (event?.date_min && n.fate) {
      const year = Number(event.date_min.slice(0, 4));
      add('faceted', {
        ...base(n.surname),
        fate: n.fate ?? undefined,
        event: event.type as SearchParams['event'],
        from: String(year - 1),
        to: String(year + 1),
      });
    }
  }
  return sets;
}
