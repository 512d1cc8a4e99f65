import type { Db } from '../../db/connection.ts';
import { type StoredDoc, unpackStoredDoc } from './stored-doc.ts';

/** What search keeps of the given persons in their search documents, by person id. */
export async function listStoredDocs(db: Db, ids: number[]): Promise<Map<number, StoredDoc>> {
  const out = new Map<number, StoredDoc>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom('search_docs')
    .select(['person_id', 'stored'])
    .where('person_id', 'in', ids)
    .execute();
  for (const r of rows) if (r.stored !== null) out.set(Number(r.person_id), unpackStoredDoc(r.stored));
  return out;
}
