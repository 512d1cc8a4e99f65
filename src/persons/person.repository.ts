import type { Insertable, Updateable } from 'kysely';
import type { Db } from '../db/connection.ts';
import { currentTimestamp } from '../db/engine.ts';
import type { FateEvent } from './fate.ts';
import type { PersonTable } from './person.table.ts';

export async function insertPerson(db: Db, person: Insertable<PersonTable>): Promise<number> {
  const row = await db.insertInto('persons').values(person).returning('id').executeTakeFirstOrThrow();
  return row.id;
}

/** Overwrites the person's own columns and marks the row updated. */
export async function updatePersonRow(db: Db, id: number, person: Updateable<PersonTable>): Promise<void> {
  await db
    .updateTable('persons')
    .set({ ...person, updated_at: currentTimestamp(db) })
    .where('id', '=', id)
    .execute();
}

export async function insertPersonRole(db: Db, personId: number, role: string): Promise<void> {
  await db.insertInto('person_roles').values({ person_id: personId, role }).execute();
}

export async function insertPersonText(db: Db, personId: number, lang: string, biography: string): Promise<void> {
  await db.insertInto('person_texts').values({ person_id: personId, lang, biography }).execute();
}

export async function findPersonById(db: Db, id: number) {
  return db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listRoles(db: Db, personId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('person_roles')
    .select('role')
    .where('person_id', '=', personId)
    .orderBy('role')
    .execute();
  return rows.map((r) => r.role);
}

/** The main events (not other sources' variants) in which the person is the subject. */
export async function listSubjectEvents(db: Db, personId: number): Promise<FateEvent[]> {
  return db
    .selectFrom('events')
    .innerJoin('event_participants as ep', 'ep.event_id', 'events.id')
    .select(['events.type', 'events.date_min', 'events.rank'])
    .where('ep.person_id', '=', personId)
    .where('ep.role', '=', 'subject')
    .where('events.variant_of', 'is', null)
    .where('events.status', '=', 'published')
    .orderBy('events.date_min')
    .orderBy('events.id')
    .execute();
}

export async function setFate(db: Db, personId: number, fate: string | null): Promise<void> {
  await db.updateTable('persons').set({ fate }).where('id', '=', personId).execute();
}

/** A person's published names, for public pages (drafts stay in the editor's document). */
export async function listNames(db: Db, personId: number) {
  return db
    .selectFrom('names')
    .selectAll()
    .where('person_id', '=', personId)
    .where('status', '=', 'published')
    .orderBy('sort')
    .orderBy('id')
    .execute();
}

/** A person's published attributes. */
export async function listAttributes(db: Db, personId: number) {
  return db
    .selectFrom('attributes')
    .selectAll()
    .where('person_id', '=', personId)
    .where('status', '=', 'published')
    .orderBy('sort')
    .orderBy('id')
    .execute();
}

/** Published relationships stated on this person and those other published persons state about them. */
export async function listRelationships(db: Db, personId: number) {
  return db
    .selectFrom('relationships as r')
    .innerJoin('persons as owner', 'owner.id', 'r.person_id')
    .leftJoin('persons as related', 'related.id', 'r.related_person_id')
    .selectAll('r')
    .select([
      'owner.display_name as owner_display_name',
      'related.display_name as related_display_name',
      'related.status as related_status',
    ])
    .where('r.status', '=', 'published')
    .where((eb) =>
      eb.or([
        eb('r.person_id', '=', personId),
        eb.and([eb('r.related_person_id', '=', personId), eb('owner.status', '=', 'published')]),
      ]),
    )
    .orderBy('r.sort')
    .orderBy('r.id')
    .execute();
}

/** The published rows of published lists that are linked to the person (suggested or confirmed). */
export async function listListRowsOfPerson(db: Db, personId: number) {
  return db
    .selectFrom('list_row_links as l')
    .innerJoin('list_rows as lr', 'lr.id', 'l.row_id')
    .innerJoin('sources as s', 's.id', 'lr.source_id')
    .select(['lr.source_id', 'lr.position', 'lr.folio', 'lr.cells', 'l.status as link_status', 's.title', 's.columns'])
    .where('l.person_id', '=', personId)
    .where('l.status', 'in', ['suggested', 'confirmed'])
    .where('lr.status', '=', 'published')
    .where('s.status', '=', 'published')
    .orderBy('s.title')
    .orderBy('lr.position')
    .execute();
}

/** The biography in the reader's language, else in English, else in any language. */
export async function personText(db: Db, personId: number, lang: string): Promise<string | null> {
  const rows = await db
    .selectFrom('person_texts')
    .select(['lang', 'biography'])
    .where('person_id', '=', personId)
    .execute();
  return (rows.find((r) => r.lang === lang) ?? rows.find((r) => r.lang === 'en') ?? rows[0])?.biography ?? null;
}

/** A person's biographies by language. */
export async function listPersonTexts(db: Db, personId: number) {
  return db.selectFrom('person_texts').select(['lang', 'biography']).where('person_id', '=', personId).execute();
}

export async function deletePersonRoles(db: Db, personId: number): Promise<void> {
  await db.deleteFrom('person_roles').where('person_id', '=', personId).execute();
}

export async function deletePersonTexts(db: Db, personId: number): Promise<void> {
  await db.deleteFrom('person_texts').where('person_id', '=', personId).execute();
}
