import type { StatementType } from '../citations/citation.table.ts';
import type { Db } from '../db/connection.ts';

/** Tables whose curated records carry a `key`. */
export type KeyedTable = 'places' | 'organizations' | 'sources' | 'persons' | 'events';

/** The id of the curated record with this key, if it was loaded before. */
export async function findIdByKey(db: Db, table: KeyedTable, key: string): Promise<number | undefined> {
  const row = await db.selectFrom(table).select('id').where('key', '=', key).executeTakeFirst();
  return row?.id;
}

/** The ids of the curated records with these keys that exist. */
export async function idsByKeys(db: Db, table: KeyedTable, keys: readonly string[]): Promise<number[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom(table)
    .select('id')
    .where('key', 'in', [...keys])
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

async function deleteCitations(db: Db, type: StatementType, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom('citations').where('statement_type', '=', type).where('statement_id', 'in', ids).execute();
}

/** Removes everything a person's file states (names, attributes, relationships, texts, roles). */
export async function clearPersonStatements(db: Db, personId: number): Promise<void> {
  await deleteCitations(db, 'person', [personId]);
  for (const [table, type] of [
    ['names', 'name'],
    ['attributes', 'attribute'],
    ['relationships', 'relationship'],
  ] as const) {
    const rows = await db.selectFrom(table).select('id').where('person_id', '=', personId).execute();
    await deleteCitations(
      db,
      type,
      rows.map((r) => r.id),
    );
    await db.deleteFrom(table).where('person_id', '=', personId).execute();
  }
  await db.deleteFrom('person_roles').where('person_id', '=', personId).execute();
  await db.deleteFrom('person_texts').where('person_id', '=', personId).execute();
}

/** Removes an event's variants, participants, texts and citations, keeping the event row. */
export async function clearEventStatements(db: Db, eventId: number): Promise<void> {
  const variants = await db.selectFrom('events').select('id').where('variant_of', '=', eventId).execute();
  await deleteCitations(db, 'event', [eventId, ...variants.map((v) => v.id)]);
  await db.deleteFrom('events').where('variant_of', '=', eventId).execute();
  await db.deleteFrom('event_participants').where('event_id', '=', eventId).execute();
  await db.deleteFrom('event_texts').where('event_id', '=', eventId).execute();
}

/** Removes a source's list rows and document texts; returns the ids the rows had. */
export async function clearSourceContent(db: Db, sourceId: number): Promise<number[]> {
  await db.updateTable('citations').set({ list_row_id: null }).where('source_id', '=', sourceId).execute();
  const rows = await db.deleteFrom('list_rows').where('source_id', '=', sourceId).returning('id').execute();
  await db.deleteFrom('document_texts').where('source_id', '=', sourceId).execute();
  return rows.map((r) => r.id);
}

/** Each place's parent, for the places of the archive. */
export async function listPlaceParentIds(db: Db): Promise<Map<number, number | null>> {
  const rows = await db.selectFrom('places').select(['id', 'parent_id']).execute();
  return new Map(rows.map((r) => [r.id, r.parent_id]));
}

export async function clearPlaceNames(db: Db, placeId: number): Promise<void> {
  await db.deleteFrom('place_names').where('place_id', '=', placeId).execute();
}

export async function clearOrganizationNames(db: Db, organizationId: number): Promise<void> {
  await db.deleteFrom('organization_names').where('organization_id', '=', organizationId).execute();
}

export async function getMeta(db: Db, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function deleteMeta(db: Db, key: string): Promise<void> {
  await db.deleteFrom('meta').where('key', '=', key).execute();
}

export async function setMeta(db: Db, key: string, value: string): Promise<void> {
  await db
    .insertInto('meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}
