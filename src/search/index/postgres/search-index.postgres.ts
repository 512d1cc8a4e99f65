import { sql } from 'kysely';
import type { Db } from '../../../db/connection.ts';
import { archiveVersion } from '../../../db/engine.ts';
import type { PersonSet } from '../../facts/fact-columns.ts';
import { firstAfter, hitOf } from '../search-doc.ts';
import type { IndexHit, MatchOptions, SearchDocument, SearchIndex, TokenGroups } from '../search-index.ts';

const BATCH = 500;
/** Documents per statement of write(): one parameter, whatever the count. */
const WRITE_BATCH = 5_000;

/**
 * The text with each lone surrogate as U+FFFD, as the driver's UTF-8 encoding of a parameter
 * makes it: JSON.stringify writes one as an escape, which PostgreSQL's JSON refuses.
 */
function wellFormed(text: string): string {
  return (text as string & { toWellFormed(): string }).toWellFormed();
}

/** `tokens && ARRAY[…]` per group: GIN answers each overlap and intersects them. */
function where(groups: TokenGroups) {
  return sql.join(
    groups.map((g) => sql`tokens && ARRAY[${sql.join([...new Set(g)])}]::text[]`),
    sql` AND `,
  );
}

/**
 * Document ids at equal steps of the index (the planner's histogram of search_docs.doc_id, kept
 * by ANALYZE), read again after a while: where a name's next matches are to be looked for.
 */
interface DocBounds {
  values: number[];
  /** About how many documents the index holds. */
  docs: number;
  readAt: number;
}

const docBounds = new WeakMap<object, DocBounds>();
const BOUNDS_FRESH_MS = 5 * 60_000;
/** Fewer bounds than this (a small archive): the windows are not worth a query each. */
const MIN_BOUNDS = 50;
/**
 * Past this share of the index, the rest is read at once: the matches are too few for windows (a
 * window's range costs about as much as fetching the rows of its matches where the name is this rare).
 */
const MAX_WINDOW_SHARE = 0.25;
/**
 * The first window spans at most this many steps of the histogram (0.8 % of the index): a count
 * may be capped (a given name counted up to 2,000 that a twentieth of everyone has), and a window
 * too large fetches the rows of all its matches. The next windows are sized by what it held.
 */
const FIRST_WINDOW_MAX = 8;
/** Windows are sized to hold this much more than is wanted: names are not spread evenly. */
const WINDOW_SLACK = 1.5;
/**
 * What reading one document id of a window's range costs beside fetching one match's row
 * (measured at 1,000,000 documents with the rows cached: 0.15 µs against 2 µs).
 */
const RANGE_COST = 0.075;

async function readDocBounds(db: Db): Promise<DocBounds> {
  const known = docBounds.get(db);
  if (known && Date.now() - known.readAt < BOUNDS_FRESH_MS) return known;
  const rows = await sql<{ b: string[] | null; docs: number | null }>`SELECT
      (SELECT histogram_bounds::text::bigint[]::text[] FROM pg_stats WHERE schemaname = current_schema()
        AND tablename = 'search_docs' AND attname = 'doc_id') AS b,
      (SELECT reltuples FROM pg_class WHERE oid = 'search_docs'::regclass) AS docs`.execute(db);
  const bounds = {
    values: (rows.rows[0]?.b ?? []).map(Number),
    docs: Math.max(0, Number(rows.rows[0]?.docs ?? 0)),
    readAt: Date.now(),
  };
  docBounds.set(db, bounds);
  return bounds;
}

/**
 * Reads of the index remembered for one archive version, per database: a search asks how common
 * each word is and reads its tiers in the same steps each time, and common words (Wilhelm, Paul)
 * come back search after search. The first write gives the archive a new version mark, and the
 * memory starts over (as SQLite's FilterBitsets does for its reads).
 */
interface RememberedReads {
  version: string | null;
  reads: Map<string, Promise<unknown>>;
  /** Document ids remembered, as the reads' weights say. */
  weight: number;
}

