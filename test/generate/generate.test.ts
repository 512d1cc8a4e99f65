import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { edtfBounds } from '../../src/dates/edtf.ts';
import type { Storage } from '../../src/db/connection.ts';
import { runGenerate } from '../../src/generate/generate.command.ts';
import { GenerateStoppedError, generatePopulation } from '../../src/generate/population.ts';
import { foldName } from '../../src/names/spelling/normalize.ts';
import { deriveFate } from '../../src/persons/fate.ts';
import { loadSample } from '../../src/sample/sample-loader.ts';
import { dumpTables, ENGINES, FIXTURES, openTestStorage } from '../support/storage.ts';

const NOW = '2026-01-01 00:00:00';

const generate = (storage: Storage, persons: number, seed: number | string) =>
  runGenerate(storage, { persons, seed, now: NOW });

const count = async (storage: Storage, query: ReturnType<typeof sql>) =>
  Number(((await query.execute(storage.db)).rows[0] as { n: number | string }).n);

/** Every generated table, without the reference rows that a sample load could have put there. */
async function dump(storage: Storage) {
  const all = await dumpTables(storage);
  return Object.fromEntries(Object.entries(all).filter(([table]) => table !== 'meta'));
}

for (const engine of ENGINES) {
  describe(`fates generate on ${engine}`, () => {
    let storage: Storage;
    beforeEach(async () => {
      storage = await openTestStorage(engine);
    });
    afterEach(async () => {
      await storage.close();
    });

    it('gives identical rows for the same seed and different rows for another', async () => {
      const n = engine === 'sqlite' ? 1_500 : 600;
      await generate(storage, n, 7);
      const first = await dump(storage);
      const again = await openTestStorage(engine);
      const other = await openTestStorage(engine);
      try {
        await generate(again, n, 7);
        expect(await dump(again)).toEqual(first);
        await generate(other, n, 8);
        const names = (d: Record<string, unknown[]>) =>
          (d.persons as { display_name: string }[]).map((p) => p.display_name);
        const otherNames = names(await dump(other));
        expect(otherNames).toHaveLength(n);
        expect(otherNames).not.toEqual(names(first));
      } finally {
        await again.close();
        await other.close();
      }
    });

    it('writes persons with 2–6 names, 3–8 ordered and bounded events, consistent fates', async () => {
      const n = engine === 'sqlite' ? 3_000 : 800;
      const report = await generate(storage, n, 'invariants');
      expect(report).toMatchObject({ persons: n, firstId: 1, lastId: n });
      const db = storage.db;

      const persons = await db.selectFrom('persons').selectAll().orderBy('id').execute();
      expect(persons).toHaveLength(n);
      for (const p of persons) {
        expect(p).toMatchObject({ key: null, status: 'published', fate_override: null, merged_into: null });
        expect(p.sort_key).toBe(foldName(p.sort_name));
        expect(p.display_name.length).toBeGreaterThan(2);
      }

      const names = await db.selectFrom('names').select(['person_id', 'full_name', 'kind', 'lang', 'rank']).execute();
      const namesPer = new Map<number, number>();
      for (const name of names) {
        expect(name.rank).toBe('normal');
        namesPer.set(name.person_id, (namesPer.get(name.person_id) ?? 0) + 1);
      }
      expect(namesPer.size).toBe(n);
      expect(Math.min(...namesPer.values())).toBeGreaterThanOrEqual(2);
      expect(Math.max(...namesPer.values())).toBeLessThanOrEqual(6);
      expect(names.length / n).toBeGreaterThan(3.4);
      const kinds = new Set(names.map((x) => x.kind));
      for (const kind of ['birth', 'married', 'used', 'alias', 'as-written', 'transliteration'])
        expect(kinds).toContain(kind);
      const langs = new Set(names.map((x) => x.lang));
      for (const lang of ['de', 'pl', 'hu', 'ru', 'uk', 'yi', 'ru-Latn']) expect(langs).toContain(lang);

      const events = await db
        .selectFrom('events as e')
        .innerJoin('event_participants as p', 'p.event_id', 'e.id')
        .select(['p.person_id', 'e.id', 'e.type', 'e.date_edtf', 'e.date_min', 'e.date_max', 'e.rank'])
        .where('p.role', '=', 'subject')
        .orderBy('p.person_id')
        .orderBy('e.id')
        .execute();
      const lives = new Map<number, typeof events>();
      for (const e of events) {
        expect(e.date_min).not.toBeNull();
        expect((e.date_min as string) <= (e.date_max as string)).toBe(true);
        lives.set(e.person_id, [...(lives.get(e.person_id) ?? []), e]);
      }
      expect(lives.size).toBe(n);
      const roles = await db.selectFrom('person_roles').select(['person_id', 'role']).execute();
      const victims = new Set(roles.filter((r) => r.role === 'victim').map((r) => r.person_id));
      for (const p of persons) {
        const life = lives.get(p.id) ?? [];
        expect(life.length).toBeGreaterThanOrEqual(3);
        expect(life.length).toBeLessThanOrEqual(8);
        // In the order lived (own events get ids in that order; shared handovers were made first),
        // no event can only have happened before the one it follows.
        const own = life.filter((e) => e.type !== 'handover');
        expect(own[0]?.type === 'birth' || !own.some((e) => e.type === 'birth')).toBe(true);
        for (let k = 1; k < own.length; k++) {
          expect((own[k]?.date_max as string) >= (own[k - 1]?.date_min as string)).toBe(true);
        }
        // The fate is what deriveFate makes of the events in the database.
        expect(p.fate).toBe(deriveFate(life, victims.has(p.id)));
      }

      // Dates: every form the generator writes has the bounds edtfBounds computes. Checking every
      // exact day would take long (edtfBounds is slow); those are one simple form, so a few do.
      const dates = await db.selectFrom('events').select(['date_edtf', 'date_min', 'date_max']).distinct().execute();
      const forms = dates.filter((d, i) => !/^\d{4}-\d\d-\d\d$/.test(d.date_edtf ?? '') || i % 25 === 0);
      for (const d of forms) expect(edtfBounds(d.date_edtf as string)).toEqual({ min: d.date_min, max: d.date_max });
      const edtf = dates.map((d) => d.date_edtf ?? '');
      for (const form of [
        /^\d{4}-\d\d-\d\d$/,
        /^\d{4}-\d\d$/,
        /^\d{4}$/,
        /~$/,
        /\?$/,
        /^\d{4}\/\d{4}$/,
        /^\d{4}-\d\d\/\d{4}-\d\d$/,
      ]) {
        expect(edtf.some((s) => form.test(s))).toBe(true);
      }

      // Roles: victims mostly, some perpetrators, officials and witnesses.
      const byRole = (role: string) => roles.filter((r) => r.role === role).length;
      expect(byRole('victim') / n).toBeGreaterThan(0.9);
      for (const role of ['perpetrator', 'official', 'witness']) expect(byRole(role)).toBeGreaterThan(0);
      const fates = new Set(persons.map((p) => p.fate));
      for (const fate of [
        'shot_in_ussr',
        'died_in_soviet_custody',
        'handed_to_gestapo',
        'allowed_to_leave',
        'survived',
      ]) {
        expect(fates).toContain(fate);
      }
    });

    it('shares handover events at Brest and links list rows and citations to the persons', async () => {
      const n = engine === 'sqlite' ? 2_000 : 600;
      await generate(storage, n, 3);
      const db = storage.db;
      const biggest = await db
        .selectFrom('event_participants as p')
        .innerJoin('events as e', 'e.id', 'p.event_id')
        .innerJoin('places as pl', 'pl.id', 'e.place_id')
        .select(['e.type', 'pl.key', (eb) => eb.fn.countAll<number>().as('people')])
        .groupBy(['e.id', 'e.type', 'pl.key'])
        .orderBy('people', 'desc')
        .executeTakeFirstOrThrow();
      expect(biggest.type).toBe('handover');
      expect(['brest', 'bug-bridge-brest']).toContain(biggest.key);
      expect(Number(biggest.people)).toBeGreaterThanOrEqual(5);
      const perpetrators = await count(
        storage,
        sql`SELECT COUNT(*) AS n FROM event_participants p JOIN person_roles r ON r.person_id = p.person_id AND r.role = 'perpetrator' WHERE p.role = 'perpetrator'`,
      );
      expect(perpetrators).toBeGreaterThan(0);

      const lists = await db.selectFrom('sources').selectAll().where('kind', '=', 'list').execute();
      expect(lists.length).toBeGreaterThanOrEqual(3);
      for (const list of lists) {
        expect(list.title).toMatch(/^Synthetic list \d{3}$/);
        expect(JSON.parse(list.columns ?? '[]').map((c: { label: string }) => c.label)).toEqual([
          'No.',
          'Name',
          'Born',
          'Remarks',
        ]);
      }
      const rows = await db.selectFrom('list_rows').selectAll().execute();
      expect(rows.length / n).toBeGreaterThan(1);
      expect(rows.length / n).toBeLessThan(1.5);
      for (const row of rows) expect(Object.keys(JSON.parse(row.cells))).toEqual(['no', 'name', 'born', 'remarks']);
      // Each row names one person, by a confirmed or suggested link.
      const links = await db.selectFrom('list_row_links').selectAll().execute();
      expect(links.map((l) => l.row_id).sort((a, b) => a - b)).toEqual(rows.map((r) => r.id).sort((a, b) => a - b));
      for (const link of links) expect(['confirmed', 'suggested']).toContain(link.status);
      // Every row is cited by the name it spells, and each person has one to three citations.
      const cited = await db
        .selectFrom('citations as c')
        .innerJoin('list_rows as r', 'r.id', 'c.list_row_id')
        .innerJoin('list_row_links as l', 'l.row_id', 'r.id')
        .leftJoin('names as nm', (j) => j.onRef('nm.id', '=', 'c.statement_id').on('c.statement_type', '=', 'name'))
        .leftJoin('event_participants as ep', (j) =>
          j
            .onRef('ep.event_id', '=', 'c.statement_id')
            .on('c.statement_type', '=', 'event')
            .on('ep.role', '=', 'subject'),
        )
        .select([
          'l.person_id',
          'c.statement_type',
          'nm.person_id as name_person',
          'ep.person_id as event_person',
          'c.source_id',
          'r.source_id as row_source',
        ])
        .execute();
      const perPerson = new Map<number, number>();
      for (const c of cited) {
        expect(c.source_id).toBe(c.row_source);
        expect(c.statement_type === 'name' ? c.name_person : c.event_person).toBe(c.person_id);
        perPerson.set(c.person_id as number, (perPerson.get(c.person_id as number) ?? 0) + 1);
      }
      expect(perPerson.size).toBe(n);
      expect(Math.max(...perPerson.values())).toBeLessThanOrEqual(3);
    });

    it('continues after the sample data, reuses its places, and never changes a row', async () => {
      await loadSample(storage.db, `${FIXTURES}/sample-min`);
      const before = await dumpTables(storage);
      const maxId = (table: string) => Math.max(0, ...(before[table] as { id: number }[]).map((r) => r.id));
      const report = await generate(storage, 300, 11);
      expect(report.firstId).toBe(maxId('persons') + 1);
      const after = await dumpTables(storage);
      for (const [table, rows] of Object.entries(before)) {
        // Every row there before is there unchanged, first in key order.
        expect((after[table] as unknown[]).slice(0, rows.length)).toEqual(rows);
      }
      const keys = (after.places as { key: string | null }[]).map((p) => p.key);
      expect(new Set(keys).size).toBe(keys.length);
      for (const table of ['names', 'events', 'sources', 'list_rows', 'citations']) {
        const ids = (after[table] as { id: number }[]).map((r) => r.id).filter((id) => id > maxId(table));
        expect(ids.length).toBeGreaterThan(0);
      }
      // A second run appends again; the same seed reuses its lists and numbers rows on.
      const second = await generate(storage, 200, 11);
      expect(second.firstId).toBe(report.lastId + 1);
      expect(second.rows.sources).toBe(0);
      expect(second.rows.places).toBe(0);
      const duplicates = await count(
        storage,
        sql`SELECT COUNT(*) AS n FROM (SELECT source_id, position FROM list_rows GROUP BY source_id, position HAVING COUNT(*) > 1) d`,
      );
      expect(duplicates).toBe(0);
      // New rows get ids after the generated ones (PostgreSQL's sequences were moved on).
      const added = await storage.db
        .insertInto('persons')
        .values({ display_name: 'Test Person', sort_name: 'Person, Test', sort_key: 'person test' })
        .returning('id')
        .executeTakeFirstOrThrow();
      expect(added.id).toBe(second.lastId + 1);
    });
  });
}

