import type { Db } from '../../db/connection.ts';
import { listLifeEvents } from '../../persons/person-index.repository.ts';
import { type LifeEvent, lifeOf, type StoredDoc, type StoredLife, unpackStoredDoc } from './stored-doc.ts';

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

/**
 * The lives of the given persons read from their events, as their search documents keep them
 * (lifeOf): for persons whose document was written before it kept them, or who have none.
 */
export async function listLivesFromEvents(db: Db, ids: number[]): Promise<Map<number, StoredLife>> {
  const events = new Map<number, LifeEvent[]>();
  for (const e of await listLifeEvents(db, ids, true)) {
    const own = events.get(e.person_id) ?? [];
    own.push({ ...e, role: 'subject', variant_of: null });
    events.set(e.person_id, own);
  }
  return new Map(ids.map((id) => [id, lifeOf(events.get(id) ?? [])]));
}
