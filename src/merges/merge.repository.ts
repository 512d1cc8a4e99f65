import type { Selectable } from 'kysely';
import type { Db } from '../db/connection.ts';
import type { DuplicatePairTable, MergeTable } from './merge.table.ts';

export type MergeRow = Selectable<MergeTable>;

export async function insertMerge(
  db: Db,
  merge: { source_id: number; target_id: number; change_set_id: number; moved: string },
): Promise<number> {
  const row = await db
    .insertInto('merges')
    .values({ ...merge, undone_by: null })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function findMerge(db: Db, id: number): Promise<MergeRow | undefined> {
  return db.selectFrom('merges').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The merge that made a person a redirect, if it stands. */
export async function findStandingMergeOf(db: Db, sourceId: number): Promise<MergeRow | undefined> {
  return db
    .selectFrom('merges')
    .selectAll()
    .where('source_id', '=', sourceId)
    .where('undone_by', 'is', null)
    .orderBy('id', 'desc')
    .executeTakeFirst();
}

export async function markMergeUndone(db: Db, id: number, changeSetId: number): Promise<void> {
  await db.updateTable('merges').set({ undone_by: changeSetId }).where('id', '=', id).execute();
}

/** Merges into or out of a person, newest first. */
export async function listMergesOf(db: Db, personId: number) {
  return db
    .selectFrom('merges')
    .selectAll()
    .where((eb) => eb.or([eb('source_id', '=', personId), eb('target_id', '=', personId)]))
    .orderBy('id', 'desc')
    .execute();
}

/** Moves rows of one table from one person to another; only the ids given. */
export async function movePersonRows(
  db: Db,
  table: 'names' | 'attributes' | 'relationships',
  ids: readonly number[],
  to: number,
): Promise<void> {
  if (ids.length > 0)
    await db
      .updateTable(table)
      .set({ person_id: to })
      .where('id', 'in', [...ids])
      .execute();
}

export async function listIdsOf(db: Db, table: 'names' | 'attributes' | 'relationships', personId: number) {
  return (await db.selectFrom(table).select('id').where('person_id', '=', personId).execute()).map((r) => r.id);
}

export async function listInboundRelationshipIds(db: Db, personId: number): Promise<number[]> {
  const rows = await db.selectFrom('relationships').select('id').where('related_person_id', '=', personId).execute();
  return rows.map((r) => r.id);
}

export async function pointRelationships(db: Db, ids: readonly number[], to: number): Promise<void> {
  if (ids.length > 0)
    await db
      .updateTable('relationships')
      .set({ related_person_id: to })
      .where('id', 'in', [...ids])
      .execute();
}

/**
 * A person's links to list rows, except on rows that already link `survivor` (a row links a
 * person once): those stay with the merged person.
 */
export async function listListRowLinkIdsOf(db: Db, personId: number, survivor: number): Promise<number[]> {
  const rows = await db
    .selectFrom('list_row_links as l')
    .select('l.id')
    .where('l.person_id', '=', personId)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('list_row_links as s')
            .select('s.id')
            .whereRef('s.row_id', '=', 'l.row_id')
            .where('s.person_id', '=', survivor),
        ),
      ),
    )
    .orderBy('l.id')
    .execute();
  return rows.map((r) => r.id);
}

export async function pointListRowLinks(db: Db, ids: readonly number[], to: number): Promise<void> {
  for (let at = 0; at < ids.length; at += 500)
    await db
      .updateTable('list_row_links')
      .set({ person_id: to })
      .where('id', 'in', ids.slice(at, at + 500))
      .execute();
}

/** Links from `from` on the rows given back to `to`: undoing a merge recorded by rows, before links. */
export async function pointLinksOfRows(db: Db, rowIds: readonly number[], from: number, to: number): Promise<void> {
  if (rowIds.length > 0)
    await db
      .updateTable('list_row_links')
      .set({ person_id: to })
      .where('person_id', '=', from)
      .where('row_id', 'in', [...rowIds])
      .execute();
}

export async function listPersonCitationIds(db: Db, personId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('citations')
    .select('id')
    .where('statement_type', '=', 'person')
    .where('statement_id', '=', personId)
    .execute();
  return rows.map((r) => r.id);
}

export async function pointPersonCitations(db: Db, ids: readonly number[], to: number): Promise<void> {
  if (ids.length > 0)
    await db
      .updateTable('citations')
      .set({ statement_id: to })
      .where('id', 'in', [...ids])
      .execute();
}

/** Photos and scans shown on a person's page. */
export async function listPersonMediaIds(db: Db, personId: number): Promise<number[]> {
  const rows = await db
    .selectFrom('media')
    .select('id')
    .where('record_type', '=', 'person')
    .where('record_id', '=', personId)
    .execute();
  return rows.map((r) => r.id);
}

export async function pointPersonMedia(db: Db, ids: readonly number[], to: number): Promise<void> {
  if (ids.length > 0)
    await db
      .updateTable('media')
      .set({ record_id: to })
      .where('id', 'in', [...ids])
      .execute();
}

/** Contributions sent about a person (private: their ids only, for their reviewers to find the record). */
export async function listContributionIdsAbout(db: Db, personId: number): Promise<number[]> {
  return (await db.selectFrom('contributions').select('id').where('person_id', '=', personId).execute()).map(
    (r) => r.id,
  );
}

