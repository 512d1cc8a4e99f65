import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/connection.ts';
import { reindexPersons } from '../../src/search/index/search-indexer.ts';
import { SearchService } from '../../src/search/names/person-search.service.ts';
import { insertPerson, type PersonSpec } from '../support/factories.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';

// Names as Soviet files and Russian-language databases write them, against persons an archive
// that starts from German sources holds under their German names only. Each case is one a
// descendant meets when she copies an entry from a Russian database (issue "Name search that
// works on real Soviet files"): the person she means must come first.

/** A record researched at length: a biography and a life of many dated events. */
const documented = {
  biography: 'A life told at length.',
  events: Array.from({ length: 25 }, (_, i) => ({ type: 'arrest' as const, date: String(1920 + i) })),
};

/** The persons the wrong answers came from: documented, with a patronymic or name that agrees in part. */
const DECOYS: Record<string, PersonSpec> = {
  vasilyev: { names: [{ given: 'Николай', patronymic: 'Яковлевич', surname: 'Васильев', lang: 'ru' }], ...documented },
  schreiber: { names: [{ given: 'Фридрих', patronymic: 'Оттович', surname: 'Шрейбер', lang: 'ru' }], ...documented },
  yezhov: { names: [{ given: 'Николай', patronymic: 'Иванович', surname: 'Ежов', lang: 'ru' }], ...documented },
  kalinin: { names: [{ given: 'Михаил', patronymic: 'Иванович', surname: 'Калинин', lang: 'ru' }], ...documented },
  polyakov: { names: [{ given: 'Иван Густав', surname: 'Поляков', lang: 'ru' }], ...documented },
  albertOther: { names: [{ given: 'Hugo', surname: 'Albert' }], ...documented },
  // Namesakes and sound-alikes as plain as the persons meant: at a million persons they are many.
  fischerFranz: { names: [{ given: 'Friedrich', surname: 'Fischer-Franz' }] },
  kubik: { names: [{ given: 'Franz', surname: 'Kubik' }] },
  franzJosef: { names: [{ given: 'Franz-Josef', surname: 'Winkler' }] },
  // Persons surnamed as the given names of the forms below, documented as the record meant is not.
  friedrich: { names: [{ given: 'Fritz', patronymic: 'Фридрихович', surname: 'Фридрих', lang: 'ru' }], ...documented },
  // Namesakes whose given name is the meant one's equivalent in another language.
  szaboErno: { names: [{ given: 'Ernő', surname: 'Szabó', lang: 'hu' }] },
  deutschSandor: { names: [{ given: 'Sándor', surname: 'Deutsch', lang: 'hu' }] },
  // A little better documented than the person meant: a dozen events, no biography.
  ...Object.fromEntries(
    [1, 2, 3].map((i) => [
      `wieser${i}`,
      {
        names: [
          { given: 'Franz', surname: 'Wieser' },
          { given: 'Franz', surname: 'Weiser', kind: 'as-written' },
        ],
        events: Array.from({ length: 12 }, (_, year) => ({ type: 'arrest' as const, date: String(1925 + year) })),
      },
    ]),
  ),
  rudolfFriedrich: {
    names: [{ given: 'Рудольф', patronymic: 'Мартынович', surname: 'Фридрих', lang: 'ru' }],
    ...documented,
  },
};

/** The persons meant, held under their German names only. */
const MEANT: Record<string, PersonSpec> = {
  kraus: { names: [{ given: 'Leopold', surname: 'Kraus' }] },
  houtermans: { names: [{ given: 'Fritz', surname: 'Houtermans' }] },
  bauer: { names: [{ given: 'Fritz', surname: 'Bauer' }] },
  hellmann: { names: [{ given: 'Hans', surname: 'Hellmann' }] },
  fritz: { names: [{ given: 'Anton', surname: 'Fritz' }] },
  woelfel: { names: [{ given: 'Josef', surname: 'Wölfel' }] },
  albert: { names: [{ given: 'Max', surname: 'Albert' }] },
  weiser: { names: [{ given: 'Franz', surname: 'Weiser' }] },
  koubek: { names: [{ given: 'Franz', surname: 'Koubek' }] },
  winkler: { names: [{ given: 'Franz', surname: 'Winkler' }] },
  ferdiny: { names: [{ given: 'Friedrich', surname: 'Ferdiny' }] },
  mankovits: { names: [{ given: 'Friedrich', surname: 'Mankovits' }] },
  szabo: { names: [{ given: 'Ernst', surname: 'Szabo' }] },
  doboDeutsch: { names: [{ given: 'Alexander', surname: 'Dobo-Deutsch' }] },
};

for (const engine of ENGINES) {
  describe(`name forms from Soviet files on ${engine}`, () => {
    let storage: Storage;
    let service: SearchService;
    const ids: Record<string, number> = {};

    beforeAll(async () => {
      storage = await openTestStorage(engine);
      for (const [key, spec] of Object.entries({ ...DECOYS, ...MEANT })) ids[key] = await insertPerson(storage, spec);
      await reindexPersons(storage);
      service = new SearchService(storage);
    });
    afterAll(async () => {
      await storage?.close();
    });

    const first = async (q: string) =>
      (await service.search({ q, sort: 'relevance', limit: 10, offset: 0 })).results[0]?.id;

    it.each([
      ['Краус Леопольд Яковлевич', 'kraus', 'a patronymic agreeing does not outrank the surname'],
      ['Хоутерманс Фридрих Оттович', 'houtermans', 'a given name and patronymic agreeing do not outrank it'],
      ['Бауэр Фриц Иванович', 'bauer', 'a common patronymic does not outrank surname and given name'],
      ['Гельман', 'hellmann', 'a transliteration comes before a documented sound-alike'],
      ['Ганс Густав Адольф Гельман', 'hellmann', 'several given names, one of them known; Ганс is not Иван'],
      ['Гельман, Ганс', 'hellmann', 'surname first with a comma'],
      ['Фритц (Фриц) Антон Антонович', 'fritz', 'alternatives in brackets'],
      ['Вельфель Иосиф Иоганович (Вольфель)', 'woelfel', 'a bracketed spelling of the surname after the patronymic'],
      ['М. Альберт', 'albert', 'an initial'],
      [
        'Вайзер Франц',
        'weiser',
        "both words on one double surname, or a clerk's spelling of a namesake with a few more records, do not outrank a surname and a given name",
      ],
      [
        'Сабо Эрнст Павлович',
        'szabo',
        "a given name spelled as the person's own before its equivalent in another language",
      ],
      ['Дейч Александр Александрович (Добо-Дейч)', 'doboDeutsch', 'a double surname in brackets meets the whole of it'],
      ['Каубек Франц Фердинандович', 'koubek', 'among sound-alikes, the closer spelling'],
      ['Винклер Франц Фридрихович', 'winkler', 'a whole given name before one of two'],
      [
        'Фердини Фриц Фридрихович (Фридрих Давыдович)',
        'ferdiny',
        'two bracketed words give the given name and patronymic again, not the surname',
      ],
      [
        'Манкович Фридрих Мартынович',
        'mankovits',
        'a surname ending in -ович first; a Hungarian name as a clerk wrote it',
      ],
    ])('%s finds the person meant first (%s)', async (q, meant) => {
      expect(await first(q)).toBe(ids[meant]);
    });
  });
}
