import type { Db } from '../db/connection.ts';

/** How many published records of each kind the archive holds: persons, main events, sources, places. */
export async function countRecords(db: Db) {
  const count = async (table: 'persons' | 'events' | 'sources' | 'places') => {
    let qb = db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
    if (table !== 'events') qb = qb.where('status', '=', 'published');
    const n = Number((await qb.executeTakeFirstOrThrow()).n);
    if (table !== 'events') return n;
    // Published main events are those that are no other source's variant and no draft. Counted as
    // all events less the variants less the unpublished main events: the index on variant_of holds
    // only variants (migration 0010) and events_unpublished only drafts and removed events (0091),
    // so counting the published ones themselves would read the whole table.
    const variants = await db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('variant_of', 'is not', null)
      .executeTakeFirstOrThrow();
    const unpublished = await db
      .selectFrom('events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('status', '<>', 'published')
      .where('variant_of', 'is', null)
      .executeTakeFirstOrThrow();
    return n - Number(variants.n) - Number(unpublished.n);
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
