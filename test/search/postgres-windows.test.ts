import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/db/connection.ts';
import { lockForWriting } from '../../src/db/engine.ts';
import { runGenerate } from '../../src/generate/generate.command.ts';
import { rebuildSearchIndex } from '../../src/search/index/index-drain.ts';
import { PostgresSearchIndex } from '../../src/search/index/postgres/search-index.postgres.ts';
import type { TokenGroups } from '../../src/search/index/search-index.ts';
import { ENGINES, openTestStorage } from '../support/storage.ts';

// PostgreSQL reads a common name's first matches in windows of the index order when the caller
// says how many to expect (search-index.postgres.ts). The windows must give exactly what one
// query over the whole index gives, wherever a read starts and however many it asks for.

describe.runIf(ENGINES.includes('postgres'))('first matches read in windows on postgres', () => {
  let storage: Storage;
  let index: PostgresSearchIndex;
  let docs: number;
  /** A common token, one in a few dozen documents, and their counts. */
  const tokens: { groups: TokenGroups; count: number }[] = [];

  beforeAll(async () => {
    storage = await openTestStorage('postgres');
    await runGenerate(storage, { persons: 3_000, seed: 5, now: '2026-01-01 00:00:00' });
    await rebuildSearchIndex(storage);
    index = new PostgresSearchIndex(storage.db);
    docs = Number(
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM search_docs`.execute(storage.db)).rows[0]?.n,
    );
    const counted = await sql<{ token: string; n: number }>`SELECT token, count(*)::int AS n
      FROM search_docs, unnest(tokens) AS token GROUP BY token ORDER BY n DESC, token`.execute(storage.db);
    const pick = (share: number) => counted.rows.find((r) => r.n <= docs * share);
    for (const share of [0.5, 0.1, 0.02]) {
      const row = pick(share);
      if (row) tokens.push({ groups: [[row.token]], count: row.n });
    }
  }, 120_000);

  afterAll(async () => {
    await storage?.close();
  });

  it('has a histogram of document ids fine enough for windows', async () => {
    const bounds = await sql<{ n: number }>`SELECT array_length(histogram_bounds::text::bigint[], 1) AS n
      FROM pg_stats WHERE tablename = 'search_docs' AND attname = 'doc_id'`.execute(storage.db);
    // 1,000 steps asked for (migration 0093); ANALYZE gives as many as the rows allow.
    expect(Number(bounds.rows[0]?.n)).toBeGreaterThan(500);
    expect(tokens.length).toBe(3);
  });

  it('gives the same matches as one query, from any start, for any limit', async () => {
    for (const { groups, count } of tokens) {
      const all = await index.match(groups, count + 10, { selective: true });
      expect(all.length).toBe(count);
      const starts = [-1, all[Math.floor(count / 3)]?.doc ?? -1, all[count - 5]?.doc ?? -1];
      for (const after of starts) {
        for (const limit of [1, 20, 160, count]) {
          const plain = await index.match(groups, limit, { selective: true, after: after >= 0 ? after : undefined });
          // An expected count right, far too low (a capped count) and far too high (a wider query's).
          for (const expected of [count, Math.ceil(count / 20), count * 20]) {
            const windowed = await index.match(groups, limit, {
              selective: true,
              after: after >= 0 ? after : undefined,
              expected,
            });
            expect(windowed.map((h) => h.doc)).toEqual(plain.map((h) => h.doc));
          }
        }
      }
    }
  });

  it('reads a common name in windows and a rare one at once', async () => {
    const common = tokens[0] as { groups: TokenGroups; count: number };
    const rare = tokens[2] as { groups: TokenGroups; count: number };
    const ranges = async (groups: TokenGroups, expected: number) => {
      const seen: string[] = [];
      const traced = new PostgresSearchIndex(
        storage.db.withPlugin({
          transformQuery: (args) => {
            seen.push(JSON.stringify(args.node));
            return args.node;
          },
          transformResult: async (args) => args.result,
        }),
      );
      await traced.match(groups, 20, { selective: true, expected });
      return seen.filter((q) => q.includes('doc_id <=')).length;
    };
    expect(await ranges(common.groups, common.count)).toBeGreaterThan(0);
    expect(await ranges(rare.groups, rare.count)).toBe(0);
  });

  it('remembers reads for the archive version only', async () => {
    const word = [['windowtestword']];
    const person = Number(
      (await sql<{ id: number }>`SELECT min(person_id) AS id FROM search_docs`.execute(storage.db)).rows[0]?.id,
    );
    expect(await index.count(word, 100)).toBe(0);
    expect(await new PostgresSearchIndex(storage.db).match(word, 10, { selective: true })).toEqual([]);
    // A write that bypasses the writers' lock leaves the version as it was: the memory answers.
    await sql`UPDATE search_docs SET tokens = tokens || ARRAY['windowtestword'] WHERE person_id = ${person}`.execute(
      storage.db,
    );
    expect(await new PostgresSearchIndex(storage.db).count(word, 100)).toBe(0);
    // Every writer takes the lock, which gives the archive a new version: read again.
    await storage.db.transaction().execute((trx) => lockForWriting(trx, 'test'));
    expect(await new PostgresSearchIndex(storage.db).count(word, 100)).toBe(1);
    const hits = await new PostgresSearchIndex(storage.db).match(word, 10, { selective: true });
    expect(hits.map((h) => h.id)).toEqual([person]);
    await sql`UPDATE search_docs SET tokens = array_remove(tokens, 'windowtestword') WHERE person_id = ${person}`.execute(
      storage.db,
    );
    await storage.db.transaction().execute((trx) => lockForWriting(trx, 'test'));
  });
});
