import { sql } from 'kysely';
import type { Db, Storage } from '../../db/connection.ts';
import { idSet, inIdSet } from '../../db/id-set.ts';
import { type ManyRowsSpec, writeManyRows } from '../../db/many-rows.ts';
import type { FactCountTable, PersonFactTable } from './fact.table.ts';
import { FACTS, type FactEvent, type FactInput, type Facts } from './person-facts.ts';

/** Rows written in one statement: 14 values a row, far below both engines' parameter limits. */
const BATCH = 500;

/**
 * What the facts of the given persons are derived from, read by the id range they span (a range
 * scan, as the indexer reads its batches) or, for ids scattered wide, by their list (idSet), and
 * left out for ids not asked for. Deprecated events and attributes and other sources' variants are
 * left out here.
 */
export async function loadFactInputs(db: Db, ids: number[]): Promise<Map<number, FactInput>> {
  const out = new Map<number, FactInput>();
  if (ids.length === 0) return out;
  const s = idSet(ids);
  const [persons, events, attributes] = await Promise.all([
    db
      .selectFrom('persons')
      .select(['id', 'fate'])
      .where((eb) => inIdSet(eb, 'id', s))
      .execute(),
    db
      .selectFrom('event_participants as ep')
      .innerJoin('events as e', 'e.id', 'ep.event_id')
      .select([
        'ep.person_id',
        'ep.role',
        'e.type',
        'e.date_min',
        'e.date_max',
        'e.place_id',
        'e.organization_id',
        'e.details',
      ])
      .where((eb) => inIdSet(eb, 'ep.person_id', s))
      .where('e.rank', '!=', 'deprecated')
      .where('e.variant_of', 'is', null)
      .execute(),
    db
      .selectFrom('attributes')
      .select(['person_id', 'value', 'rank'])
      .where((eb) => inIdSet(eb, 'person_id', s))
      .where('type', '=', 'citizenship')
      .where('rank', '!=', 'deprecated')
      .where('variant_of', 'is', null)
      .orderBy('person_id')
      .orderBy('sort')
      .execute(),
  ]);
  const wanted = new Set(ids);
  for (const p of persons) if (wanted.has(p.id)) out.set(p.id, { fate: p.fate, events: [], citizenships: [] });
  for (const e of events) out.get(e.person_id)?.events.push(e as FactEvent);
  const preferred = attributes.filter((a) => a.rank === 'preferred');
  for (const a of [...preferred, ...attributes.filter((a) => a.rank !== 'preferred')]) {
    out.get(a.person_id)?.citizenships.push(a.value);
  }
  return out;
}

export type FactRow = Omit<PersonFactTable, 'seq'>;

/** The present fact rows of the given persons. */
export async function listPresentFacts(db: Db, ids: number[]): Promise<FactRow[]> {
  const out: FactRow[] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    out.push(
      ...(await db
        .selectFrom('person_facts')
        .select(['person_id', 'present', ...FACTS])
        .where('person_id', 'in', ids.slice(i, i + BATCH))
        .where('present', '=', 1)
        .execute()),
    );
  }
  return out;
}

/** Whether any person's facts are kept (an index built before they were has none). */
export async function hasFacts(db: Db): Promise<boolean> {
  return (await db.selectFrom('person_facts').select('person_id').limit(1).executeTakeFirst()) !== undefined;
}

/** The highest write sequence number so far (0 for none). */
export async function maxFactSeq(db: Db): Promise<number> {
  const row = await db
    .selectFrom('person_facts')
    .select((eb) => eb.fn.max('seq').as('m'))
    .executeTakeFirst();
  return Number(row?.m ?? 0);
}

/** Writes the persons' fact rows (inserting or replacing them) under one sequence number. */
export async function upsertFacts(
  db: Db,
  seq: number,
  rows: { personId: number; present: boolean; facts: Facts }[],
  sqlite?: Storage['sqlite'],
) {
  await writeManyRows(
    db,
    FACT_ROWS,
    rows.map((r) => [r.personId, seq, r.present ? 1 : 0, ...FACTS.map((f) => r.facts[f])]),
    sqlite,
  );
}

/** person_facts as upsertFacts writes it: a person's row replaced whole. */
const FACT_ROWS: ManyRowsSpec = {
  table: 'person_facts',
  columns: [['person_id', 'int'], ['seq', 'bigint'], ['present', 'int'], ...FACTS.map((f) => [f, 'text'] as const)],
  conflict: `ON CONFLICT (person_id) DO UPDATE SET ${['seq', 'present', ...FACTS].map((c) => `"${c}" = excluded."${c}"`).join(', ')}`,
};

/** Adds each delta to its count (fact, value, delta). */
export async function addToFactCounts(db: Db, deltas: FactCountTable[]): Promise<void> {
  for (let i = 0; i < deltas.length; i += BATCH) {
    await db
      .insertInto('fact_counts')
      .values(deltas.slice(i, i + BATCH))
      .onConflict((oc) => oc.columns(['fact', 'value']).doUpdateSet({ n: sql<number>`fact_counts.n + excluded.n` }))
      .execute();
  }
}

/** Every count above zero. */
export async function listFactCounts(db: Db): Promise<FactCountTable[]> {
  return db.selectFrom('fact_counts').selectAll().where('n', '>', 0).execute();
}

/** The archive_marks row that changes whenever the facts are emptied. */
const GENERATION = 'facts_generation';

/** Forgets every fact (the index is emptied to be built again), marking a new generation of them. */
export async function clearFacts(db: Db): Promise<void> {
  await db.deleteFrom('person_facts').execute();
  await db.deleteFrom('fact_counts').execute();
  const value = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
  await db
    .insertInto('archive_marks')
    .values({ key: GENERATION, value })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value }))
    .execute();
}

/** The facts' generation: a process that kept facts of another one reads them all again. */
export async function factsGeneration(db: Db): Promise<string | null> {
  const row = await db.selectFrom('archive_marks').select('value').where('key', '=', GENERATION).executeTakeFirst();
  return row?.value ?? null;
}

/** The fact rows written after (seq, person), in order of writing, at most `limit`. */
export async function listFactsAfter(db: Db, after: { seq: number; person: number }, limit: number) {
  return (
    db
      .selectFrom('person_facts')
      .select(['person_id', 'seq', 'present', ...FACTS])
      // A row value comparison, which both engines answer from the (seq, person_id) index.
      .where((eb) => eb(eb.refTuple('seq', 'person_id'), '>', eb.tuple(after.seq, after.person)))
      .orderBy('seq')
      .orderBy('person_id')
      .limit(limit)
      .execute()
  );
}
