import { edtfBounds } from '../../src/dates/edtf.ts';
import type { Storage } from '../../src/db/connection.ts';
import { composeFullName, composeSortName } from '../../src/names/name-format.ts';
import { foldName } from '../../src/search/text/normalize.ts';

export interface NameSpec {
  given?: string;
  surname?: string;
  full?: string;
  kind?: string;
  lang?: string;
}

export interface PersonSpec {
  names: NameSpec[];
  /** Published unless said otherwise. */
  status?: 'published' | 'draft';
  fate?: string;
  sex?: string;
  roles?: string[];
  biography?: string;
  events?: { type: string; date?: string; placeId?: number }[];
}

/** Inserts a person (published by default) with names and events; returns the id. Index it afterwards. */
export async function insertPerson(storage: Storage, spec: PersonSpec): Promise<number> {
  const db = storage.db;
  const main = spec.names[0] ?? {};
  const sort = main.full ?? composeSortName(main);
  const person = await db
    .insertInto('persons')
    .values({
      display_name: main.full ?? composeFullName(main),
      sort_name: sort,
      sort_key: foldName(sort),
      sex: spec.sex ?? 'unknown',
      status: spec.status ?? 'published',
      fate: spec.fate ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const role of spec.roles ?? ['victim'])
    await db.insertInto('person_roles').values({ person_id: person.id, role }).execute();
  if (spec.biography)
    await db
      .insertInto('person_texts')
      .values({ person_id: person.id, lang: 'en', biography: spec.biography })
      .execute();
  for (const [sort, n] of spec.names.entries()) {
    const full = n.full ?? composeFullName(n);
    await db
      .insertInto('names')
      .values({
        person_id: person.id,
        kind: n.kind ?? 'birth',
        given: n.given ?? null,
        surname: n.surname ?? null,
        patronymic: null,
        full_name: full,
        lang: n.lang ?? null,
        valid_edtf: null,
        rank: 'normal',
        note: null,
        sort,
      })
      .execute();
  }
  for (const e of spec.events ?? []) {
    const b = e.date ? edtfBounds(e.date) : { min: null, max: null };
    const ev = await db
      .insertInto('events')
      .values({
        type: e.type,
        date_edtf: e.date ?? null,
        date_min: b.min,
        date_max: b.max,
        date_text: null,
        place_id: e.placeId ?? null,
        place_text: null,
        organization_id: null,
        details: null,
        rank: 'normal',
        note: null,
        variant_of: null,
        key: null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('event_participants')
      .values({ event_id: ev.id, person_id: person.id, role: 'subject', note: null, sort: 0 })
      .execute();
  }
  return person.id;
}
