import type { Db } from '../db/connection.ts';

export interface PersonIndexRow {
  id: number;
  display_name: string;
  sort_name: string;
  fate: string | null;
}

const listed = (db: Db) =>
  db.selectFrom('persons as p').where('p.status', '=', 'published').where('p.merged_into', 'is', null);

/** How many persons the alphabetical index lists. */
export async function countListedPersons(db: Db): Promise<number> {
  return Number(
    (
      await listed(db)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
}

/** One page of the alphabetical index of published persons (filtered views go through search). */
export async function listPersonIndex(db: Db, page: { limit: number; offset: number }): Promise<PersonIndexRow[]> {
  return listed(db)
    .select(['p.id', 'p.display_name', 'p.sort_name', 'p.fate'])
    .orderBy('p.sort_key')
    .orderBy('p.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

/** What a search result shows of each person, for the ids of one page. */
export async function listPersonSummaries(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('persons')
    .select(['id', 'display_name', 'sort_name', 'sort_key', 'fate', 'sex'])
    .where('id', 'in', ids)
    .execute();
}

/**
 * Births, deaths and executions (and arrests, when asked) of the given persons, main published
 * accounts not deprecated: life dates for a list of results, and what record linkage compares.
 */
export async function listLifeEvents(db: Db, ids: number[], withArrest = false) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('events as e')
    .innerJoin('event_participants as ep', 'ep.event_id', 'e.id')
    .select(['ep.person_id', 'e.type', 'e.date_edtf', 'e.date_min', 'e.place_id', 'e.place_text'])
    .where('ep.person_id', 'in', ids)
    .where('ep.role', '=', 'subject')
    .where('e.variant_of', 'is', null)
    .where('e.rank', '!=', 'deprecated')
    .where('e.status', '=', 'published')
    .where('e.type', 'in', withArrest ? ['birth', 'death', 'execution', 'arrest'] : ['birth', 'death', 'execution'])
    .orderBy('e.date_min')
    .execute();
}
