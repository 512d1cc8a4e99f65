import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/connection.ts';
import { cellDate } from '../../src/lists/cell-date.ts';
import type { Linkage, LinkCandidate } from '../../src/lists/linkage.ts';
import { countRowStates, findRowAt } from '../../src/lists/list.repository.ts';
import { importList } from '../../src/lists/list-import.service.ts';
import { linkList } from '../../src/lists/list-linking.service.ts';
import { createPersonFromRow, decideLink, undoDecision } from '../../src/lists/review.service.ts';
import { loadPersonDocument } from '../../src/persons/person.document.ts';
import { getPersonPage } from '../../src/persons/person-page.ts';
import { insertPerson } from '../support/factories.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';
import { fileOf } from './list-files.ts';

const LIST = `№;Фамилия;Имя;Отчество;Год рождения;Место рождения;Дата ареста
1;Цукер;Макс;Яковлевич;1898;Берлин;12.03.1938
2;Бубер-Нейман;Маргарита;Генриховна;ок. 1901;Потсдам;
3;Неизвестный;Иван;;;;
`;

/** Record linkage as a test stands it in: fixed candidates per row position. */
function fakeLinkage(byPosition: Map<number, LinkCandidate[]>, rowPositions: Map<number, number>): Linkage {
  return {
    candidatesForRows: async (_storage, rows) =>
      new Map(rows.map((r) => [r.id, byPosition.get(rowPositions.get(r.id) ?? 0) ?? []])),
    linkageThresholds: async () => ({ suggest: 10, review: 4 }),
  };
}

describe('dates as lists write them', () => {
  it('reads the clear forms and leaves the rest in words', () => {
    expect(cellDate('1898')).toBe('1898');
    expect(cellDate('12.03.1938')).toBe('1938-03-12');
    expect(cellDate('3.1938')).toBe('1938-03');
    expect(cellDate('ок. 1901')).toBe('1901~');
    expect(cellDate('um 1901')).toBe('1901~');
    expect(cellDate('1901?')).toBe('1901?');
    expect(cellDate('1898 г.')).toBe('1898');
    expect(cellDate('31.02.1938')).toBeNull();
    expect(cellDate('12.3.38')).toBeNull();
    expect(cellDate('весной 1938')).toBeNull();
  });
});

