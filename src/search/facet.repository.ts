import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { type StoredDoc, unpackStoredDoc } from './stored-doc.ts';

/**
 * What search keeps of the given persons in their search documents, by person id. Persons whose
 * document has none (indexed before it was kept) are missing: see storedDocsFromRecords.
 */
export async function listStoredDocs(db: Db, ids: number[]): Promise<Map<number, StoredDoc>> {
  const out = new Map<number, StoredDoc>();
  if (ids.length === 0) return out;
  const rows = await sql<{ person_id: number; stored: string | null }>`SELECT person_id, stored FROM search_docs WHERE person_id IN (${sql.join(ids)})`.execute(db);
  for (const r of rows.rows) if (r.stored !== null) out.set(Number(r.person_id), unpackStoredDoc(r.stored));
  return out;
}

/** The same as a stored document, read from the records themselves. */
export async function storedDocsFromRecords(db: Db, ids: number[]): Promise<Map<number, StoredDoc>> {
  const out = new Map<number, StoredDoc>();
  if (ids.length === 0) return out;
  const [persons, names, roles, events] = await Promise.all([
    db.selectFrom('persons').select(['id', 'fate', 'sex']).where('id', 'in', ids).execute(),
    listNamesOf(db, ids),
    db.selectFrom('person_roles').select(['person_id', 'role']).where('person_id', 'in', ids).execute(),
    db
      .selectFrom('event_participants as ep')
      .innerJoin('events as e', 'e.id', 'ep.event_id')
      .select(['ep.person_id', 'e.type'])
      .distinct()
      .where('ep.person_id', 'in', ids)
      .where('e.rank', '!=', 'deprecated')
      .execute(),
  ]);
  for (const p of persons) out.set(p.id, { names: [], fate: p.fate, sex: p.sex, roles: [], eventTypes: [] });
  for (const { person_id, ...n } of names) out.get(person_id)?.names.push(n);
  for (const r of roles) out.get(r.person_id)?.roles.push(r.role);
  for (const e of events) out.get(e.person_id)?.eventTypes.push(e.type);
  return out;
}

export async function listNamesOf(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('names')
    .select(['person_id', 'full_name', 'given', 'surname', 'patronymic', 'kind', 'lang', 'rank'])
    .where('person_id', 'in', ids)
    .orderBy('person_id')
    .orderBy('sort')
    .execute();
}

export async function listPersonSummaries(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('persons').select(['id', 'display_name', 'sort_name', 'sort_key', 'fate', 'sex']).where('id', 'in', ids).execute();
}
