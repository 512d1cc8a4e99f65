import { sql } from 'kysely';
import type BetterSqlite3 from 'better-sqlite3';
import type { Db } from '../db/connection.ts';
import { archiveVersion } from '../db/engine.ts';
import { combined, filterBitsetsFor, has, inEvery } from './filter-bitsets.sqlite.ts';
import { ftsExpression, ftsQuote } from './fts-query.sqlite.ts';
import { hitOf, PERSON_BITS } from './search-doc.ts';
import type { IndexHit, MatchOptions, SearchDocument, SearchIndex, TokenGroups } from './search-index.ts';

const BATCH = 500;
/** Rows read from FTS5 at a time while candidates are tested against bitsets. */
const CHUNK = 2_000;
/**
 * Walks asking for fewer hits leave a common name to FTS5: it stops at the limit, a few ms in,
 * while the walk that counts reads every candidate (47 of a filtered search's 60 ms for the
 * Müllers at 5 million persons). Only those get a list, which keeps the lists few enough to stay.
 */
const LISTED_FROM_LIMIT = 1_000;

export class SqliteSearchIndex implements SearchIndex {
  /** `sqlite`: the raw handle behind `db`, for the bitsets of broad filters (filter-bitsets.sqlite.ts). */
  constructor(
    private readonly db: Db,
    private readonly sqlite?: BetterSqlite3.Database,
  ) {}

  async write(docs: SearchDocument[], options: { fresh?: boolean } = {}): Promise<void> {
    if (docs.length === 0) return;
    if (!options.fresh) await this.remove(docs.map((d) => d.personId));
    for (let i = 0; i < docs.length; i += BATCH) {
      const batch = docs.slice(i, i + BATCH);
      await sql`INSERT INTO search_fts(rowid, tokens) VALUES ${sql.join(batch.map((d) => sql`(${d.docId}, ${d.tokens.join(' ')})`))}`.execute(this.db);
      await sql`INSERT INTO search_docs(person_id, doc_id, stored) VALUES ${sql.join(batch.map((d) => sql`(${d.personId}, ${d.docId}, ${d.stored})`))}`.execute(this.db);
    }
  }

  async remove(personIds: number[]): Promise<void> {
    for (let i = 0; i < personIds.length; i += BATCH) {
      const ids = personIds.slice(i, i + BATCH);
      await sql`DELETE FROM search_fts WHERE rowid IN (SELECT doc_id FROM search_docs WHERE person_id IN (${sql.join(ids)}))`.execute(this.db);
      await sql`DELETE FROM search_docs WHERE person_id IN (${sql.join(ids)})`.execute(this.db);
    }
  }

  async clear(): Promise<void> {
    // Empties the contentless index at once; DELETE would write a tombstone per document.
    await sql`INSERT INTO search_fts(search_fts) VALUES ('delete-all')`.execute(this.db);
    await sql`DELETE FROM search_docs`.execute(this.db);
    await sql`DELETE FROM search_vocab`.execute(this.db);
    await sql`DELETE FROM search_vocab_trgm`.execute(this.db);
  }

  // FTS5 merges its segments as it goes; dropping anything first measured no faster (100,000 persons).
  async beginRebuild(): Promise<void> {}

  /**
   * Merges the index into one segment, so a query term is looked up once rather than once per
   * segment: 4 s at a million persons, and search p95 10–30 % lower in most query classes.
   */
  async endRebuild(): Promise<void> {
    await sql`INSERT INTO search_fts(search_fts) VALUES ('optimize')`.execute(this.db);
  }

  async addVocabulary(words: string[]): Promise<void> {
    const fresh = [...new Set(words)].filter((w) => w.length >= 3);
    for (let i = 0; i < fresh.length; i += BATCH) {
      const batch = fresh.slice(i, i + BATCH);
      const inserted = await sql<{ token: string }>`INSERT INTO search_vocab(token) VALUES ${sql.join(batch.map((w) => sql`(${w})`))} ON CONFLICT DO NOTHING RETURNING token`.execute(this.db);
      if (inserted.rows.length > 0) {
        await sql`INSERT INTO search_vocab_trgm(token) VALUES ${sql.join(inserted.rows.map((r) => sql`(${r.token})`))}`.execute(this.db);
      }
    }
  }

