import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/connection.ts';
import { canStartTsWorker } from '../../src/db/ts-worker.ts';
import { compare } from '../../src/linkage/comparisons.ts';
import {
  candidatesForPerson,
  candidatesForRows,
  fitToRows,
  LinkingThread,
  linkageThresholds,
  modelFor,
  type RowForLinkage,
  recordsToRead,
} from '../../src/linkage/link.ts';
import { loadPersonRecords, placeKeys, rowRecord } from '../../src/linkage/records.ts';
import { createPlace } from '../../src/places/place.service.ts';
import { reindexPersons } from '../../src/search/index/search-indexer.ts';
import { listStoredDocs } from '../../src/search/index/stored-doc.repository.ts';
import { insertPerson } from '../support/factories.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';

const ROLES = { name: 'name', born: 'birth', place: 'birth_place' };
const row = (id: number, name: string, born = '', place = ''): RowForLinkage => ({
  id,
  cells: { name, born, place },
  roles: ROLES,
});

for (const engine of ENGINES) {
  describe(`record linkage on ${engine}`, () => {
    let storage: Storage;
    const ids: Record<string, number> = {};

    beforeAll(async () => {
      storage = await openTestStorage(engine);
      ids.kraus = await insertPerson(storage, {
        names: [{ given: 'Leopold', surname: 'Kraus' }],
        events: [{ type: 'birth', date: '1901-05-03' }],
      });
      ids.vasilyev = await insertPerson(storage, {
        names: [{ given: 'Николай', patronymic: 'Яковлевич', surname: 'Васильев', lang: 'ru' }],
        events: [{ type: 'birth', date: '1901' }],
      });
      ids.hellmann = await insertPerson(storage, {
        names: [{ given: 'Hans', surname: 'Hellmann' }],
        events: [{ type: 'birth', date: '1903-10-14' }],
      });
      // Namesakes of a common name, born in different years.
      for (let i = 0; i < 6; i++)
        ids[`mueller${i}`] = await insertPerson(storage, {
          names: [{ given: 'Hans', surname: 'Müller' }],
          events: [{ type: 'birth', date: String(1895 + i) }],
        });
      ids.duplicate = await insertPerson(storage, {
        names: [
          { given: 'Leopold', surname: 'Krauss' },
          { full: 'Краус Леопольд', lang: 'ru', kind: 'as-written' },
        ],
        events: [{ type: 'birth', date: '1901' }],
      });
      // More namesakes than a row's candidates without a birth year, better documented than the one
      // born in 1901 (each has a death too), and two who share name and birth year.
      for (let i = 0; i < 48; i++)
        await insertPerson(storage, {
          names: [{ given: 'Franz', surname: 'Winkler' }],
          events: [
            { type: 'birth', date: String(1870 + (i % 20)) },
            { type: 'death', date: '1938' },
          ],
        });
      ids.winkler = await insertPerson(storage, {
        names: [{ given: 'Franz', surname: 'Winkler' }],
        events: [{ type: 'birth', date: '1901-03-12' }],
      });
      ids.twinA = await insertPerson(storage, {
        names: [{ given: 'Ottokar', surname: 'Hellbrunner' }],
        events: [{ type: 'birth', date: '1899' }],
      });
      ids.twinB = await insertPerson(storage, {
        names: [{ given: 'Ottokar', surname: 'Hellbrunner' }],
        events: [{ type: 'birth', date: '1899' }],
      });
      await reindexPersons(storage);
    });
    afterAll(async () => {
      await storage?.close();
    });

    it('compares a row as Soviet files wrote it, level by level, with the name scorer’s levels', async () => {
      const person = (await loadPersonRecords(storage.db, [ids.kraus as number])).get(ids.kraus as number)!;
      const levels = compare(rowRecord(row(1, 'Краус Леопольд Яковлевич', '03.05.1901').cells, ROLES), person);
      expect({
        surname: levels.surname.level,
        given: levels.given.level,
        patronymic: levels.patronymic.level,
        birth: levels.birth.level,
      }).toEqual({ surname: 'translit', given: 'variant', patronymic: 'missing', birth: 'day' });
      expect(compare(rowRecord(row(2, 'Kraus Leopold', '1903').cells, ROLES), person).birth.level).toBe('year±3');
      expect(compare(rowRecord(row(2, 'Kraus Leopold', '1910').cells, ROLES), person).birth.level).toBe('different');
      expect(compare(rowRecord(row(3, 'Krasu, Leopold').cells, ROLES), person).surname.level).not.toBe('different');
    });

    it('ranks the person meant first, with a waterfall of evidence, and keeps namesakes apart by birth', async () => {
      const found = await candidatesForRows(storage, [
        row(1, 'Краус Леопольд Яковлевич', '03.05.1901'),
        row(2, 'Müller, Hans', '1898'),
        row(3, 'Müller, Hans'),
      ]);
      const kraus = found.get(1)!;
      expect(kraus[0]?.personId).toBe(ids.kraus);
      // Krauss, a duplicate of his (born 1901, a year only), fits the row too: the last bar says what that costs.
      expect(kraus[0]?.evidence.map((e) => e.comparison)).toEqual(['prior', 'surname', 'given', 'birth', 'others']);
      expect(kraus[0]!.evidence.at(-1)!.weight).toBeLessThan(0);
      expect(kraus[0]!.weight).toBeCloseTo(
        kraus[0]!.evidence.reduce((s, e) => s + e.weight, 0),
        6,
      );
      expect(found.get(2)?.[0]?.personId).toBe(ids.mueller3);
      // A common name alone cannot say which namesake: no candidate stands out.
      const bare = found.get(3)!;
      const { suggest } = await linkageThresholds(storage);
      expect(bare.every((c) => c.weight < suggest)).toBe(true);
      expect(found.get(2)![0]!.weight).toBeGreaterThan(bare[0]!.weight);
    });

    it('reads the candidates of a batch however many, beyond the bound variables an engine takes', async () => {
      const many = Array.from({ length: 70_000 }, (_, i) => i + 1);
      const records = await loadPersonRecords(storage.db, many);
      expect(records.get(ids.kraus as number)?.birth).toEqual({ year: 1901, month: 5, day: 3 });
    });

    it("reads a person's birth, birth place, arrest and death from the search document as from their events", async () => {
      const place = await createPlace(storage.db, {
        key: 'engels',
        kind: 'city',
        country: 'RU',
        names: [
          { name: 'Engels', lang: 'de', kind: 'current' },
          { name: 'Pokrowsk', lang: 'de', kind: 'historical', valid: '/1931' },
        ],
      });
      const id = await insertPerson(storage, {
        names: [{ given: 'Emma', surname: 'Vogt' }],
        events: [
          { type: 'birth', date: '1904-02-11', placeId: place },
          { type: 'arrest', date: '1937-11' },
          { type: 'arrest', date: '1941-08-30' },
          { type: 'execution', date: '1938-01-14' },
        ],
      });
      await reindexPersons(storage);
      const read = async () => (await loadPersonRecords(storage.db, [id, ids.kraus as number])).get(id)!;
      expect((await listStoredDocs(storage.db, [id])).get(id)?.life?.arrested).toBe('1937-11');
      const fromDocument = await read();
      expect(fromDocument.birth).toEqual({ year: 1904, month: 2, day: 11 });
      expect(fromDocument.arrest).toEqual({ year: 1937, month: 11 });
      expect(fromDocument.death).toEqual({ year: 1938, month: 1, day: 14 });
      expect(fromDocument.birthPlace).toEqual(placeKeys(['Engels', 'Pokrowsk']));
      // Documents as an index built before this code wrote them: no life in them.
      await (engine === 'postgres'
        ? sql`UPDATE search_docs SET stored = (stored::jsonb - 'l')::text`
        : sql`UPDATE search_docs SET stored = json_remove(stored, '$.l')`
      ).execute(storage.db);
      expect(await read()).toEqual(fromDocument);
      await reindexPersons(storage);
    });

    it('links a run longer than a batch on two threads exactly as in short runs on one', async () => {
      expect(canStartTsWorker()).toBe(true);
      const named = [
        ['Краус Леопольд Яковлевич', '03.05.1901'],
        ['Müller, Hans', '1898'],
        ['Hellmann Hans', ''],
        ['Винклер Франц Фридрихович', '1901'],
        ['Hellrunner, Ottokar', '1899'],
        ['Nobody Known', '1900'],
      ];
      const rows = Array.from({ length: 620 }, (_, i) =>
        row(i + 1, named[i % named.length]![0]!, named[i % named.length]![1]),
      );
      const together = await candidatesForRows(storage, rows, { limit: 4 });
      const apart = new Map([
        ...(await candidatesForRows(storage, rows.slice(0, 310), { limit: 4 })),
        ...(await candidatesForRows(storage, rows.slice(310), { limit: 4 })),
      ]);
      expect([...together.keys()]).toEqual(rows.map((r) => r.id));
      expect(together).toEqual(apart);
      expect(together.get(1)?.[0]?.personId).toBe(ids.kraus);
      // A run's thread, kept for its calls, links them as well.
      const thread = LinkingThread.start(storage);
      expect(thread).not.toBeNull();
      try {
        for (let call = 0; call < 2; call++)
          expect(await candidatesForRows(storage, rows, { limit: 4, thread })).toEqual(apart);
      } finally {
        await thread?.close();
      }
    });

    it('finds likely duplicates of a person with the same comparisons', async () => {
      const twins = await candidatesForPerson(storage, ids.kraus as number);
      expect(twins[0]?.personId).toBe(ids.duplicate);
      expect(twins.map((c) => c.personId)).not.toContain(ids.kraus);
    });

    it('weighs a surname only the pair shares as one no one else in the archive has', async () => {
      // Hellbrunner is the twins' alone: comparing them, neither counts as another bearer of it.
      const surnameWeight = (evidence: { comparison: string; weight: number }[] | undefined) =>
        evidence?.find((e) => e.comparison === 'surname')?.weight;
      const twins = await candidatesForPerson(storage, ids.twinA as number);
      const pair = twins.find((c) => c.personId === ids.twinB);
      // Hellmann is one person's: a row naming him meets a name no one else has.
      const [hellmann] = (await candidatesForRows(storage, [row(1, 'Hellmann Hans')])).get(1) ?? [];
      expect(hellmann?.personId).toBe(ids.hellmann);
      expect(surnameWeight(pair?.evidence)).toBeCloseTo(surnameWeight(hellmann?.evidence) as number, 6);
    });

    it('blocks on the name and the birth year, so that namesakes born elsewhen do not crowd out the one meant', async () => {
      const found = await candidatesForRows(
        storage,
        [row(1, 'Винклер Франц Фридрихович', '1901'), row(2, 'Winkler, Franz')],
        {
          limit: 100,
        },
      );
      expect(found.get(1)?.[0]?.personId).toBe(ids.winkler);
      // By name alone the best documented namesakes fill the candidates' places.
      expect(found.get(2)?.map((c) => c.personId)).not.toContain(ids.winkler);
      const dated = await candidatesForRows(storage, [row(3, 'Winkler Franz', '12.03.1901')]);
      const { suggest } = await linkageThresholds(storage);
      expect(dated.get(3)?.[0]?.personId).toBe(ids.winkler);
      expect(dated.get(3)![0]!.weight).toBeGreaterThan(dated.get(3)![1]!.weight + 10);
      expect(suggest).toBeCloseTo(Math.log2(100), 6);
    });

    it('finds a name a typist misspelled through its near spellings', async () => {
      const found = await candidatesForRows(storage, [row(1, 'Hellrunner, Ottokar', '1899')]);
      const best = found.get(1)?.[0];
      expect([ids.twinA, ids.twinB]).toContain(best?.personId);
      expect(best?.evidence.find((e) => e.comparison === 'surname')?.level).toBe('near');
    });

    it('suggests neither of two persons the row fits alike: each keeps half the odds', async () => {
      const found = await candidatesForRows(storage, [row(1, 'Hellbrunner, Ottokar', '1899')]);
      const [a, b] = found.get(1)!;
      expect(new Set([a?.personId, b?.personId])).toEqual(new Set([ids.twinA, ids.twinB]));
      expect(a!.weight).toBeCloseTo(b!.weight, 6);
      const others = a!.evidence.find((e) => e.comparison === 'others');
      expect(others?.weight).toBeLessThan(-0.9);
      expect(a!.probability).toBeLessThan(0.5);
    });

    it('fits the model to a list’s own first rows and links them with it', async () => {
      const archive = await modelFor(storage);
      const named = [
        ...Array.from({ length: 6 }, (_, i) => `Müller, Hans|${1895 + i}`),
        'Краус Леопольд Яковлевич|03.05.1901',
        'Hellmann Hans|14.10.1903',
        'Винклер Франц Фридрихович|12.03.1901',
      ];
      // 63 rows, each naming someone in the archive exactly or as a Soviet file wrote them.
      const rows = Array.from({ length: 63 }, (_, i) => {
        const [name, born] = named[i % named.length]!.split('|');
        return row(i + 1, name!, born);
      });
      const fitted = await fitToRows(storage, rows, archive, { limit: 3 });
      expect(fitted.fit?.rows).toBe(63);
      expect(fitted.model.inArchive).toBeGreaterThan(archive.inArchive);
      expect(fitted.model.params.u).toBe(archive.params.u);
      // The rows' links are those the fitted model gives.
      const again = await candidatesForRows(storage, rows, { limit: 3, model: fitted.model });
      for (const r of rows) {
        expect(fitted.candidates.get(r.id)?.map((c) => [c.personId, c.weight])).toEqual(
          again.get(r.id)?.map((c) => [c.personId, c.weight]),
        );
      }
      expect(fitted.candidates.get(1)?.[0]?.personId).toBe(ids.mueller0);
      // Too few rows to learn from: the archive's model as it was.
      const few = await fitToRows(storage, rows.slice(0, 10), archive);
      expect(few.fit).toBeUndefined();
      expect(few.model).toBe(archive);
      expect(few.candidates.size).toBe(10);
    });

    it('reads again every candidate of a batch once the records kept are let go', () => {
      const kept = new Map<number, unknown>([
        [1, {}],
        [2, {}],
      ]);
      expect(recordsToRead(kept, [2, 3, 3], 5)).toEqual([3]);
      expect(kept.size).toBe(2);
      // Reading 3 would pass the bound: all kept are let go, so 2 must be read again too.
      expect(recordsToRead(kept, [2, 3], 2)).toEqual([2, 3]);
      expect(kept.size).toBe(0);
    });
  });

  describe(`record linkage's blocking on ${engine}`, () => {
    let storage: Storage;
    beforeAll(async () => {
      storage = await openTestStorage(engine);
    });
    afterAll(async () => {
      await storage?.close();
    });

    it('keeps room among the candidates for the full name born a year off, however many share the surname', async () => {
      // Sixty of the surname with other given names born in the row's year, one of the full name
      // born then too, eleven better documented ones born long before, and the one meant, born a
      // year after the row's year.
      const people: { given: string; born: string; died?: string }[] = [
        ...Array.from({ length: 60 }, (_, i) => ({
          given: `Ger${'abcdefghij'[i % 10]}${'klmnop'[Math.floor(i / 10)]}`,
          born: '1901',
        })),
        { given: 'Anton', born: '1901' },
        ...Array.from({ length: 11 }, (_, i) => ({ given: 'Anton', born: String(1860 + i), died: '1937' })),
      ];
      for (const p of people)
        await insertPerson(storage, {
          names: [{ given: p.given, surname: 'Hellwig' }],
          events: [{ type: 'birth', date: p.born }, ...(p.died ? [{ type: 'death' as const, date: p.died }] : [])],
        });
      const meant = await insertPerson(storage, {
        names: [{ given: 'Anton', surname: 'Hellwig' }],
        events: [{ type: 'birth', date: '1902-06-01' }],
      });
      await reindexPersons(storage);
      const found = await candidatesForRows(storage, [row(1, 'Hellwig, Anton', '1901')], { limit: 100 });
      expect(found.get(1)?.map((c) => c.personId)).toContain(meant);
    });

    it('looks for a surname heard alike with the given name first, before its many sound-alikes', async () => {
      // Kopke sounds like Каубек (Daitch–Mokotoff and Cologne alike) but is spelled otherwise;
      // sixty-one of them born in the row's year, better documented than Franz Koubek.
      for (let i = 0; i < 61; i++)
        await insertPerson(storage, {
          names: [{ given: 'Otto', surname: 'Kopke' }],
          events: [
            { type: 'birth', date: '1910' },
            { type: 'death', date: '1942' },
          ],
        });
      const koubek = await insertPerson(storage, {
        names: [{ given: 'Franz', surname: 'Koubek' }],
        events: [{ type: 'birth', date: '1910-05-15' }],
      });
      await reindexPersons(storage);
      const found = await candidatesForRows(storage, [row(1, 'Каубек Франц Фердинандович', '1910')]);
      expect(found.get(1)?.[0]?.personId).toBe(koubek);
    });
  });
}
