import type { Db } from '../db/connection.ts';

export async function insertListFile(
  db: Db,
  file: { source_id: number | null; sha256: string; name: string; size: number; created_by: number | null },
): Promise<number> {
  const row = await db
    .insertInto('list_files')
    .values({ ...file, complete: 0 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function insertListFileChunk(db: Db, fileId: number, seq: number, data: Uint8Array): Promise<void> {
  await db.insertInto('list_file_chunks').values({ file_id: fileId, seq, data }).execute();
}

export async function completeListFile(db: Db, id: number, sha256: string, size: number): Promise<void> {
  await db.updateTable('list_files').set({ complete: 1, sha256, size }).where('id', '=', id).execute();
}

export async function attachListFile(db: Db, id: number, sourceId: number): Promise<void> {
  await db.updateTable('list_files').set({ source_id: sourceId }).where('id', '=', id).execute();
}

export async function findListFile(db: Db, id: number) {
  return db.selectFrom('list_files').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The stored file of a list, if it was imported from one. */
export async function findFileOfList(db: Db, sourceId: number) {
  return db
    .selectFrom('list_files')
    .selectAll()
    .where('source_id', '=', sourceId)
    .where('complete', '=', 1)
    .orderBy('id')
    .executeTakeFirst();
}

/** One chunk of a stored file, by its place in the file. */
export async function findListFileChunk(db: Db, fileId: number, seq: number) {
  return db
    .selectFrom('list_file_chunks')
    .select('data')
    .where('file_id', '=', fileId)
    .where('seq', '=', seq)
    .executeTakeFirst();
}

/** A list, not removed, made from a file with this digest. */
export async function findListBySha256(db: Db, sha256: string) {
  return db
    .selectFrom('list_files as f')
    .innerJoin('sources as s', 's.id', 'f.source_id')
    .select(['s.id', 's.title'])
    .where('f.sha256', '=', sha256)
    .where('f.complete', '=', 1)
    .where('s.status', '!=', 'removed')
    .orderBy('s.id')
    .executeTakeFirst();
}

/** Uploads that no list took, made before `before`: what a tidy-up removes. */
export async function deleteUnusedUploads(db: Db, before: string): Promise<void> {
  await db.deleteFrom('list_files').where('source_id', 'is', null).where('created_at', '<', before).execute();
}

/** An upload no list took (a dry run's), removed with its chunks. */
export async function deleteUpload(db: Db, id: number): Promise<void> {
  await db.deleteFrom('list_files').where('id', '=', id).where('source_id', 'is', null).execute();
}