const remembered = new WeakMap<object, RememberedReads>();
/** Reads, and document ids in them, remembered at most per database: past either the memory starts over. */
const MAX_REMEMBERED = 20_000;
const MAX_REMEMBERED_HITS = 400_000;

export class PostgresSearchIndex implements SearchIndex {
  /**
   * The archive version this instance reads in, read at its first remembered read: an instance
   * serves one search or one write (searchIndexFor makes one each time), never a process's life.
   */
  private version: Promise<string | null> | null = null;

  constructor(private readonly db: Db) {}

  /**
   * `read()`, or what it gave before in this archive version. Not inside a transaction, which may
   * see its own writes; a read that fails is forgotten.
   */
  private async rememberedRead<T>(key: string, read: () => Promise<T>, weigh: (value: T) => number): Promise<T> {
    if (this.db.isTransaction) return read();
    this.version ??= archiveVersion(this.db);
    const version = await this.version;
    let memory = remembered.get(this.db);
    if (
      !memory ||
      memory.version !== version ||
      memory.reads.size >= MAX_REMEMBERED ||
      memory.weight >= MAX_REMEMBERED_HITS
    ) {
      memory = { version, reads: new Map(), weight: 0 };
      remembered.set(this.db, memory);
    }
    const known = memory.reads.get(key) as Promise<T> | undefined;
    if (known) return known;
    const reading = read();
    const kept = memory;
    kept.reads.set(key, reading);
    reading.then(
      (value) => {
        kept.weight += weigh(value);
      },
      () => kept.reads.delete(key),
    );
    return reading;
  }

  /**
   * A batch in one statement, its rows as one JSON parameter that the server takes apart: the
   * driver would otherwise quote and escape every element of four long arrays in JavaScript.
   */
  async write(docs: SearchDocument[]): Promise<void> {
    for (let i = 0; i < docs.length; i += WRITE_BATCH) {
      const batch = JSON.stringify(
        docs.slice(i, i + WRITE_BATCH).map((x) => [x.personId, x.docId, wellFormed(x.tokens), wellFormed(x.stored)]),
      );
      await sql`INSERT INTO search_docs (person_id, doc_id, tokens, stored)
        SELECT (e->>0)::int, (e->>1)::bigint, string_to_array(e->>2, ' '), e->>3 FROM json_array_elements(${batch}::json) AS e
        ON CONFLICT (person_id) DO UPDATE SET doc_id = excluded.doc_id, tokens = excluded.tokens, stored = excluded.stored`.execute(
        this.db,
      );
    }
  }

  async remove(personIds: number[]): Promise<void> {
    for (let i = 0; i < personIds.length; i += BATCH) {
      await this.db
        .deleteFrom('search_docs')
        .where('person_id', 'in', personIds.slice(i, i + BATCH))
        .execute();
    }
  }

  async clear(): Promise<void> {
    // TRUNCATE, which Kysely has no builder for: it frees the tables at once, unlike DELETE.
    await sql`TRUNCATE search_docs, search_vocab`.execute(this.db);
  }

  /**
   * A GIN index takes entries far faster built in one pass than one row at a time. Until
   * endRebuild() builds it again, searches still work, by scanning the table. A rebuild that dies
   * midway leaves the index out: run `fates reindex` again.
   */
  async beginRebuild(): Promise<void> {
    await this.db.schema.dropIndex('search_docs_tokens').ifExists().execute();
  }

  /** Also refreshes the statistics at once: without them the planner may walk the doc_id index for rare names. */
  async endRebuild(): Promise<void> {
    await this.db.schema
      .createIndex('search_docs_tokens')
      .ifNotExists()
      .on('search_docs')
      .using('gin')
      .column('tokens')
      .execute();
    await sql`ANALYZE search_docs`.execute(this.db);
    await sql`ANALYZE search_vocab`.execute(this.db);
  }

  /** The GIN index answers filters itself: nothing is stored beside it. */
  async storeFilters(): Promise<null> {
    return null;
  }

  async filtersStored(): Promise<boolean> {
    return true;
  }

