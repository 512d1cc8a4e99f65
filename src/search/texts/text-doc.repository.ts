import type { Db } from '../../db/connection.ts';
import type { TextKind } from './text-index.ts';

/** The largest id among the records of `kind` (0 for none): persons with a biography, events, sources with texts, list rows. */
export async function lastTextRecord(db: Db, kind: TextKind): Promise<number> {
  const max = async (query: Promise<{ m: unknown } | undefined>) => Number((await query)?.m ?? 0);
  switch (kind) {
    case 'biography':
      return max(
        db
          .selectFrom('person_texts')
          .select((eb) => eb.fn.max('person_id').as('m'))
          .executeTakeFirst(),
      );
    case 'event':
      return max(
        db
          .selectFrom('events')
          .select((eb) => eb.fn.max('id').as('m'))
          .executeTakeFirst(),
      );
    case 'document':
      return max(
        db
          .selectFrom('document_texts')
          .select((eb) => eb.fn.max('source_id').as('m'))
          .executeTakeFirst(),
      );
    case 'list-row':
      return max(
        db
          .selectFrom('list_rows')
          .select((eb) => eb.fn.max('id').as('m'))
          .executeTakeFirst(),
      );
  }
}

/** What a text hit points at, for showing it: persons, events, sources and list rows by id. */
export async function describeTextRefs(
  db: Db,
  refs: { persons: number[]; events: number[]; sources: number[]; rows: number[] },
) {
  const none = Promise.resolve([]);
  const [persons, events, sources, rows] = await Promise.all([
    refs.persons.length
      ? db.selectFrom('persons').select(['id', 'display_name']).where('id', 'in', refs.persons).execute()
      : none,
    refs.events.length
      ? db.selectFrom('events').select(['id', 'type', 'date_edtf']).where('id', 'in', refs.events).execute()
      : none,
    refs.sources.length
      ? db.selectFrom('sources').select(['id', 'title']).where('id', 'in', refs.sources).execute()
      : none,
    refs.rows.length
      ? db
          .selectFrom('list_rows as r')
          .innerJoin('sources as s', 's.id', 'r.source_id')
          .leftJoin('list_row_links as l', (j) =>
            j.onRef('l.row_id', '=', 'r.id').on('l.status', 'in', ['suggested', 'confirmed']),
          )
          .leftJoin('persons as p', (j) => j.onRef('p.id', '=', 'l.person_id').on('p.status', '=', 'published'))
          .select(['r.id', 'r.position', 'r.source_id', 's.title', 'p.id as person_id', 'p.display_name'])
          .where('r.id', 'in', refs.rows)
          .orderBy('l.id')
          .execute()
      : none,
  ]);
  return { persons, events, sources, rows };
}