for (const engine of ENGINES) {
  describe(`reviewing a list’s links on ${engine}`, () => {
    let storage: Storage;
    let listId: number;
    let zucker: number;
    let other: number;
    const rowAt = async (position: number) => (await findRowAt(storage.db, listId, position))!.id;
    const linksOf = async (rowId: number) =>
      storage.db
        .selectFrom('list_row_links')
        .select(['person_id', 'status', 'weight', 'decided_by'])
        .where('row_id', '=', rowId)
        .orderBy('id')
        .execute();

    beforeAll(async () => {
      storage = await openTestStorage(engine);
      zucker = await insertPerson(storage, { names: [{ given: 'Max', surname: 'Zucker' }] });
      other = await insertPerson(storage, { names: [{ given: 'Moritz', surname: 'Zucker' }] });
      const result = await importList(storage, { userId: null }, fileOf('moskau.csv', LIST), { title: 'Moskau' });
      listId = result.listId;
    });
    afterAll(async () => {
      await storage.close();
    });

    it('proposes suggested links and links to review from the machine’s candidates, each with its evidence', async () => {
      const positions = new Map<number, number>();
      for (const p of [1, 2, 3]) positions.set(await rowAt(p), p);
      const evidence = [{ comparison: 'surname', level: 'transliteration', weight: 9.5 }];
      const linkage = fakeLinkage(
        new Map([
          [
            1,
            [
              { personId: zucker, weight: 14.2, probability: 0.99, evidence },
              { personId: other, weight: 5.1, probability: 0.4, evidence },
            ],
          ],
          [2, [{ personId: other, weight: 6, probability: 0.6, evidence }]],
          [3, [{ personId: other, weight: 1, probability: 0.1, evidence }]],
        ]),
        positions,
      );
      const report = await linkList(storage, linkage, listId);
      expect(report).toEqual({ rows: 3, suggested: 1, review: 1, unmatched: 1, remaining: 0, last: 3 });
      expect(await linksOf(await rowAt(1))).toEqual([
        { person_id: zucker, status: 'suggested', weight: 14.2, decided_by: null },
        { person_id: other, status: 'review', weight: 5.1, decided_by: null },
      ]);
      expect(await countRowStates(storage.db, listId)).toMatchObject({ suggested: 1, review: 1, unlinked: 1 });
      // Linking again leaves rows that have links alone.
      expect((await linkList(storage, linkage, listId)).rows).toBe(1);
    });

    it('confirms and rejects links, each a revision that undoing takes back', async () => {
      const row = await rowAt(1);
      const confirmed = await decideLink(
        storage,
        { userId: 7 },
        { rowId: row, personId: zucker, decision: 'confirmed' },
      );
      const rejected = await decideLink(storage, { userId: 7 }, { rowId: row, personId: other, decision: 'rejected' });
      expect(await linksOf(row)).toEqual([
        { person_id: zucker, status: 'confirmed', weight: 14.2, decided_by: 7 },
        { person_id: other, status: 'rejected', weight: 5.1, decided_by: 7 },
      ]);
      const page = await getPersonPage(storage.db, zucker, 'en');
      expect(page.listRows.map((r) => [r.sourceTitle, r.position, r.status])).toEqual([['Moskau', 1, 'confirmed']]);
      expect(page.listRows[0]?.cells).toContainEqual(['Фамилия', 'Цукер']);

      await undoDecision(storage, { userId: 7 }, rejected.changeSet!);
      expect((await linksOf(row)).map((l) => l.status)).toEqual(['confirmed', 'review']);
      await undoDecision(storage, { userId: 7 }, confirmed.changeSet!);
      expect((await linksOf(row)).map((l) => l.status)).toEqual(['suggested', 'review']);
      expect((await getPersonPage(storage.db, zucker, 'en')).listRows.map((r) => r.status)).toEqual(['suggested']);
    });

    it('refuses a link to a person who does not exist', async () => {
      await expect(
        decideLink(storage, { userId: 7 }, { rowId: await rowAt(2), personId: 999_999, decision: 'confirmed' }),
      ).rejects.toThrow('There is no person number 999999.');
    });

    it('makes a new person from a row, every statement citing the row, and undoing removes them', async () => {
      const row = await rowAt(2);
      const made = await createPersonFromRow(storage, { userId: 7 }, { rowId: row });
      const doc = await loadPersonDocument(storage.db, made.personId);
      expect(doc?.names).toEqual([
        expect.objectContaining({
          kind: 'as-written',
          surname: 'Бубер-Нейман',
          given: 'Маргарита',
          patronymic: 'Генриховна',
          citations: [expect.objectContaining({ source: listId, listRow: row })],
        }),
      ]);
      const events = await storage.db
        .selectFrom('events as e')
        .innerJoin('event_participants as p', 'p.event_id', 'e.id')
        .innerJoin('citations as c', (j) => j.onRef('c.statement_id', '=', 'e.id').on('c.statement_type', '=', 'event'))
        .select(['e.type', 'e.date_edtf', 'e.date_text', 'e.place_text', 'c.list_row_id'])
        .where('p.person_id', '=', made.personId)
        .execute();
      expect(events).toEqual([
        { type: 'birth', date_edtf: '1901~', date_text: 'ок. 1901', place_text: 'Потсдам', list_row_id: row },
      ]);
      expect((await linksOf(row)).find((l) => l.person_id === made.personId)?.status).toBe('confirmed');
      const page = await getPersonPage(storage.db, made.personId, 'en');
      expect(page.listRows.map((r) => r.position)).toEqual([2]);

      await undoDecision(storage, { userId: 7 }, made.changeSet!);
      expect(
        (await storage.db.selectFrom('persons').select('status').where('id', '=', made.personId).executeTakeFirst())
          ?.status,
      ).toBe('removed');
      expect((await linksOf(row)).map((l) => l.person_id)).toEqual([other]);
    });
  });
}