  async addVocabulary(words: string[]): Promise<void> {
    const fresh = [...new Set(words)].filter((w) => w.length >= 3);
    for (let i = 0; i < fresh.length; i += BATCH) {
      // One array parameter unnested, rather than a parameter per word.
      await this.db
        .insertInto('search_vocab')
        .columns(['token'])
        .expression(sql<{ token: string }>`SELECT unnest(${fresh.slice(i, i + BATCH)}::text[])`)
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
  }

  async match(names: TokenGroups, limit: number, options: MatchOptions = {}): Promise<IndexHit[]> {
    const groups = [...names, ...(options.filters ?? [])];
    if (groups.length === 0 || groups.some((g) => g.length === 0)) return [];
    const key = `m ${limit} ${options.after ?? -1} ${options.selective ? 1 : 0} ${options.expected ?? ''} ${JSON.stringify(groups)}`;
    // A copy each time: callers may sort or extend what they are given.
    const hits = await this.rememberedRead(
      key,
      () => this.readMatches(groups, limit, options),
      (read) => read.length,
    );
    return [...hits];
  }

  private readMatches(groups: TokenGroups, limit: number, options: MatchOptions): Promise<IndexHit[]> {
    // Filters alone may match most documents: there walking the doc_id index can be the better plan.
    if (!options.selective) return this.firstMatches(groups, limit, options.after, null, false);
    if (options.expected === undefined) return this.firstMatches(groups, limit, options.after, null, true);
    return this.windowedMatches(groups, limit, options.after ?? -1, options.expected);
  }

  /**
   * Up to `limit` matches after `after` and up to `upto` (null: to the end), in index order.
   * `selective`: the GIN index finds them, and only they are sorted. The planner guesses the
   * matches of ORs of name keys badly (independent groups, common phonetic codes) and may walk the
   * doc_id index through every document; `doc_id + 0` rules that out.
   */
  private async firstMatches(
    groups: TokenGroups,
    limit: number,
    after: number | undefined,
    upto: number | null,
    selective: boolean,
  ): Promise<IndexHit[]> {
    const order = selective ? sql`doc_id + 0` : sql`doc_id`;
    // Within a window, the plain column on both sides, so that the planner can AND the range of
    // the doc_id index with the GIN's matches.
    const bound = upto === null ? order : sql`doc_id`;
    const from = after === undefined || after < 0 ? sql`` : sql`AND ${bound} > ${after}`;
    const to = upto === null ? sql`` : sql`AND doc_id <= ${upto}`;
    const rows = await sql<{
      doc_id: number;
    }>`SELECT doc_id FROM search_docs WHERE ${where(groups)} ${from} ${to} ORDER BY ${order} LIMIT ${limit}`.execute(
      this.db,
    );
    return rows.rows.map((r) => hitOf(Number(r.doc_id)));
  }

  /**
   * The first matches of a name, read in windows of the index order. A common name (Wagner: 10,000
   * of a million) matched as a whole made PostgreSQL fetch every match's row to sort them, 130 ms
   * with the rows cached and 500 ms without, for the first hundred. Within a window the GIN's
   * matches are ANDed with the doc_id index's range, so only the window's matches are fetched. The
   * first window is sized by the matches expected, each next one by what the last held (four times
   * as large when it held none); a name too rare for windows is read to the end at once, as before.
   * The same matches as one query, in the same order: each window starts where the last ended.
   */
  private async windowedMatches(
    groups: TokenGroups,
    limit: number,
    after: number,
    expected: number,
  ): Promise<IndexHit[]> {
    const { values: bounds, docs } = await readDocBounds(this.db);
    const stepCount = bounds.length - 1;
    // Windows pay where the matches a whole read would fetch and not keep cost more than the
    // ranges read instead: a name common enough, E² > RANGE_COST × limit × documents.
    if (stepCount < MIN_BOUNDS || expected * expected <= RANGE_COST * limit * docs)
      return this.firstMatches(groups, limit, after, null, true);
    const out: IndexHit[] = [];
    let cursor = after;
    let perStep = expected / stepCount;
    let steps = Math.min(FIRST_WINDOW_MAX, Math.ceil((limit / perStep) * WINDOW_SLACK));
    while (out.length < limit) {
      const start = firstAfter(bounds, cursor);
      const end = start + steps;
      if (end >= stepCount || steps > stepCount * MAX_WINDOW_SHARE) {
        out.push(...(await this.firstMatches(groups, limit - out.length, cursor, null, true)));
        break;
      }
      const upto = bounds[end] as number;
      const found = await this.firstMatches(groups, limit - out.length, cursor, upto, true);
      out.push(...found);
      if (out.length >= limit) break;
      perStep = found.length / steps;
      steps = perStep > 0 ? Math.ceil(((limit - out.length) / perStep) * WINDOW_SLACK) : steps * 4;
      cursor = upto;
    }
    return out;
  }

  async count(names: TokenGroups, cap: number, options: Pick<MatchOptions, 'filters'> = {}): Promise<number> {
    const groups = [...names, ...(options.filters ?? [])];
    if (groups.length === 0 || groups.some((g) => g.length === 0)) return 0;
    return this.rememberedRead(
      `c ${cap} ${JSON.stringify(groups)}`,
      async () => {
        const rows = await sql<{
          n: number;
        }>`SELECT count(*)::int AS n FROM (SELECT 1 FROM search_docs WHERE ${where(groups)} LIMIT ${cap}) m`.execute(
          this.db,
        );
        return Number(rows.rows[0]?.n ?? 0);
      },
      () => 0,
    );
  }

  async matchCounted(
    groups: TokenGroups,
    head: number,
    cap: number,
    options: Pick<MatchOptions, 'filters' | 'selective'> = {},
  ): Promise<{ hits: IndexHit[]; count: number }> {
    // Counted first: how common the name is says how to read its first matches (windowedMatches).
    const count = await this.count(groups, cap, options);
    const hits = await this.match(groups, head, { ...options, expected: count });
    return { hits, count };
  }

  /** PostgreSQL keeps no bitsets in the app: facets are counted from the stored documents. */
  async countFacets(): Promise<null> {
    return null;
  }

  async countMatches(groups: TokenGroups): Promise<number> {
    if (groups.length === 0 || groups.some((g) => g.length === 0)) return 0;
    const rows = await sql<{ n: number }>`SELECT count(*)::int AS n FROM search_docs WHERE ${where(groups)}`.execute(
      this.db,
    );
    return Number(rows.rows[0]?.n ?? 0);
  }

  async persons(groups: TokenGroups): Promise<PersonSet> {
    if (groups.length === 0) return { kind: 'all' };
    if (groups.some((g) => g.length === 0)) return { kind: 'ids', ids: [] };
    const rows = await sql<{ person_id: number }>`SELECT person_id FROM search_docs WHERE ${where(groups)}`.execute(
      this.db,
    );
    return { kind: 'ids', ids: Int32Array.from(rows.rows, (r) => r.person_id) };
  }

  /**
   * pg_trgm's `%` keeps only the words whose trigram similarity reaches its threshold, 0.3 unless
   * set: Lazrhaim, two edits from Hazrhaym, has 0.2 and was never found. A word of t trigrams
   * (letters + 1) keeps at least t - 6 of them through two edits, a similarity of (t - 6) / (t + 6)
   * at the least; the threshold is set a fifth below that for this one query.
   */
  async similarWords(word: string, limit: number): Promise<string[]> {
    const t = word.length + 1;
    const threshold = Math.max(0.05, (0.8 * (t - 6)) / (t + 6)).toFixed(3);
    const query = async (db: Db) => {
      await sql`SELECT set_config('pg_trgm.similarity_threshold', ${threshold}, true)`.execute(db);
      return sql<{ token: string }>`SELECT token FROM search_vocab WHERE token % ${word}
        AND length(token) BETWEEN ${word.length - 2} AND ${word.length + 2}
        ORDER BY similarity(token, ${word}) DESC LIMIT ${limit}`.execute(db);
    };
    // set_config(…, true) holds until the transaction ends: one of its own, or the caller's.
    const rows = this.db.isTransaction ? await query(this.db) : await this.db.transaction().execute(query);
    return rows.rows.map((r) => r.token);
  }
}