export async function pointContributions(db: Db, ids: readonly number[], to: number): Promise<void> {
  if (ids.length > 0)
    await db
      .updateTable('contributions')
      .set({ person_id: to })
      .where('id', 'in', [...ids])
      .execute();
}

export async function listParticipations(db: Db, personId: number) {
  return db
    .selectFrom('event_participants')
    .select(['event_id', 'role', 'note', 'sort'])
    .where('person_id', '=', personId)
    .execute();
}

export async function deleteParticipation(db: Db, eventId: number, personId: number, role: string): Promise<void> {
  await db
    .deleteFrom('event_participants')
    .where('event_id', '=', eventId)
    .where('person_id', '=', personId)
    .where('role', '=', role)
    .execute();
}

export async function insertParticipation(
  db: Db,
  p: { event_id: number; person_id: number; role: string; note: string | null; sort: number },
): Promise<void> {
  await db.insertInto('event_participants').values(p).execute();
}

export async function setMergedInto(db: Db, personId: number, into: number | null): Promise<void> {
  await db.updateTable('persons').set({ merged_into: into }).where('id', '=', personId).execute();
}

// Duplicate pairs -------------------------------------------------------------------------------

/** Stores (or refreshes) a pair record linkage found, unless an editor already decided on it. */
export async function upsertDuplicatePair(
  db: Db,
  pair: { person_a: number; person_b: number; weight: number; evidence: string },
): Promise<void> {
  await db
    .insertInto('duplicate_pairs')
    .values({ ...pair, status: 'open' })
    .onConflict((oc) =>
      oc
        .columns(['person_a', 'person_b'])
        .doUpdateSet({ weight: pair.weight, evidence: pair.evidence })
        .where('duplicate_pairs.status', '=', 'open'),
    )
    .execute();
}

export async function setDuplicatePairStatus(db: Db, a: number, b: number, status: string): Promise<void> {
  const [lo, hi] = a < b ? [a, b] : [b, a];
  await db
    .updateTable('duplicate_pairs')
    .set({ status })
    .where('person_a', '=', lo)
    .where('person_b', '=', hi)
    .execute();
}

/** Open pairs, strongest first, with both persons' names. */
export async function listOpenDuplicatePairs(db: Db, page: { limit: number; offset: number }) {
  return db
    .selectFrom('duplicate_pairs as d')
    .innerJoin('persons as a', 'a.id', 'd.person_a')
    .innerJoin('persons as b', 'b.id', 'd.person_b')
    .select([
      'd.person_a',
      'd.person_b',
      'd.weight',
      'd.evidence',
      'a.display_name as a_name',
      'b.display_name as b_name',
    ])
    .where('d.status', '=', 'open')
    .where('a.merged_into', 'is', null)
    .where('b.merged_into', 'is', null)
    .orderBy('d.weight', 'desc')
    .orderBy('d.person_a')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export type DuplicatePairRow = Selectable<DuplicatePairTable>;

/** Merges with who made them, when and why: one by id, or every merge into or out of a person, newest first. */
export async function listMergeDetails(db: Db, where: { id: number } | { personId: number }) {
  let query = db
    .selectFrom('merges as m')
    .innerJoin('change_sets as c', 'c.id', 'm.change_set_id')
    .innerJoin('persons as s', 's.id', 'm.source_id')
    .innerJoin('persons as t', 't.id', 'm.target_id')
    .select([
      'm.id',
      'm.source_id',
      'm.target_id',
      'm.undone_by',
      'c.user_id',
      'c.reason',
      'c.created_at',
      's.display_name as source_name',
      't.display_name as target_name',
    ]);
  query =
    'id' in where
      ? query.where('m.id', '=', where.id)
      : query.where((eb) => eb.or([eb('m.source_id', '=', where.personId), eb('m.target_id', '=', where.personId)]));
  return query.orderBy('m.id', 'desc').limit(100).execute();
}

// Scanning for duplicates ------------------------------------------------------------------------

/** Persons not merged away, by id from `after` on: the pages a scan of the whole archive walks. */
export async function listUnmergedPersonIds(db: Db, after: number, limit: number): Promise<number[]> {
  const rows = await db
    .selectFrom('persons')
    .select('id')
    .where('id', '>', after)
    .where('merged_into', 'is', null)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}

/** Persons (not merged away) created or changed by revisions after `afterRevision`, by id. */
export async function listPersonsRevisedSince(db: Db, afterRevision: number): Promise<number[]> {
  const rows = await db
    .selectFrom('revisions')
    .innerJoin('persons', 'persons.id', 'revisions.record_id')
    .select('revisions.record_id as id')
    .distinct()
    .where('revisions.record_type', '=', 'person')
    .where('revisions.id', '>', afterRevision)
    .where('persons.merged_into', 'is', null)
    .orderBy('revisions.record_id')
    .execute();
  return rows.map((r) => r.id);
}

export async function lastRevisionId(db: Db): Promise<number> {
  const row = await db
    .selectFrom('revisions')
    .select((eb) => eb.fn.max('id').as('m'))
    .executeTakeFirst();
  return Number(row?.m ?? 0);
}

export async function countUnmergedPersons(db: Db): Promise<number> {
  const row = await db
    .selectFrom('persons')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('merged_into', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
