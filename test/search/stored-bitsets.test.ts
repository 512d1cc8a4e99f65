import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Storage } from '../../src/db/connection.ts';
import { rebuildSearchIndex } from '../../src/search/index/index-drain.ts';
import { PERSON_BITS } from '../../src/search/index/search-doc.ts';
import { reindexPersons } from '../../src/search/index/search-indexer.ts';
import * as worker from '../../src/search/index/sqlite/bitset-worker.sqlite.ts';
import { FilterBitsets } from '../../src/search/index/sqlite/filter-bitsets.sqlite.ts';
import {
  CHUNK_PERSONS,
  chunkHas,
  decodeChunk,
  encodeChunk,
  loadStoredBitset,
  storedBitsetTokens,
} from '../../src/search/index/sqlite/stored-bitsets.sqlite.ts';
import { SearchService } from '../../src/search/names/person-search.service.ts';
import { insertPerson } from '../support/factories.ts';
import { openTestStorage } from '../support/storage.ts';

describe('a stored chunk of a bitset', () => {
  const chunkOf = (persons: number[]) => {
    const words = new Int32Array(CHUNK_PERSONS / 32);
    for (const p of persons) words[p >>> 5] = (words[p >>> 5] as number) | (1 << (p & 31));
    return words;
  };
  const roundTrip = (words: Int32Array) => {
    const back = new Int32Array(words.length);
    decodeChunk(encodeChunk(words), back, 0);
    return back;
  };

  it('keeps few persons as their offsets and many as bits, and reads both back the same', () => {
    const few = chunkOf([0, 31, 32, 4_000, CHUNK_PERSONS - 1]);
    expect(encodeChunk(few).length).toBe(10);
    expect(roundTrip(few)).toEqual(few);
    const many = chunkOf(Array.from({ length: 600 }, (_, i) => i * 12));
    expect(encodeChunk(many).length).toBe(CHUNK_PERSONS / 8);
    expect(roundTrip(many)).toEqual(many);
    // Just below and at the switch: offsets never take the bits' room, so the length tells them apart.
    for (const n of [479, 480]) {
      const words = chunkOf(Array.from({ length: n }, (_, i) => i * 16));
      expect(encodeChunk(words).length).toBe(n < 480 ? 2 * n : CHUNK_PERSONS / 8);
      expect(roundTrip(words)).toEqual(words);
    }
  });

  it('tells whether it has a person without being decoded, in both forms', () => {
    const few = [0, 31, 32, 4_000, CHUNK_PERSONS - 1];
    const many = Array.from({ length: 600 }, (_, i) => i * 12 + 1);
    for (const persons of [few, many]) {
      const row = encodeChunk(chunkOf(persons));
      const has = new Set(persons);
      for (let p = 0; p < CHUNK_PERSONS; p++)
        expect(chunkHas(row, p), `${persons.length} persons, ${p}`).toBe(has.has(p));
    }
  });

  it('reads only as far as the bitset it fills reaches', () => {
    const words = new Int32Array(3);
    decodeChunk(encodeChunk(chunkOf([5, 40, 70, 200])), words, 1);
    expect([...words]).toEqual([0, 1 << 5, 1 << 8]);
  });
});

