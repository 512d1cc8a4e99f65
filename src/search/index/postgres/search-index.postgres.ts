import { sql } from 'kysely';
import type { Db } from '../../../db/connection.ts';
import type { PersonSet } from '../../facts/fact-columns.ts';
import { hitOf } from '../search-doc.ts';
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

export class PostgresSearchIndex implements SearchIndex {
  constructor(private readonly db: Db) {}

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
    // The planner guesses the matches of ORs of name keys badly (independent groups, common
    // phonetic codes) and may walk the doc_id index through every document.
    // For a name, `doc_id + 0` rules that out, so the GIN index finds the few matches, which are
    // then sorted. Filters alone may match most documents; there the walk can be the better plan.
    const order = options.selective ? sql`doc_id + 0` : sql`doc_id`;
    const after = options.after === undefined ? sql`` : sql`AND ${order} > ${options.after}`;
    const rows = await sql<{
      doc_id: number;
    }>`SELECT doc_id FROM search_docs WHERE ${where(groups)} ${after} ORDER BY ${order} LIMIT ${limit}`.execute(
      this.db,
    );
    return rows.rows.map((r) => hitOf(Number(r.doc_id)));
  }

  async count(names: TokenGroups, cap: number, options: Pick<MatchOptions, 'filters'> = {}): Promise<number> {
    const groups = [...names, ...(options.filters ?? [])];
    if (groups.length === 0 || groups.some((g) => g.length === 0)) return 0;
    const rows = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM (SELECT 1 FROM search_docs WHERE ${where(groups)} LIMIT ${cap}) m`.execute(
      this.db,
    );
    return Number(rows.rows[0]?.n ?? 0);
  }

  async matchCounted(
    groups: TokenGroups,
    head: number,
    cap: number,
    options: Pick<MatchOptions, 'filters' | 'selective'> = {},
  ): Promise<{ hits: IndexHit[]; count: number }> {
    const hits = await this.match(groups, head, options);
    return { hits, count: hits.length < head ? hits.length : await this.count(groups, cap, options) };
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
