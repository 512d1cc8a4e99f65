import type { Db } from '../../src/db/connection.ts';
import type { StoredDoc } from '../../src/search/index/stored-doc.ts';

/**
 * What a search document should keep of each person, read from the records with plain queries:
 * the reference the indexer's stored documents and index-counted facets are checked against.
 */
export async function storedDocsFromRecords(db: Db, ids: number[]): Promise<Map<number, StoredDoc>> {
  const out = new Map<number, StoredDoc>();
  if (ids.length === 0) return out;
  const [persons, names, roles, events] = await Promise.all([
    db.selectFrom('persons').select(['id', 'fate', 'sex']).where('id', 'in', ids).execute(),
    db
      .selectFrom('names')
      .select(['person_id', 'full_name', 'given', 'surname', 'patronymic', 'kind', 'lang', 'rank'])
      .where('person_id', 'in', ids)
      .orderBy('person_id')
      .orderBy('sort')
      .execute(),
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
