import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/connection.ts';
import { createEvent } from '../../src/events/event.service.ts';
import { runGenerate } from '../../src/generate/generate.command.ts';
import { mergePersons, unmerge } from '../../src/merges/merge.service.ts';
import { updatePerson } from '../../src/persons/person.service.ts';
import { loadSampleAndIndex } from '../../src/sample/sample-loader.ts';
import { factColumns } from '../../src/search/facts/fact-columns.ts';
import { tallyFacts } from '../../src/search/facts/fact-tally.ts';
import { FACTS, type FactName, sentenceKind, valuesOf } from '../../src/search/facts/person-facts.ts';
import { rebuildSearchIndex } from '../../src/search/index/index-drain.ts';
import { reindexPersons } from '../../src/search/index/search-indexer.ts';
import { searchPersons } from '../../src/search/names/search-persons.ts';
import { insertPerson } from '../support/factories.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';

type Counts = Record<string, number>;

/** Rows of (value, n) as a plain object, values as text, for comparing with tallies. */
async function rows(storage: Storage, query: ReturnType<typeof sql>): Promise<Counts> {
  const out: Counts = {};
  for (const r of (await query.execute(storage.db)).rows as { v: string | number | null; n: number | string }[]) {
    if (r.v !== null) out[String(r.v)] = Number(r.n);
  }
  return out;
}

/** A tally's counts of one fact, each person counted once per separate value (a person's sentences are several). */
function expanded(tally: Map<string, number> | undefined, fact: FactName): Counts {
  const out: Counts = {};
  for (const [value, n] of tally ?? []) for (const v of valuesOf(fact, value)) out[v] = (out[v] ?? 0) + n;
  return out;
}

/** The published, unmerged persons: the ones the index holds and the facts count. */
const PUBLISHED = sql`SELECT id FROM persons WHERE status = 'published' AND merged_into IS NULL`;

/** Subject events of the counted persons that are no deprecated statement and no variant. */
const subjectEvents = (types: string[], where = sql``) => sql`
  FROM event_participants ep JOIN events e ON e.id = ep.event_id
  WHERE ep.role = 'subject' AND e.rank <> 'deprecated' AND e.variant_of IS NULL
    AND e.type IN (${sql.join(types)}) AND ep.person_id IN (${PUBLISHED}) ${where}`;

/** Each fact counted straight from the archive's tables, for persons with at most one event of each kind. */
async function directCounts(storage: Storage, where = sql``): Promise<Record<string, Counts>> {
  const year = sql`CASE WHEN substr(e.date_min, 1, 4) = substr(e.date_max, 1, 4) THEN substr(e.date_min, 1, 4) ELSE '?' END`;
  const month = sql`CASE WHEN substr(e.date_min, 1, 7) = substr(e.date_max, 1, 7) THEN substr(e.date_min, 1, 7)
    WHEN substr(e.date_min, 1, 4) = substr(e.date_max, 1, 4) THEN substr(e.date_min, 1, 4) ELSE '?' END`;
  const place = (types: string[]) =>
    rows(
      storage,
      sql`SELECT ${sql.raw("COALESCE(CAST(e.place_id AS TEXT), '0')")} AS v, count(DISTINCT ep.person_id) AS n ${subjectEvents(types, where)} GROUP BY 1`,
    );
  const sentenceRows = (
    await sql<{ person_id: number; details: string | null; organization_id: number | null }>`
      SELECT DISTINCT ep.person_id, e.details, e.organization_id ${subjectEvents(['sentence'], where)}`.execute(
      storage.db,
    )
  ).rows;
  const sentences: Counts = {};
  const seen = new Set<string>();
  for (const r of sentenceRows) {
    const v = `${sentenceKind(r.details)}@${r.organization_id ?? ''}`;
    if (seen.has(`${r.person_id} ${v}`)) continue;
    seen.add(`${r.person_id} ${v}`);
    sentences[v] = (sentences[v] ?? 0) + 1;
  }
  const personWhere = sql`${where}`.compile(storage.db).sql.replace(/\bep\.person_id\b/g, 'id');
  return {
    indexed: await rows(
      storage,
      sql`SELECT '' AS v, count(*) AS n FROM persons WHERE id IN (${PUBLISHED}) ${sql.raw(personWhere)}`,
    ),
    fate: await rows(
      storage,
      sql`SELECT fate AS v, count(*) AS n FROM persons WHERE id IN (${PUBLISHED}) ${sql.raw(personWhere)} GROUP BY fate`,
    ),
    arrest_year: await rows(
      storage,
      sql`SELECT ${year} AS v, count(DISTINCT ep.person_id) AS n ${subjectEvents(['arrest'], where)} GROUP BY 1`,
    ),
    handover_month: await rows(
      storage,
      sql`SELECT ${month} AS v, count(DISTINCT ep.person_id) AS n ${subjectEvents(['handover'], where)} GROUP BY 1`,
    ),
    sentences,
    birth_place: await place(['birth']).then((c) => Object.fromEntries(Object.entries(c).filter(([k]) => k !== '0'))),
    death_place: await place(['death', 'execution']),
  };
}

