import { sql } from 'kysely';
import type { Db } from '../../src/db/connection.ts';
import type { StoredDoc } from '../../src/search/index/stored-doc.ts';

/**
 * What a search document should keep of each person, read from the records with plain queries:
 * the reference the indexer's stored documents and index-counted facets are checked against.
 */
export async function storedDocsFromRecords(db: Db, ids: number[]): Promise<Map<number, StoredDoc>> {
  const out = new Map<number, StoredDoc>();
  if (ids.length === 0) return out;
  const [persons, names, roles, events, lifeEvents] = await Promise.all([
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
    // The main accounts of the person's own birth, death, execution and arrest, earliest first, undated last.
    db
      .selectFrom('event_participants as ep')
      .innerJoin('events as e', 'e.id', 'ep.event_id')
      .select(['ep.person_id', 'e.type', 'e.date_edtf', 'e.date_min', 'e.place_id', 'e.place_text'])
      .where('ep.person_id', 'in', ids)
      .where('ep.role', '=', 'subject')
      .where('e.rank', '!=', 'deprecated')
      .where('e.status', '=', 'published')
      .where('e.variant_of', 'is', null)
      .where('e.type', 'in', ['birth', 'death', 'execution', 'arrest'])
      .orderBy(sql`coalesce(e.date_min, '9999')`)
      .orderBy('e.id')
      .execute(),
  ]);
  for (const p of persons) out.set(p.id, { names: [], fate: p.fate, sex: p.sex, roles: [], eventTypes: [] });
  for (const { person_id, ...n } of names) out.get(person_id)?.names.push(n);
  for (const r of roles) out.get(r.person_id)?.roles.push(r.role);
  for (const e of events) out.get(e.person_id)?.eventTypes.push(e.type);
  for (const d of out.values())
    d.life = { born: null, died: null, birthPlaceId: null, birthPlaceText: null, birthDateMin: null, arrested: null };
  const born = new Set<number>();
  const died = new Set<number>();
  const arrested = new Set<number>();
  for (const e of lifeEvents) {
    const life = out.get(e.person_id)?.life;
    if (!life) continue;
    if (e.type === 'arrest') {
      if (!arrested.has(e.person_id)) {
        arrested.add(e.person_id);
        life.arrested = e.date_edtf;
      }
    } else if (e.type === 'birth' && !born.has(e.person_id)) {
      born.add(e.person_id);
      Object.assign(life, {
        born: e.date_edtf,
        birthPlaceId: e.place_id,
        birthPlaceText: e.place_text,
        birthDateMin: e.date_min,
      });
    } else if (e.type !== 'birth' && !died.has(e.person_id)) {
      died.add(e.person_id);
      life.died = e.date_edtf;
    }
  }
  return out;
}
