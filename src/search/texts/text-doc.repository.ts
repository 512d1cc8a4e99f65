import type { Db } from '../../db/connection.ts';

/** Biographies of published persons with ids above `after`, in id order. */
export async function listBiographies(db: Db, after: number, limit: number) {
  return db
    .selectFrom('person_texts as t')
    .innerJoin('persons as p', 'p.id', 't.person_id')
    .select(['t.person_id as id', 't.lang', 't.biography as body'])
    .where('p.status', '=', 'published')
    .where('t.person_id', '>', after)
    .orderBy('t.person_id')
    .limit(limit)
    .execute();
}

/** Event descriptions (a variant's text counts for its main event). */
export async function listEventTexts(db: Db, after: number, limit: number) {
  return db
    .selectFrom('event_texts as t')
    .innerJoin('events as e', 'e.id', 't.event_id')
    .select(['t.event_id as id', 'e.variant_of', 't.lang', 't.description as body'])
    .where('t.event_id', '>', after)
    .orderBy('t.event_id')
    .limit(limit)
    .execute();
}

export async function listDocumentTexts(db: Db, after: number, limit: number) {
  return db
    .selectFrom('document_texts')
    .select(['id', 'source_id', 'lang', 'text as body'])
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
}

export async function listListRows(db: Db, after: number, limit: number) {
  return db
    .selectFrom('list_rows')
    .select(['id', 'cells'])
    .where('id', '>', after)
    .orderBy('id')
    .limit(limit)
    .execute();
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
