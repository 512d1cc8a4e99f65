import { type ExpressionBuilder, sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { Database } from '../db/database.ts';
import type { ListColumn } from '../sources/source.rows.ts';
import type { ListRowTable } from '../sources/source.table.ts';

/*
 * A list's rows as its working pages read them: each with its state, the strongest of its links'
 * statuses (confirmed, then suggested, review, unsure, rejected; unlinked without any).
 */

/** Row states from strongest to weakest link, as the rank SQL gives them. */
export const ROW_STATES = ['unlinked', 'rejected', 'unsure', 'review', 'suggested', 'confirmed'] as const;
export type RowState = (typeof ROW_STATES)[number];

const rankOf = sql<number>`CASE l.status WHEN 'confirmed' THEN 5 WHEN 'suggested' THEN 4 WHEN 'review' THEN 3 WHEN 'unsure' THEN 2 WHEN 'rejected' THEN 1 ELSE 0 END`;

/** A row's state as a number (ROW_STATES' index): the strongest of its links. */
const rowRank = (eb: ExpressionBuilder<Database & { r: ListRowTable }, 'r'>) =>
  eb
    .selectFrom('list_row_links as l')
    .select(sql<number>`COALESCE(MAX(${rankOf}), 0)`.as('rank'))
    .whereRef('l.row_id', '=', 'r.id');

export async function findList(db: Db, id: number) {
  return db.selectFrom('sources').selectAll().where('id', '=', id).where('kind', '=', 'list').executeTakeFirst();
}

export function listColumnsOf(list: { columns: string | null }): ListColumn[] {
  return list.columns ? (JSON.parse(list.columns) as ListColumn[]) : [];
}

/** The lists that are not removed, newest first, with their row counts. */
export async function listLists(db: Db) {
  return db
    .selectFrom('sources as s')
    .select(['s.id', 's.title', 's.status', 's.as_of'])
    .select((eb) =>
      eb
        .selectFrom('list_rows as r')
        .select(eb.fn.countAll<number | string>().as('n'))
        .whereRef('r.source_id', '=', 's.id')
        .where('r.status', '=', 'published')
        .as('rows'),
    )
    .where('s.kind', '=', 'list')
    .where('s.status', '!=', 'removed')
    .orderBy('s.id', 'desc')
    .execute();
}

/** How many of a list's rows are in each state. */
export async function countRowStates(db: Db, listId: number): Promise<Record<RowState, number>> {
  const rows = await db
    .selectFrom((eb) =>
      eb
        .selectFrom('list_rows as r')
        .select((eb2) => rowRank(eb2).as('rank'))
        .where('r.source_id', '=', listId)
        .where('r.status', '=', 'published')
        .as('x'),
    )
    .select(['x.rank', (eb) => eb.fn.countAll<number | string>().as('n')])
    .groupBy('x.rank')
    .execute();
  const out = Object.fromEntries(ROW_STATES.map((s) => [s, 0])) as Record<RowState, number>;
  for (const r of rows) out[ROW_STATES[Number(r.rank)] ?? 'unlinked'] += Number(r.n);
  return out;
}

/** A page of a list's rows in order, each with its state; only rows in `states` when given. */
export async function listRowPage(
  db: Db,
  listId: number,
  page: { offset: number; limit: number; states?: readonly RowState[]; afterPosition?: number },
) {
  let query = db
    .selectFrom('list_rows as r')
    .select(['r.id', 'r.position', 'r.folio', 'r.cells', 'r.note'])
    .select((eb) => rowRank(eb).as('rank'))
    .where('r.source_id', '=', listId)
    .where('r.status', '=', 'published');
  if (page.afterPosition !== undefined) query = query.where('r.position', '>', page.afterPosition);
  if (page.states) {
    const ranks = page.states.map((s) => ROW_STATES.indexOf(s));
    query = query.where((eb) => eb(rowRank(eb), 'in', ranks));
  }
  const rows = await query.orderBy('r.position').limit(page.limit).offset(page.offset).execute();
  return rows.map((r) => ({ ...r, state: ROW_STATES[Number(r.rank)] ?? 'unlinked' }));
}

/** Rows of a list with no link at all, after a position, in order. */
export async function listUnlinkedRows(db: Db, listId: number, afterPosition: number, limit: number) {
  return db
    .selectFrom('list_rows as r')
    .select(['r.id', 'r.position', 'r.cells'])
    .where('r.source_id', '=', listId)
    .where('r.status', '=', 'published')
    .where('r.position', '>', afterPosition)
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('list_row_links as l').select('l.id').whereRef('l.row_id', '=', 'r.id'))),
    )
    .orderBy('r.position')
    .limit(limit)
    .execute();
}

/** The row of a list at a position (published), if any. */
export async function findRowAt(db: Db, listId: number, position: number) {
  return db
    .selectFrom('list_rows')
    .selectAll()
    .where('source_id', '=', listId)
    .where('position', '=', position)
    .where('status', '=', 'published')
    .executeTakeFirst();
}

/** The links of rows with the persons' names (published or not: editors see drafts), in order. */
export async function listRowLinks(db: Db, rowIds: number[]) {
  if (rowIds.length === 0) return [];
  return db
    .selectFrom('list_row_links as l')
    .innerJoin('persons as p', 'p.id', 'l.person_id')
    .select([
      'l.id',
      'l.row_id',
      'l.person_id',
      'l.status',
      'l.weight',
      'l.evidence',
      'p.display_name',
      'p.status as person_status',
    ])
    .where('l.row_id', 'in', rowIds)
    .orderBy('l.row_id')
    .orderBy('l.id')
    .execute();
}

/** Persons a list's published rows are linked to (suggested or confirmed), with the row positions. */
export async function listLinkedPersons(db: Db, listId: number) {
  return db
    .selectFrom('list_row_links as l')
    .innerJoin('list_rows as r', 'r.id', 'l.row_id')
    .select(['l.person_id', 'r.position'])
    .where('r.source_id', '=', listId)
    .where('r.status', '=', 'published')
    .where('l.status', 'in', ['suggested', 'confirmed'])
    .orderBy('r.position')
    .execute();
}

export async function listPersonNames(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('persons').select(['id', 'display_name', 'sort_name']).where('id', 'in', ids).execute();
}

/** How many of a list's published rows (after a position, if given) have no link at all. */
export async function countUnlinkedRows(db: Db, listId: number, afterPosition = 0): Promise<number> {
  const row = await db
    .selectFrom('list_rows as r')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('r.source_id', '=', listId)
    .where('r.position', '>', afterPosition)
    .where('r.status', '=', 'published')
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom('list_row_links as l').select('l.id').whereRef('l.row_id', '=', 'r.id'))),
    )
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