// SQLite only: PostgreSQL answers filters from its GIN index and stores no bitsets.
describe('bitsets stored with the name index (SQLite)', () => {
  let storage: Storage;
  const shot: number[] = [];

  /** The persons of a stored bitset, read as a server process reads it. */
  const storedPersons = (token: string): number[] => {
    const sqlite = storage.sqlite as NonNullable<Storage['sqlite']>;
    const words = new Int32Array(1 + 400);
    loadStoredBitset(sqlite, token, words, 1);
    const out: number[] = [];
    for (let p = 0; p < 400 * 32; p++) if ((words[1 + (p >>> 5)] as number) & (1 << (p & 31))) out.push(p);
    return out;
  };
  /** The persons FTS5 finds with a token: what the stored bitset must hold. */
  const indexed = async (token: string): Promise<number[]> =>
    (
      await sql<{ rowid: number }>`SELECT rowid FROM search_fts WHERE search_fts MATCH ${`"${token}"`}`.execute(
        storage.db,
      )
    ).rows
      .map((r) => Number(r.rowid) % PERSON_BITS)
      .sort((a, b) => a - b);

  beforeAll(async () => {
    storage = await openTestStorage('sqlite');
    // 300 persons: both fates and the birth year 1900 are had by at least the 64 that make a filter broad here.
    for (let i = 0; i < 300; i++) {
      const id = await insertPerson(storage, {
        names: [{ given: 'Anna', surname: `Rand${i % 7}` }],
        fate: i % 3 ? 'shot_in_ussr' : 'survived',
        events: [{ type: 'birth', date: String(1900 + (i % 2)) }],
      });
      if (i % 3) shot.push(id);
    }
    await rebuildSearchIndex(storage);
  });
  afterAll(async () => {
    vi.restoreAllMocks();
    await storage?.close();
  });

  it('stores a bitset of every broad facet token at the end of a rebuild, as FTS5 finds them', async () => {
    const tokens = storedBitsetTokens(storage.sqlite as NonNullable<Storage['sqlite']>);
    expect([...tokens].sort()).toEqual(
      expect.arrayContaining([
        'f_shot_in_ussr',
        'f_survived',
        'eya_birth_1900',
        'eya_birth_1901',
        'x_unknown',
        'e_birth',
      ]),
    );
    // Surnames are no filters, and a token had by fewer than 64 gets none.
    expect([...tokens].some((t) => t.includes('rand'))).toBe(false);
    for (const token of tokens) expect(storedPersons(token)).toEqual(await indexed(token));
    expect(storedPersons('f_shot_in_ussr')).toEqual(shot);
  });

  it('keeps them true when a person changes, in the same transaction as the index', async () => {
    const changed = shot[0] as number;
    await sql`UPDATE persons SET fate = 'survived' WHERE id = ${changed}`.execute(storage.db);
    await reindexPersons(storage, { ids: [changed] });
    expect(storedPersons('f_shot_in_ussr')).toEqual(shot.slice(1));
    expect(storedPersons('f_survived')).toContain(changed);
    for (const token of ['f_shot_in_ussr', 'f_survived', 'eya_birth_1900'])
      expect(storedPersons(token)).toEqual(await indexed(token));
    await sql`UPDATE persons SET status = 'draft' WHERE id = ${changed}`.execute(storage.db);
    await reindexPersons(storage, { ids: [changed] });
    expect(storedPersons('f_survived')).not.toContain(changed);
    expect(storedPersons('x_unknown')).toEqual(await indexed('x_unknown'));
  });

  it('gives a server process its bitsets at once, without building them', async () => {
    const submit = vi.spyOn(worker, 'submit');
    const of = vi.spyOn(FilterBitsets.prototype, 'of');
    const search = new SearchService(storage);
    const found = await search.search({
      q: 'Anna',
      fate: 'shot_in_ussr',
      event: 'birth',
      from: '1900',
      to: '1900',
      sort: 'relevance',
      limit: 100,
      offset: 0,
    });
    // The first search of this archive version already tests its filters against bitsets.
    expect(of.mock.results.some((r) => r.value !== null)).toBe(true);
    expect(submit.mock.calls.filter(([job]) => /^"(f|eya)_/.test(String(job.query)))).toEqual([]);
    const born1900 = await sql<{
      id: number;
    }>`SELECT s.id FROM persons s JOIN event_participants p ON p.person_id = s.id JOIN events e ON e.id = p.event_id
      WHERE e.date_edtf = '1900' AND s.fate = 'shot_in_ussr' AND s.status = 'published' ORDER BY s.id`.execute(
      storage.db,
    );
    expect(found.results.map((r) => r.id).sort((a, b) => a - b)).toEqual(born1900.rows.map((r) => Number(r.id)));
  });
});
