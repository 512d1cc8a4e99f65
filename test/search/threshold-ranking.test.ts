import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/connection.ts';
import { Rng } from '../../src/generate/prng.ts';
import { analyzeName, analyzeQuery, KIND_STRENGTH, nameInput } from '../../src/names/name-keys.ts';
import { scoreNames } from '../../src/names/name-match.ts';
import { hitOf } from '../../src/search/index/search-doc.ts';
import { reindexPersons } from '../../src/search/index/search-indexer.ts';
import { listStoredDocs } from '../../src/search/index/stored-doc.repository.ts';
import { rarityOf } from '../../src/search/names/name-search.ts';
import { SearchService } from '../../src/search/names/person-search.service.ts';
import { compareRanked, priorBonus, type Ranked } from '../../src/search/names/ranking.ts';
import { insertPerson, type NameSpec, type PersonSpec } from '../support/factories.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';

// Ranking reads the index tier by tier and stops where no unread match could reach the page
// (src/search/names/ranking.ts). It must give what scoring every match gives: checked here against a
// ranking computed without the index, from each person's own names.

const GIVEN = ['Karl', 'Carl', 'Kalle', 'Karol', 'Hans', 'Johann'];
const SURNAMES = ['Müller', 'Mueller', 'Miller', 'Möller', 'Schmidt', 'Shmidt', 'Schmitt'];

/** A population of namesakes and near namesakes, documented more or less, some known under two names. */
function people(count: number): PersonSpec[] {
  const r = new Rng(2026);
  return Array.from({ length: count }, () => {
    const names: NameSpec[] = [{ given: r.pick(GIVEN), surname: r.pick(SURNAMES) }];
    // Double surnames, names with a surname alone or not split into parts, and the archive's own
    // Cyrillic transliterations: where several query words meet one surname, or a name's kind
    // lowers its match, the ceilings must still hold.
    const shape = r.int(8);
    if (shape === 0) names.push({ surname: `${r.pick(SURNAMES)}-${r.pick(SURNAMES)}`, kind: 'birth' });
    if (shape === 1) names.push({ given: r.pick(GIVEN), surname: `${r.pick(SURNAMES)} ${r.pick(SURNAMES)}` });
    if (shape === 2) names.push({ full: `${r.pick(GIVEN)} ${r.pick(SURNAMES)}`, kind: 'as-written' });
    if (shape === 3)
      names.push({ full: r.pick(['Карл Мюллер', 'Ганс Шмидт', 'Иоганн Миллер']), lang: 'ru', kind: 'transliteration' });
    // Some carry a second name in which only one of their words recurs (a used first name, a
    // surname as a list spelled it): the index finds both words in them, scoring needs one name.
    if (r.int(3) === 0)
      names.push({ given: r.pick(GIVEN), surname: r.pick(SURNAMES), kind: r.int(2) ? 'used' : 'as-written' });
    const events = Array.from({ length: r.int(12) }, (_, i) => ({ type: 'arrest', date: String(1930 + i) }) as const);
    return { names, events, biography: r.int(15) === 0 ? 'Documented at length.' : undefined };
  });
}

for (const engine of ENGINES) {
  describe(`ranking by thresholds on ${engine}`, () => {
    let storage: Storage;
    let service: SearchService;
    let everyone: number[];

    beforeAll(async () => {
      storage = await openTestStorage(engine);
      everyone = [];
      for (const p of people(160)) everyone.push(await insertPerson(storage, p));
      await reindexPersons(storage);
      service = new SearchService(storage);
    });
    afterAll(async () => {
      await storage?.close();
    });

    /**
     * Every person the index matches (each query word meets some key of theirs, up to a sound-alike)
     * scored on their own names, in the ranked order: what the threshold must reproduce.
     */
    async function scoredOneByOne(q: string): Promise<number[]> {
      const docs = await listStoredDocs(storage.db, everyone);
      const keysOf = new Map(
        everyone.map((id) => [
          id,
          new Set((docs.get(id)?.names ?? []).flatMap((n) => analyzeName(nameInput(n)).map((k) => k.key))),
        ]),
      );
      // How common each word is: persons with a spelling of it (up to a transliteration), as the
      // search counts them in the index.
      const terms = analyzeQuery(q).map((t) => {
        const spellings = t.keys.filter((k) => KIND_STRENGTH[k.kind] <= KIND_STRENGTH.translit).map((k) => k.key);
        const count = everyone.filter((id) => spellings.some((k) => keysOf.get(id)?.has(k))).length;
        return { ...t, fuzzy: [], rarity: q.trim().includes(' ') ? rarityOf(count) : undefined };
      });
      const { rows } = await sql<{
        person_id: number;
        doc_id: number;
      }>`SELECT person_id, doc_id FROM search_docs`.execute(storage.db);
      const docOf = new Map(rows.map((r) => [Number(r.person_id), Number(r.doc_id)]));
      const ranked: Ranked[] = [];
      for (const id of everyone) {
        const names = docs.get(id)?.names ?? [];
        const keys = keysOf.get(id) ?? new Set<string>();
        if (!terms.every((t) => t.keys.some((k) => KIND_STRENGTH[k.kind] <= KIND_STRENGTH.phonetic && keys.has(k.key))))
          continue;
        const hit = hitOf(docOf.get(id) as number);
        const s = scoreNames(terms, names);
        if (s.explanation)
          ranked.push({
            id,
            doc: hit.doc,
            score: s.score + priorBonus(hit.prior),
            level: s.explanation?.level ?? null,
            explanation: s.explanation,
          });
      }
      return ranked.sort(compareRanked).map((r) => r.id);
    }

    it.each([
      'Karl Müller',
      'Kalle Shmidt',
      'Müller',
      'Carl Mueller',
      'Hans Schmitt',
      'Karol Miller',
      'Möller Johann',
      'Müller Schmidt',
      'Karl Müller Schmidt',
      'Карл Мюллер',
    ])('pages through %s in the order scoring every match gives, with the same total on every page', async (q) => {
      const expected = await scoredOneByOne(q);
      expect(expected.length).toBeGreaterThan(20);
      const pages = await Promise.all(
        [0, 10, 20].map((offset) => service.search({ q, sort: 'relevance', limit: 10, offset })),
      );
      expect(pages.flatMap((p) => p.results.map((r) => r.id))).toEqual(expected.slice(0, 30));
      expect(new Set(pages.map((p) => p.total)).size).toBe(1);
      expect(new Set(pages.map((p) => JSON.stringify(p.facets))).size).toBe(1);
    });

    it('pages through every match once, to the last', async () => {
      const first = await service.search({ q: 'Müller', sort: 'relevance', limit: 100, offset: 0 });
      const all = [...first.results];
      for (let offset = 100; offset < first.total; offset += 100)
        all.push(...(await service.search({ q: 'Müller', sort: 'relevance', limit: 100, offset })).results);
      expect(all.map((r) => r.id)).toEqual((await scoredOneByOne('Müller')).slice(0, all.length));
      expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    });
  });
}
