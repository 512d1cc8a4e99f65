import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/connection.ts';
import { currentTimestamp } from '../db/engine.ts';
import type { DocumentTextTable, ListRowTable, SourceTable } from './source.table.ts';

export async function insertSource(db: Db, source: Insertable<SourceTable>): Promise<number> {
  const row = await db.insertInto('sources').values(source).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Overwrites the source's own columns and marks the row updated. */
export async function updateSourceRow(db: Db, id: number, source: Updateable<SourceTable>): Promise<void> {
  await db
    .updateTable('sources')
    .set({ ...source, updated_at: currentTimestamp(db) })
    .where('id', '=', id)
    .execute();
}

export async function insertListRow(db: Db, row: Insertable<ListRowTable>): Promise<number> {
  const inserted = await db.insertInto('list_rows').values(row).returning('id').executeTakeFirstOrThrow();
  return inserted.id;
}

export async function insertDocumentText(db: Db, text: Insertable<DocumentTextTable>): Promise<number> {
  const row = await db.insertInto('document_texts').values(text).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

export async function findSourceById(db: Db, id: number) {
  return db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Published sources among the given ids, for public pages. */
export async function listSourcesByIds(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('sources').selectAll().where('id', 'in', ids).where('status', '=', 'published').execute();
}

export async function listSources(db: Db) {
  return db
    .selectFrom('sources')
    .selectAll()
    .where('status', '=', 'published')
    .orderBy('kind')
    .orderBy('title')
    .execute();
}

const publishedRows = (db: Db, sourceId: number) =>
  db
    .selectFrom('list_rows')
    .select(['id', 'position', 'folio', 'cells', 'note'])
    .where('source_id', '=', sourceId)
    .where('status', '=', 'published')
    .orderBy('position');

/**
 * A list's published rows as written; all of them, or those after a position (in order, for
 * reading a long list in batches). The persons they name are read with listLinksOfRows.
 */
export async function listRowsOfSource(db: Db, sourceId: number, batch?: { afterPosition: number; limit: number }) {
  const query = publishedRows(db, sourceId);
  return (batch ? query.where('position', '>', batch.afterPosition).limit(batch.limit) : query).execute();
}

/** One page of a list's published rows, by offset. */
export async function listRowPage(db: Db, sourceId: number, page: { limit: number; offset: number }) {
  return publishedRows(db, sourceId).limit(page.limit).offset(page.offset).execute();
}

export async function countRowsOfSource(db: Db, sourceId: number): Promise<number> {
  const row = await db
    .selectFrom('list_rows')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('source_id', '=', sourceId)
    .where('status', '=', 'published')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The links of the given rows with the given statuses, to published persons, with their names. */
export async function listLinksOfRows(db: Db, rowIds: number[], statuses: readonly string[]) {
  if (rowIds.length === 0) return [];
  return db
    .selectFrom('list_row_links as l')
    .innerJoin('persons as p', 'p.id', 'l.person_id')
    .select(['l.row_id', 'l.person_id', 'l.status', 'l.weight', 'p.display_name'])
    .where('l.row_id', 'in', rowIds)
    .where('l.status', 'in', [...statuses])
    .where('p.status', '=', 'published')
    .orderBy('l.row_id')
    .orderBy('l.id')
    .execute();
}

export async function listDocumentTexts(db: Db, sourceId: number) {
  return db.selectFrom('document_texts').selectAll().where('source_id', '=', sourceId).orderBy('id').execute();
}

/** Statements citing a source, with the person each is about (for events: the subject). */
export async function listCitingStatements(db: Db, sourceId: number, limit: number) {
  return db.selectFrom('citations').selectAll().where('source_id', '=', sourceId).orderBy('id').limit(limit).execute();
}

/**
 * For citing statements: the person each name, attribute or relationship belongs to. CROSS JOIN
 * makes SQLite start from the statements: without statistics it started from every published
 * person (tens of seconds at 200,000 persons). PostgreSQL plans it as any inner join.
 */
export async function listStatementOwners(db: Db, type: 'name' | 'attribute' | 'relationship', ids: number[]) {
  if (ids.length === 0) return [];
  const table = ({ name: 'names', attribute: 'attributes', relationship: 'relationships' } as const)[type];
  return db
    .selectFrom(`${table} as s` as 'names as s')
    .crossJoin('persons as p')
    .whereRef('p.id', '=', 's.person_id')
    .select(['s.id', 'p.id as person_id', 'p.display_name'])
    .where('s.id', 'in', ids)
    .where('s.status', '=', 'published')
    .where('p.status', '=', 'published')
    .execute();
}

/** Published events (and other accounts of them) among the given ids. */
export async function listEventHeads(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('events')
    .select(['id', 'type', 'date_edtf', 'variant_of'])
    .where('id', 'in', ids)
    .where('status', '=', 'published')
    .execute();
}

export async function listPublishedPersonNames(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('persons')
    .select(['id', 'display_name'])
    .where('id', 'in', ids)
    .where('status', '=', 'published')
    .execute();
}

export async function findSourceRow(db: Db, id: number) {
  return db.selectFrom('sources').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function updateDocumentText(db: Db, id: number, text: Insertable<DocumentTextTable>): Promise<void> {
  await db.updateTable('document_texts').set(text).where('id', '=', id).execute();
}

export async function deleteDocumentTexts(db: Db, ids: number[]): Promise<void> {
  if (ids.length > 0) await db.deleteFrom('document_texts').where('id', 'in', ids).execute();
}

/** Sources after an id, with when each last changed, optionally only those changed in a period: for harvesters. */
export async function listSourceStamps(
  db: Db,
  page: { afterId: number; limit: number; from?: string; until?: string },
) {
  let query = db
    .selectFrom('sources')
    .select(['id', 'updated_at'])
    .where('id', '>', page.afterId)
    .where('status', '=', 'published');
  if (page.from) query = query.where('updated_at', '>=', page.from);
  if (page.until) query = query.where('updated_at', '<=', page.until);
  return query.orderBy('id').limit(page.limit).execute();
}

export async function earliestSourceChange(db: Db): Promise<string | null> {
  const row = await db
    .selectFrom('sources')
    .select((eb) => eb.fn.min('updated_at').as('first'))
    .executeTakeFirst();
  return (row?.first as string | null | undefined) ?? null;
}