for (const engine of ENGINES) {
  describe(`the facts maps and statistics count, on ${engine}`, () => {
    let storage: Storage;

    beforeAll(async () => {
      storage = await openTestStorage(engine);
      await loadSampleAndIndex(storage);
      await runGenerate(storage, {
        persons: engine === 'sqlite' ? 2_000 : 600,
        seed: 'facts',
        now: '2026-01-01 00:00:00',
      });
      await rebuildSearchIndex(storage);
    }, 240_000);
    afterAll(async () => {
      await storage?.close();
    });

    /** Every generated victim has at most one arrest, handover, birth and death: the direct counts hold. */
    it('has at most one event of each counted kind per person', async () => {
      const { rows: most } = await sql<{ n: number }>`SELECT max(c) AS n FROM (
        SELECT count(*) AS c ${subjectEvents(['arrest'])} GROUP BY ep.person_id) x`.execute(storage.db);
      expect(Number(most[0]?.n)).toBe(1);
    });

    it('counts the whole archive as the tables do, from the kept counts and from memory alike', async () => {
      const direct = await directCounts(storage);
      const kept = await tallyFacts(storage.db, { kind: 'all' }, FACTS);
      const memory = (await factColumns(storage.db)).tally({ kind: 'all' }, FACTS);
      expect(kept.persons).toBe(direct.indexed?.['']);
      expect(memory.persons).toBe(kept.persons);
      for (const fact of [
        'fate',
        'arrest_year',
        'handover_month',
        'sentences',
        'birth_place',
        'death_place',
      ] as const) {
        expect(expanded(kept.counts.get(fact), fact), fact).toEqual(direct[fact]);
        expect(expanded(memory.counts.get(fact), fact), fact).toEqual(direct[fact]);
      }
      expect(Object.keys(direct.handover_month ?? {}).length).toBeGreaterThan(3);
      expect(Object.keys(direct.sentences ?? {}).length).toBeGreaterThan(3);
    });

    it('counts a filtered search as the tables do', async () => {
      const { set } = await searchPersons(storage, { fate: 'handed_to_gestapo' });
      const tally = await tallyFacts(storage.db, set, FACTS);
      const direct = await directCounts(
        storage,
        sql`AND ep.person_id IN (SELECT id FROM persons WHERE fate = 'handed_to_gestapo')`,
      );
      expect(tally.persons).toBe(direct.indexed?.['']);
      expect(tally.persons).toBeGreaterThan(10);
      for (const fact of ['arrest_year', 'handover_month', 'birth_place'] as const) {
        expect(expanded(tally.counts.get(fact), fact), fact).toEqual(direct[fact]);
      }
      const period = await searchPersons(storage, { event: 'handover', from: '1940-02', to: '1940-02' });
      const months = expanded(
        (await tallyFacts(storage.db, period.set, ['handover_month'])).counts.get('handover_month'),
        'handover_month',
      );
      expect(months['1940-02']).toBeGreaterThan(0);
      expect(Object.keys(months).filter((m) => /^\d{4}-\d{2}$/.test(m) && m !== '1940-02')).toEqual([]);
    });

    it('counts nobody for filters nobody matches', async () => {
      const { set } = await searchPersons(storage, { fate: 'survived', event: 'handover', from: '1901', to: '1902' });
      const tally = await tallyFacts(storage.db, set, FACTS);
      expect(tally.persons).toBe(0);
      expect(tally.counts.get('fate')?.size).toBe(0);
    });

    it('never counts drafts or deprecated statements, and follows every write', async () => {
      const before = await tallyFacts(storage.db, { kind: 'all' }, FACTS);
      const draft = await insertPerson(storage, {
        names: [{ given: 'Dora', surname: 'Entwurf' }],
        status: 'draft',
        events: [{ type: 'arrest', date: '1901-05-05' }],
      });
      const person = await insertPerson(storage, {
        names: [{ given: 'Paul', surname: 'Zählbar' }],
        events: [{ type: 'arrest', date: '1902-03-04' }],
      });
      await createEvent(storage.db, {
        type: 'handover',
        date: '1903-01',
        rank: 'deprecated',
        participants: [{ personId: person, role: 'subject' }],
      });
      await reindexPersons(storage, { ids: [draft, person] });
      const after = await tallyFacts(storage.db, { kind: 'all' }, FACTS);
      expect(after.persons).toBe(before.persons + 1);
      expect(after.counts.get('arrest_year')?.get('1902')).toBe(1);
      expect(after.counts.get('arrest_year')?.get('1901')).toBeUndefined();
      expect(after.counts.get('handover_month')?.get('1903-01')).toBeUndefined();
      expect(
        (await factColumns(storage.db)).tally({ kind: 'all' }, ['arrest_year']).counts.get('arrest_year')?.get('1902'),
      ).toBe(1);

      // Published again as a draft: gone from both the kept counts and every process's memory.
      await updatePerson(storage.db, person, {
        display: 'Paul Zählbar',
        sort: 'Zählbar, Paul',
        status: 'draft',
      });
      await reindexPersons(storage, { ids: [person] });
      const gone = await tallyFacts(storage.db, { kind: 'all' }, FACTS);
      expect(gone.persons).toBe(before.persons);
      expect(gone.counts.get('arrest_year')?.get('1902')).toBeUndefined();
      const memory = (await factColumns(storage.db)).tally({ kind: 'all' }, ['arrest_year']);
      expect(memory.persons).toBe(before.persons);
      expect(memory.counts.get('arrest_year')?.get('1902')).toBeUndefined();
    });

    it('follows a merge of two records and its undoing', async () => {
      const before = await tallyFacts(storage.db, { kind: 'all' }, FACTS);
      const kept = await insertPerson(storage, {
        names: [{ given: 'Karl', surname: 'Doppelt' }],
        events: [{ type: 'arrest', date: '1905-02-03' }],
      });
      const merged = await insertPerson(storage, {
        names: [{ given: 'Karl', surname: 'Doppelt' }],
        events: [{ type: 'handover', date: '1906-04' }],
      });
      await reindexPersons(storage, { ids: [kept, merged] });
      expect((await tallyFacts(storage.db, { kind: 'all' }, FACTS)).persons).toBe(before.persons + 2);

      const { mergeId } = await mergePersons(
        storage,
        { userId: 3 },
        { source: merged, target: kept, reason: 'one man' },
      );
      const one = await tallyFacts(storage.db, { kind: 'all' }, FACTS);
      expect(one.persons).toBe(before.persons + 1);
      expect(one.counts.get('arrest_year')?.get('1905')).toBe(1);
      expect(one.counts.get('handover_month')?.get('1906-04')).toBe(1);
      const memory = (await factColumns(storage.db)).tally({ kind: 'all' }, ['handover_month']);
      expect(memory.persons).toBe(before.persons + 1);
      expect(memory.counts.get('handover_month')?.get('1906-04')).toBe(1);

      await unmerge(storage, { userId: 3 }, { mergeId });
      const two = await tallyFacts(storage.db, { kind: 'all' }, FACTS);
      expect(two.persons).toBe(before.persons + 2);
      expect(two.counts.get('handover_month')?.get('1906-04')).toBe(1);
      expect((await factColumns(storage.db)).tally({ kind: 'all' }, FACTS)).toEqual(two);
    });

    it('reads the facts again after a rebuild empties them', async () => {
      const before = (await factColumns(storage.db)).tally({ kind: 'all' }, FACTS);
      await rebuildSearchIndex(storage);
      const after = (await factColumns(storage.db)).tally({ kind: 'all' }, FACTS);
      expect(after).toEqual(before);
    }, 120_000);
  });
}
