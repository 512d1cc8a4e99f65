import type { Db } from '../db/connection.ts';

/** How many records of each kind the archive holds: published persons, main events, sources, places. */
export async function countRecords(db: Db) {
  const count = async (table: 'persons' | 'events' | 'sources' | 'places') => {
    let qb = db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
    if (table === 'persons') qb = qb.where('status', '=', 'published');
    const n = Number((await qb.executeTakeFirstOrThrow()).n);
    if (table !== 'events') return n;
    // Main events are those that are no other source's variant. Counted as all events less the
    // variants: the index on variant_of holds only variants (migration 0010), so counting the
    // NULLs themselves would read the whole table.
    const variants = await db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('variant_of', 'is not', null)
      .executeTakeFirstOrThrow();
    return n - Number(variants.n);
  };
  return {
    persons: await count('persons'),
    events: await count('events'),
    sources: await count('sources'),
    places: await count('places'),
  };
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
