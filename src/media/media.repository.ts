import type { Insertable } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { MediaFileTable, MediaTable } from './media.table.ts';

export async function insertMedia(db: Db, row: Insertable<MediaTable>): Promise<number> {
  const { id } = await db.insertInto('media').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

export async function insertMediaFile(db: Db, row: Insertable<MediaFileTable>): Promise<void> {
  await db.insertInto('media_files').values(row).execute();
}

/** The next place in a record's order of media. */
export async function nextMediaSort(db: Db, recordType: string, recordId: number): Promise<number> {
  const row = await db
    .selectFrom('media')
    .select((eb) => eb.fn.max('sort').as('max'))
    .where('record_type', '=', recordType)
    .where('record_id', '=', recordId)
    .executeTakeFirst();
  return Number(row?.max ?? 0) + 1;
}

/** A record's published media in their order, without their bytes. */
export async function listPublishedMedia(db: Db, recordType: string, recordId: number) {
  return db
    .selectFrom('media')
    .selectAll()
    .where('record_type', '=', recordType)
    .where('record_id', '=', recordId)
    .where('status', '=', 'published')
    .orderBy('sort')
    .orderBy('id')
    .execute();
}

/** The sizes each medium has (`web`, `thumb` …) with their dimensions, without the bytes. */
export async function listMediaVariants(db: Db, mediaIds: number[]) {
  if (mediaIds.length === 0) return [];
  return db
    .selectFrom('media_files')
    .select(['media_id', 'variant', 'mime', 'width', 'height', 'bytes'])
    .where('media_id', 'in', mediaIds)
    .execute();
}

/** One size of a published medium, with its bytes; undefined for a draft or removed one. */
export async function findPublishedMediaFile(db: Db, mediaId: number, variant: string) {
  return db
    .selectFrom('media_files as f')
    .innerJoin('media as m', 'm.id', 'f.media_id')
    .select(['f.mime', 'f.bytes', 'f.sha256', 'f.data', 'm.record_type', 'm.record_id'])
    .where('f.media_id', '=', mediaId)
    .where('f.variant', '=', variant)
    .where('m.status', '=', 'published')
    .executeTakeFirst();
}

/** Credits the media a source gave to someone else, where they were credited to `from`. */
export async function replaceMediaCredit(db: Db, sourceId: number, from: string, to: string): Promise<void> {
  await db
    .updateTable('media')
    .set({ credit: to })
    .where('source_id', '=', sourceId)
    .where('credit', '=', from)
    .execute();
}