  async match(names: TokenGroups, limit: number, options: MatchOptions = {}): Promise<IndexHit[]> {
    const filters = options.filters ?? [];
    const groups = [...names, ...filters];
    if (groups.length === 0 || groups.some((g) => g.length === 0)) return [];
    // Raw reads must not run inside another request's open transaction on this connection:
    // holding Kysely's connection rules that out (a transaction cannot hand it out, so none here).
    if (this.sqlite && names.length > 0 && filters.length > 0 && !this.db.isTransaction) {
      const { sqlite } = this;
      const version = await archiveVersion(this.db);
      const hits = await this.db.connection().execute(async () => this.matchTestingBitsets(sqlite, version, names, filters, limit));
      if (hits) return hits;
    }
    const rows = await sql<{ rowid: number }>`SELECT rowid FROM search_fts WHERE search_fts MATCH ${ftsExpression(groups)} ORDER BY rowid LIMIT ${limit}`.execute(this.db);
    return rows.rows.map((r) => hitOf(Number(r.rowid)));
  }

  /**
   * FTS5 walks the name and the narrow filters, and each candidate is tested against the bitsets
   * of the broad filters. A name with more candidates than FTS5 hands over cheaply is walked in a
   * list kept in memory instead (see FilterBitsets.listOf). Null when no filter has bitsets (yet),
   * or such a list is not kept (yet).
   */
  private matchTestingBitsets(sqlite: BetterSqlite3.Database, version: string | null, names: TokenGroups, filters: TokenGroups, limit: number): IndexHit[] | null {
    const bitsets = filterBitsetsFor(sqlite, version);
    if (!bitsets) return null;
    const tests: Int32Array[][] = [];
    const rest: TokenGroups = [];
    for (const g of filters) {
      const sets = bitsets.of([...new Set(g)]);
      if (sets) tests.push(sets);
      else rest.push(g);
    }
    if (tests.length === 0) return null;
    const most = bitsets.testedUpTo;
    const candidates = (g: string[]) => g.reduce((n, t) => (n > most ? n : n + bitsets.documentsWith(t, most)), 0);
    const walked = ftsExpression([...names, ...rest]);
    const hits: IndexHit[] = [];
    if (Math.min(...names.map(candidates)) > most) {
      const list = limit >= LISTED_FROM_LIMIT ? bitsets.listOf(walked) : null;
      if (!list) return null;
      const { docs, persons } = list;
      const passing = combined(tests);
      for (let i = 0; i < docs.length && hits.length < limit; i++) {
        if (has(passing, persons[i] as number)) hits.push(hitOf(docs[i] as number));
      }
      return hits;
    }
    for (let after = -1; ; ) {
      const docs = bitsets.documentsAfter(walked, after, CHUNK);
      for (const doc of docs) {
        if (inEvery(tests, doc % PERSON_BITS)) {
          hits.push(hitOf(doc));
          if (hits.length >= limit) return hits;
        }
      }
      if (docs.length < CHUNK) return hits;
      after = docs[docs.length - 1] as number;
    }
  }

  async countMatches(groups: TokenGroups): Promise<number> {
    if (groups.length === 0 || groups.some((g) => g.length === 0)) return 0;
    const rows = await sql<{ n: number }>`SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH ${ftsExpression(groups)}`.execute(this.db);
    return Number(rows.rows[0]?.n ?? 0);
  }

  async similarWords(word: string, limit: number): Promise<string[]> {
    const grams = new Set<string>();
    for (let i = 0; i + 3 <= word.length; i++) grams.add(word.slice(i, i + 3));
    if (grams.size === 0) return [];
    const expr = [...grams].map(ftsQuote).join(' OR ');
    const rows = await sql<{ token: string }>`SELECT token FROM search_vocab_trgm WHERE search_vocab_trgm MATCH ${expr} ORDER BY rank LIMIT ${limit}`.execute(this.db);
    return rows.rows.map((r) => r.token);
  }
}