describe('fates generate on sqlite only', () => {
  let storage: Storage;
  beforeEach(async () => {
    storage = await openTestStorage('sqlite');
  });
  afterEach(async () => {
    await storage.close();
  });

  it('leaves no broken foreign key, also on the fast path (worker, deferred indexes, unchecked keys)', async () => {
    await loadSample(storage.db, `${FIXTURES}/sample-min`);
    await runGenerate(storage, { persons: 1_000, seed: 5, now: NOW });
    expect(storage.sqlite?.pragma('foreign_key_check')).toEqual([]);
    const indexes = () =>
      (storage.sqlite?.prepare("SELECT name FROM sqlite_master WHERE type = 'index' ORDER BY name").all() ?? []).map(
        (r) => (r as { name: string }).name,
      );
    const before = indexes();
    const report = await generatePopulation(storage, {
      persons: 2_000,
      seed: 6,
      now: NOW,
      batchSize: 500,
      threads: true,
      deferIndexes: true,
      checkForeignKeys: false,
    });
    expect(report.threads).toBe(2);
    expect(indexes()).toEqual(before);
    expect(storage.sqlite?.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(storage.sqlite?.pragma('foreign_key_check')).toEqual([]);
    expect(storage.sqlite?.pragma('integrity_check', { simple: true })).toBe('ok');
  });

  it('stops after the batch being written when told to, keeping whole persons and the indexes', async () => {
    const indexes = storage.sqlite?.prepare("SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'index'").pluck();
    const before = indexes?.get();
    for (const threads of [false, true]) {
      const stop = new AbortController();
      const run = generatePopulation(storage, {
        persons: 5_000,
        seed: 4,
        batchSize: 1_000,
        threads,
        deferIndexes: true,
        signal: stop.signal,
        onProgress: (p) => {
          if (p.phase === 'writing') stop.abort();
        },
      });
      await expect(run).rejects.toThrow(GenerateStoppedError);
    }
    expect(indexes?.get()).toBe(before);
    const persons = await storage.db.selectFrom('persons').select('id').execute();
    // Each run wrote its first batch, then stopped.
    expect(persons).toHaveLength(2_000);
    expect(storage.sqlite?.pragma('foreign_key_check')).toEqual([]);
  });

  it('makes the same rows on a worker thread as on one thread', async () => {
    const other = await openTestStorage('sqlite');
    try {
      const one = await generatePopulation(storage, {
        persons: 3_000,
        seed: 12,
        now: NOW,
        batchSize: 700,
        threads: false,
      });
      const two = await generatePopulation(other, {
        persons: 3_000,
        seed: 12,
        now: NOW,
        batchSize: 700,
        threads: true,
      });
      expect([one.threads, two.threads]).toEqual([1, 2]);
      expect(two.rows).toEqual(one.rows);
      expect(await dump(other)).toEqual(await dump(storage));
    } finally {
      await other.close();
    }
  });

  it('gives common surnames many namesakes', async () => {
    await runGenerate(storage, { persons: 20_000, seed: 1, now: NOW });
    const rows = (
      await sql<{ surname: string; n: number }>`
        SELECT surname, COUNT(DISTINCT person_id) AS n FROM names
        WHERE kind IN ('birth', 'married') AND lang NOT IN ('ru', 'uk')
        GROUP BY surname ORDER BY n DESC`.execute(storage.db)
    ).rows;
    const [top] = rows;
    expect(top?.n).toBeGreaterThanOrEqual(300);
    const median = rows[Math.floor(rows.length / 2)]?.n ?? 0;
    expect((top?.n ?? 0) / Math.max(median, 1)).toBeGreaterThan(50);
    const common = rows.slice(0, 20).map((r) => r.surname);
    for (const name of ['Müller', 'Schmidt', 'Nowak', 'Cohen', 'Nagy']) expect(common).toContain(name);
  });
});
