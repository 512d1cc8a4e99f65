import type { Db } from '../db/connection.ts';

export interface FacetCount {
  value: string;
  count: number;
}

export function sorted(rows: { value: string | null; n: number | string | bigint }[]): FacetCount[] {
  return rows
    .filter((r): r is { value: string; n: number } => r.value !== null)
    .map((r) => ({ value: r.value, count: Number(r.n) }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/** Facet counts over a set of persons (the matches of a search, or the first of them). */
export async function countFacets(db: Db, ids: number[]) {
  if (ids.length === 0) return { fate: [], role: [], sex: [], event: [] };
  const [fate, sex, role, event] = await Promise.all([
    db.selectFrom('persons').select(['fate as value', (eb) => eb.fn.countAll().as('n')]).where('id', 'in', ids).groupBy('fate').execute(),
    db.selectFrom('persons').select(['sex as value', (eb) => eb.fn.countAll().as('n')]).where('id', 'in', ids).groupBy('sex').execute(),
    db.selectFrom('person_roles').select(['role as value', (eb) => eb.fn.countAll().as('n')]).where('person_id', 'in', ids).groupBy('role').execute(),
    db
      .selectFrom('event_participants as ep')
      .innerJoin('events as e', 'e.id', 'ep.event_id')
      .select(['e.type as value', (eb) => eb.fn.count('ep.person_id').distinct().as('n')])
      .where('ep.person_id', 'in', ids)
      .where('e.rank', '!=', 'deprecated')
      .groupBy('e.type')
      .execute(),
  ]);
  return { fate: sorted(fate), sex: sorted(sex), role: sorted(role), event: sorted(event) };
}

export async function listNamesOf(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('names')
    .select(['person_id', 'full_name', 'given', 'surname', 'patronymic', 'kind', 'lang', 'rank'])
    .where('person_id', 'in', ids)
    .orderBy('person_id')
    .orderBy('sort')
    .execute();
}

export async function listPersonSummaries(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('persons').select(['id', 'display_name', 'sort_name', 'sort_key', 'fate', 'sex']).where('id', 'in', ids).execute();
}
