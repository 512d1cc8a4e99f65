import type { Db } from '../../db/connection.ts';
import { listFactCounts } from './fact.repository.ts';
import { type FactTally, factColumns, type PersonSet } from './fact-columns.ts';
import { type FactName, INDEXED } from './person-facts.ts';

/**
 * How many of a set's persons have each value of the facts asked for. For the whole archive the
 * counts kept by every write are read (a few hundred rows, whatever its size); for any other set
 * the process's columns are stepped through (fact-columns.ts).
 */
export async function tallyFacts(db: Db, set: PersonSet, facts: readonly FactName[]): Promise<FactTally> {
  if (set.kind !== 'all') return (await factColumns(db)).tally(set, facts);
  const wanted = new Set<string>(facts);
  const counts = new Map<FactName, Map<string, number>>(facts.map((f) => [f, new Map()]));
  let persons = 0;
  for (const row of await listFactCounts(db)) {
    if (row.fact === INDEXED) persons = Number(row.n);
    else if (wanted.has(row.fact)) counts.get(row.fact as FactName)?.set(row.value, Number(row.n));
  }
  return { persons, counts };
}
