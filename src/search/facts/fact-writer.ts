import { listTables } from '../../db/catalog.ts';
import type { Db, Storage } from '../../db/connection.ts';
import { markArchiveChanged } from '../../db/engine.ts';
import {
  addToFactCounts,
  clearFacts,
  type FactRow,
  listPresentFacts,
  loadFactInputs,
  maxFactSeq,
  upsertFacts,
} from './fact.repository.ts';
import { FACTS, type FactInput, type Facts, INDEXED, personFacts } from './person-facts.ts';

const key = (fact: string, value: string) => `${fact}\u0000${value}`;

function count(deltas: Map<string, number>, facts: Facts | FactRow, by: number): void {
  deltas.set(key(INDEXED, ''), (deltas.get(key(INDEXED, '')) ?? 0) + by);
  for (const fact of FACTS) {
    const value = facts[fact];
    if (value !== null) deltas.set(key(fact, value), (deltas.get(key(fact, value)) ?? 0) + by);
  }
}

/** The facts of one person the index holds, as a write stores them. */
export interface PersonFactRow {
  personId: number;
  facts: Facts;
}

/** The facts of the `indexed` persons from what they are derived from (loadFactInputs). */
export function factRowsOf(inputs: ReadonlyMap<number, FactInput>, indexed: readonly number[]): PersonFactRow[] {
  const rows: PersonFactRow[] = [];
  for (const id of indexed) {
    const input = inputs.get(id);
    if (input) rows.push({ personId: id, facts: personFacts(input) });
  }
  return rows;
}

/**
 * Brings the facts of a batch of persons up to date, in the index writer's transaction (which holds
 * its write lock): `indexed` are the persons the index now holds of `candidates`, the others left
 * it or were never in it. The whole archive's counts change by what the batch changed, so they
 * stay true through every write without being counted again. `fresh`: none of them has a row yet.
 */
export async function writeFacts(
  db: Db,
  candidates: number[],
  indexed: number[],
  fresh = false,
  sqlite?: Storage['sqlite'],
): Promise<void> {
  if (candidates.length === 0) return;
  await writeFactRows(db, candidates, factRowsOf(await loadFactInputs(db, indexed), indexed), fresh, sqlite);
}

/**
 * writeFacts with the facts of the indexed persons already made (factRowsOf). `sqlite`: the raw
 * handle of `db`'s connection, for SQLite's fast path (many-rows.ts).
 */
export async function writeFactRows(
  db: Db,
  candidates: readonly number[],
  facts: readonly PersonFactRow[],
  fresh = false,
  sqlite?: Storage['sqlite'],
): Promise<void> {
  if (candidates.length === 0) return;
  const old = fresh ? [] : await listPresentFacts(db, [...candidates]);
  const deltas = new Map<string, number>();
  for (const row of old) count(deltas, row, -1);
  const rows: { personId: number; present: boolean; facts: Facts }[] = [];
  for (const { personId, facts: f } of facts) {
    count(deltas, f, 1);
    rows.push({ personId, present: true, facts: f });
  }
  const kept = new Set(rows.map((r) => r.personId));
  for (const row of old) {
    if (!kept.has(row.person_id)) {
      rows.push({
        personId: row.person_id,
        present: false,
        facts: Object.fromEntries(FACTS.map((f) => [f, null])) as Facts,
      });
    }
  }
  await upsertFacts(db, (await maxFactSeq(db)) + 1, rows, sqlite);
  await addToFactCounts(
    db,
    [...deltas]
      .filter(([, n]) => n !== 0)
      .map(([k, n]) => {
        const [fact, value] = k.split('\u0000') as [string, string];
        return { fact, value, n };
      }),
  );
}

/**
 * Forgets every fact, before the index is built again from nothing. The archive gets a new
 * version and the facts a new generation, so processes keeping facts in memory read them again
 * from the start (fact-columns.ts).
 */
export async function clearAllFacts(db: Db): Promise<void> {
  await clearFacts(db);
  await markArchiveChanged(db);
}

/**
 * Whether the schema keeps facts: only a database migrated to a version before 0040 and indexed
 * by this code (as a test of an older migration does) lacks them; `fates start` writes them later.
 */
export async function factsKept(db: Db): Promise<boolean> {
  return (await listTables(db)).includes('person_facts');
}
