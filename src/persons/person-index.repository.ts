import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';

export interface PersonIndexQuery {
  /** Already folded (lower case, no diacritics); empty for the plain alphabetical index. */
  folded: string;
  fate?: string;
  role?: string;
  limit: number;
  offset: number;
}

export interface PersonIndexRow {
  id: number;
  display_name: string;
  sort_name: string;
  fate: string | null;
  matched: string | null;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => `\\${m}`);
}

/**
 * Published persons in alphabetical order, optionally those with a stored name containing the
 * folded query. This is the simple name filter of the index pages.
 */
export async function listPersonIndex(db: Db, q: PersonIndexQuery): Promise<{ total: number; rows: PersonIndexRow[] }> {
  let base = db.selectFrom('persons as p').where('p.status', '=', 'published').where('p.merged_into', 'is', null);
  if (q.fate) base = base.where('p.fate', '=', q.fate);
  if (q.role) {
    const role = q.role;
    base = base.where((eb) =>
      eb.exists(eb.selectFrom('person_roles as r').select('r.person_id').whereRef('r.person_id', '=', 'p.id').where('r.role', '=', role)),
    );
  }
  const pattern = `%${escapeLike(q.folded)}%`;
  if (q.folded) {
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom('names as n')
          .select('n.id')
          .whereRef('n.person_id', '=', 'p.id')
          .where(sql<boolean>`n.folded LIKE ${pattern} ESCAPE '\\'`),
      ),
    );
  }
  const total = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await base
    .select(['p.id', 'p.display_name', 'p.sort_name', 'p.fate'])
    .select((eb) =>
      q.folded
        ? eb
            .selectFrom('names as n')
            .select('n.full_name')
            .whereRef('n.person_id', '=', 'p.id')
            .where(sql<boolean>`n.folded LIKE ${pattern} ESCAPE '\\'`)
            .orderBy('n.sort')
            .limit(1)
            .as('matched')
        : sql<string | null>`NULL`.as('matched'),
    )
    .orderBy('p.sort_key')
    .orderBy('p.id')
    .limit(q.limit)
    .offset(q.offset)
    .$castTo<PersonIndexRow>()
    .execute();
  return { total: Number(total.n), rows };
}

export async function countRecords(db: Db) {
  const count = async (table: 'persons' | 'events' | 'sources' | 'places') => {
    let qb = db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
    if (table === 'persons') qb = qb.where('status', '=', 'published');
    if (table === 'events') qb = qb.where('variant_of', 'is', null);
    return Number((await qb.executeTakeFirstOrThrow()).n);
  };
  return { persons: await count('persons'), events: await count('events'), sources: await count('sources'), places: await count('places') };
}

export async function countByFate(db: Db) {
  const rows = await db
    .selectFrom('persons')
    .select(['fate', (eb) => eb.fn.countAll<number>().as('n')])
    .where('status', '=', 'published')
    .where('fate', 'is not', null)
    .groupBy('fate')
    .execute();
  return rows.map((r) => ({ fate: r.fate as string, n: Number(r.n) }));
}
