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
 * CROSS JOIN makes SQLite start from the persons' participations: without statistics it started
 * from every birth and death by type. PostgreSQL plans it as any inner join.
 */
export async function listLifeEvents(db: Db, ids: number[], withArrest = false) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('event_participants as ep')
    .crossJoin('events as e')
    .whereRef('e.id', '=', 'ep.event_id')
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

/**
 * Published persons after an id, with when each last changed, optionally only those changed in a
 * period (`from`, `until`: `YYYY-MM-DD HH:MM:SS`, inclusive): for harvesters, read in id order.
 */
export async function listPublishedPersonStamps(
  db: Db,
  page: { afterId: number; limit: number; from?: string; until?: string },
) {
  let query = listed(db).select(['p.id', 'p.updated_at']).where('p.id', '>', page.afterId);
  if (page.from) query = query.where('p.updated_at', '>=', page.from);
  if (page.until) query = query.where('p.updated_at', '<=', page.until);
  return query.orderBy('p.id').limit(page.limit).execute();
}

/** Published persons whose ids lie in a range, with when each last changed: a slice of the sitemap. */
export async function listPublishedPersonsInRange(db: Db, range: { first: number; last: number }) {
  return listed(db)
    .select(['p.id', 'p.updated_at'])
    .where('p.id', '>=', range.first)
    .where('p.id', '<=', range.last)
    .orderBy('p.id')
    .execute();
}

/** The earliest change among published persons, or null in an empty archive. */
export async function earliestPersonChange(db: Db): Promise<string | null> {
  const row = await listed(db)
    .select((eb) => eb.fn.min('p.updated_at').as('first'))
    .executeTakeFirst();
  return (row?.first as string | null | undefined) ?? null;
}

/** Biographies of several persons, every language, for listings that show them. */
export async function listPersonTexts(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('person_texts')
    .select(['person_id', 'lang', 'biography'])
    .where('person_id', 'in', ids)
    .execute();
}
