import type { EngineName } from '../../src/db/connection.ts';

const ALL: EngineName[] = ['sqlite', 'postgres'];

/**
 * The engines this test run covers: both, unless FATES_TEST_ENGINES narrows them
 * (`FATES_TEST_ENGINES=sqlite npm test` for a quick run without PostgreSQL).
 */
export function testEngines(env = process.env): EngineName[] {
  const raw = env.FATES_TEST_ENGINES?.trim();
  if (!raw) return ALL;
  const wanted = raw.split(',').map((s) => s.trim());
  const unknown = wanted.filter((e) => !ALL.includes(e as EngineName));
  if (unknown.length)
    throw new Error(`FATES_TEST_ENGINES: unknown engine ${unknown.join(', ')}; use sqlite, postgres or both`);
  return ALL.filter((e) => wanted.includes(e));
}
