import type BetterSqlite3 from 'better-sqlite3';
import { sql } from 'kysely';
import type { Db } from '../../../db/connection.ts';
import type { PersonSet } from '../../facts/fact-columns.ts';
import { FACET_VALUE_TOKENS, facetsFromCounts } from '../facet-tokens.ts';
import { firstAfter, hitOf, PERSON_BITS } from '../search-doc.ts';
import type { IndexHit, MatchOptions, SearchDocument, SearchIndex, TokenGroups } from '../search-index.ts';
import type { Facets } from '../stored-doc.ts';
import { logDocChanges } from './doc-changes.sqlite.ts';
import { combined, type FilterBitsets, filterBitsetsFor, has, inEvery, versionOn } from './filter-bitsets.sqlite.ts';
import { ftsExpression, ftsQuote } from './fts-query.sqlite.ts';
import {
  bitsetsStored,
  clearStoredBitsets,
  type StoreProgress,
  storeFilterBitsets,
  updateStoredBitsets,
} from './stored-bitsets.sqlite.ts';

const BATCH = 500;
/** FTS5's own defaults: segments merged four at a time as they are written, 1 MiB of pending entries. */
const FTS5_AUTOMERGE = 4;
const FTS5_HASHSIZE = 1_048_576;
/** During a rebuild: no merging until the end, and 64 MiB of entries kept before a segment is written. */
const REBUILD_AUTOMERGE = 0;
const REBUILD_HASHSIZE = 64 * 1_048_576;

/** Rows read from FTS5 in one call before the rest of a walk is streamed (most walks end there). */
const FIRST_PAGE = 2_000;
/**
 * Walks asking for fewer hits leave a common name to FTS5: it stops at the limit, while the walk
 * that counts reads every candidate. Only those get a list, which keeps the lists few enough to stay.
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
    const replaced = options.fresh ? [] : docs.map((d) => d.personId);
    await this.removeDocuments(replaced);
    // In document-id order: FTS5 keeps a transaction's new entries in memory only while ids
    // ascend, and writes them out as a segment of its own at every step back.
    const sorted = [...docs].sort((a, b) => a.docId - b.docId);
    if (this.sqlite) {
      // The raw handle is the transaction's own connection (one connection per SQLite storage);
      // prepared statements spare building and parsing SQL for every row of a large write.
      const fts = this.sqlite.prepare<[number, string]>('INSERT INTO search_fts (rowid, tokens) VALUES (?, ?)');
      const stored = this.sqlite.prepare<[number, number, string]>(
        'INSERT INTO search_docs (person_id, doc_id, stored) VALUES (?, ?, ?)',
      );
      for (const d of sorted) {
        fts.run(d.docId, d.tokens);
        stored.run(d.personId, d.docId, d.stored);
      }
    } else {
      for (let i = 0; i < sorted.length; i += BATCH) {
        const batch = sorted.slice(i, i + BATCH);
        await this.db
          .insertInto('search_fts')
          .values(batch.map((d) => ({ rowid: d.docId, tokens: d.tokens })))
          .execute();
        await this.db
          .insertInto('search_docs')
          .values(batch.map((d) => ({ person_id: d.personId, doc_id: d.docId, stored: d.stored })))
          .execute();
      }
    }
    await updateStoredBitsets(this.db, replaced, docs, this.sqlite);
    await logDocChanges(this.db, options.fresh ? 'many' : replaced);
  }

  async remove(personIds: number[]): Promise<void> {
    await this.removeDocuments(personIds);
    await updateStoredBitsets(this.db, personIds, [], this.sqlite);
    await logDocChanges(this.db, personIds);
  }

  /** Removes the persons' documents, leaving the stored bitsets to the caller. */
  private async removeDocuments(personIds: number[]): Promise<void> {
    for (let i = 0; i < personIds.length; i += BATCH) {
      const ids = personIds.slice(i, i + BATCH);
      await this.db
        .deleteFrom('search_fts')
        .where('rowid', 'in', (eb) => eb.selectFrom('search_docs').select('doc_id').where('person_id', 'in', ids))
        .execute();
      await this.db.deleteFrom('search_docs').where('person_id', 'in', ids).execute();
    }
  }

  async clear(): Promise<void> {
    // Empties the contentless index at once; DELETE would write a tombstone per document.
    await sql`INSERT INTO search_fts(search_fts) VALUES ('delete-all')`.execute(this.db);
    await this.db.deleteFrom('search_docs').execute();
    await this.db.deleteFrom('search_vocab').execute();
    await this.db.deleteFrom('search_vocab_trgm').execute();
    await clearStoredBitsets(this.db);
    await logDocChanges(this.db, 'many');
  }

  /**
   * While every document is written again, FTS5 keeps more of them in memory before it writes a
   * segment, and merges no segments as it goes: endRebuild() merges them all into one anyway, and
   * merging on the way rewrote the same entries level after level. The settings are stored with
   * the index (its config table), in the rebuild's transaction, until endRebuild() sets back
   * FTS5's defaults; a rebuild cut short finishes when the queue is drained again.
   */
  async beginRebuild(): Promise<void> {
    await this.configure(REBUILD_AUTOMERGE, REBUILD_HASHSIZE);
  }

  /**
   * Merges the index into one segment, so a query term is looked up once rather than once per
   * segment: a few seconds once, for quicker searches after (docs/search.md#costs).
   */
  async endRebuild(): Promise<void> {
    await sql`INSERT INTO search_fts(search_fts) VALUES ('optimize')`.execute(this.db);
    await this.configure(FTS5_AUTOMERGE, FTS5_HASHSIZE);
  }

  private async configure(automerge: number, hashsize: number): Promise<void> {
    // Literals: FTS5 takes only integers here, and a bound number arrives as a real.
    await sql`INSERT INTO search_fts(search_fts, rank) VALUES ('automerge', ${sql.lit(automerge)})`.execute(this.db);
    await sql`INSERT INTO search_fts(search_fts, rank) VALUES ('hashsize', ${sql.lit(hashsize)})`.execute(this.db);
  }

  /** Stores the bitsets of the broad filters (stored-bitsets.sqlite.ts). */
  async storeFilters(onProgress?: (p: StoreProgress) => void): Promise<number | null> {
    return this.sqlite ? storeFilterBitsets(this.db, this.sqlite, onProgress) : null;
  }

  async filtersStored(): Promise<boolean> {
    return !this.sqlite || (await bitsetsStored(this.db));
  }

  async addVocabulary(words: string[]): Promise<void> {
    const fresh = [...new Set(words)].filter((w) => w.length >= 3);
    if (this.sqlite) {
      // The transaction's own connection, as in write().
      const vocab = this.sqlite.prepare<[string]>('INSERT INTO search_vocab (token) VALUES (?) ON CONFLICT DO NOTHING');
      const trigrams = this.sqlite.prepare<[string]>('INSERT INTO search_vocab_trgm (token) VALUES (?)');
      for (const token of fresh) if (vocab.run(token).changes > 0) trigrams.run(token);
      return;
    }
    for (let i = 0; i < fresh.length; i += BATCH) {
      const batch = fresh.slice(i, i + BATCH);
      const inserted = await this.db
        .insertInto('search_vocab')
        .values(batch.map((token) => ({ token })))
        .onConflict((oc) => oc.doNothing())
        .returning('token')
        .execute();
      if (inserted.length > 0) {
        await this.db
          .insertInto('search_vocab_trgm')
          .values(inserted.map((r) => ({ token: r.token })))
          .execute();
      }
    }
  }

  async match(names: TokenGroups, limit: number, options: MatchOptions = {}): Promise<IndexHit[]> {
    const hits: IndexHit[] = [];
    const walked = await this.walkBitsets(
      names,
      options.filters ?? [],
      options.after ?? -1,
      limit,
      (doc) => hits.push(hitOf(doc)) < limit,
    );
    if (walked !== null) return hits;
    const groups = [...names, ...(options.filters ?? [])];
    if (groups.length === 0 || groups.some((g) => g.length === 0)) return [];
    const expression = ftsExpression(groups);
    const after = options.after ?? -1;
    const docs = await this.withBitsets((bitsets) => bitsets.matchesAfter(expression, after, limit));
    if (docs !== null) return Array.from(docs, hitOf);
    const rows = await sql<{
      rowid: number;
    }>`SELECT rowid FROM search_fts WHERE search_fts MATCH ${expression} AND rowid > ${after} ORDER BY rowid LIMIT ${limit}`.execute(
      this.db,
    );
    return rows.rows.map((r) => hitOf(Number(r.rowid)));
  }

  async count(names: TokenGroups, cap: number, options: Pick<MatchOptions, 'filters'> = {}): Promise<number> {
    let n = 0;
    const walked = await this.walkBitsets(names, options.filters ?? [], -1, cap, () => ++n < cap);
    if (walked !== null) return n;
    const groups = [...names, ...(options.filters ?? [])];
    if (groups.length === 0 || groups.some((g) => g.length === 0)) return 0;
    const expression = ftsExpression(groups);
    const counted = await this.withBitsets((bitsets) => bitsets.countUpTo(expression, cap));
    if (counted !== null) return counted;
    // Counted inside SQLite, rather than handing up to `cap` ids to JavaScript only to count them.
    const rows = await sql<{
      n: number;
    }>`SELECT count(*) AS n FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ${expression} LIMIT ${cap})`.execute(
      this.db,
    );
    return Number(rows.rows[0]?.n ?? 0);
  }

  async matchCounted(
    names: TokenGroups,
    head: number,
    cap: number,
    options: Pick<MatchOptions, 'filters'> = {},
  ): Promise<{ hits: IndexHit[]; count: number }> {
    // Filtered by bitsets: one walk both keeps the first matches and counts on.
    const first: IndexHit[] = [];
    let n = 0;
    const walked = await this.walkBitsets(names, options.filters ?? [], -1, cap, (doc) => {
      if (first.length < head) first.push(hitOf(doc));
      return ++n < cap;
    });
    if (walked !== null) return { hits: first, count: n };
    const hits = await this.match(names, head, options);
    return { hits, count: hits.length < head ? hits.length : await this.count(names, cap, options) };
  }

  /**
   * Walks the documents after `after` that match the names and pass the filters, tested against
   * the bitsets of broad filters (matchTestingBitsets), telling each to `visit` until it answers
   * false. Null when that cannot be done here and FTS5 is to answer instead.
   */
  private async walkBitsets(
    names: TokenGroups,
    filters: TokenGroups,
    after: number,
    wanted: number,
    visit: (doc: number) => boolean,
  ): Promise<true | null> {
    if (names.length === 0 || filters.length === 0) return null;
    if ([...names, ...filters].some((g) => g.length === 0)) return null;
    return this.withBitsets((bitsets) => this.walkTestingBitsets(bitsets, names, filters, after, wanted, visit));
  }

  /**
   * What `read` answers from the connection's bitsets and memory for the archive version it reads
   * now; null when there are none (a database in memory, or a transaction open on this handle).
   */
  private async withBitsets<T>(read: (bitsets: FilterBitsets) => T | null): Promise<T | null> {
    if (!this.sqlite || this.db.isTransaction) return null;
    // Raw reads must not run inside another request's open transaction on this connection:
    // holding Kysely's connection rules that out (a transaction cannot hand it out, so none here).
    const { sqlite } = this;
    return this.db.connection().execute(async () => {
      const bitsets = filterBitsetsFor(sqlite, versionOn(sqlite));
      return bitsets ? read(bitsets) : null;
    });
  }

  /**
   * FTS5 walks the name and the narrow filters, and each candidate is tested against the bitsets
   * of the broad filters. A name with more candidates than FTS5 hands over cheaply is walked in a
   * list kept in memory instead (see FilterBitsets.listOf). Null when no filter has bitsets (yet),
   * or such a list is not kept (yet).
   */
  private walkTestingBitsets(
    bitsets: FilterBitsets,
    names: TokenGroups,
    filters: TokenGroups,
    after: number,
    wanted: number,
    visit: (doc: number) => boolean,
  ): true | null {
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
    if (Math.min(...names.map(candidates)) > most) {
      const list = wanted >= LISTED_FROM_LIMIT ? bitsets.listOf(walked) : null;
      if (!list) return null;
      const { docs, persons } = list;
      const passing = combined(tests);
      for (let i = firstAfter(docs, after); i < docs.length; i++) {
        if (has(passing, persons[i] as number) && !visit(docs[i] as number)) break;
      }
      return true;
    }
    for (const doc of bitsets.documentsAfter(walked, after, FIRST_PAGE)) {
      if (inEvery(tests, doc % PERSON_BITS) && !visit(doc)) break;
    }
    return true;
  }

  /** From the bitsets of the facet tokens (FilterBitsets.countAmong), once they are at hand. */
  async countFacets(personIds: readonly number[]): Promise<Facets | null> {
    if (personIds.length === 0) return null;
    return this.withBitsets((bitsets) => {
      const counts = bitsets.countAmong(FACET_VALUE_TOKENS, personIds);
      return counts ? facetsFromCounts(counts) : null;
    });
  }

  async countMatches(groups: TokenGroups): Promise<number> {
    if (groups.length === 0 || groups.some((g) => g.length === 0)) return 0;
    const rows = await sql<{
      n: number;
    }>`SELECT count(*) AS n FROM search_fts WHERE search_fts MATCH ${ftsExpression(groups)}`.execute(this.db);
    return Number(rows.rows[0]?.n ?? 0);
  }

  async persons(groups: TokenGroups): Promise<PersonSet> {
    if (groups.length === 0) return { kind: 'all' };
    if (groups.some((g) => g.length === 0)) return { kind: 'ids', ids: [] };
    // Broad filters come as bitsets; one still being built is waited for, as a count of everyone
    // by FTS5 takes longer than building it.
    for (let attempt = 0; attempt < 2; attempt++) {
      const found = await this.withBitsets((bitsets) => bitsets.personsMatching(groups));
      if (found === null) break;
      if (found !== 'building') return found;
      // Wrapped, so that the connection is not held while the builder works.
      const pending = await this.withBitsets((bitsets) => ({ done: bitsets.settled() }));
      await pending?.done;
    }
    const rows = await sql<{
      rowid: number;
    }>`SELECT rowid FROM search_fts WHERE search_fts MATCH ${ftsExpression(groups)}`.execute(this.db);
    return { kind: 'ids', ids: Int32Array.from(rows.rows, (r) => Number(r.rowid) % PERSON_BITS) };
  }

  async similarWords(word: string, limit: number): Promise<string[]> {
    const grams = new Set<string>();
    for (let i = 0; i + 3 <= word.length; i++) grams.add(word.slice(i, i + 3));
    if (grams.size === 0) return [];
    const expr = [...grams].map(ftsQuote).join(' OR ');
    const rows = await sql<{ token: string }>`SELECT token FROM search_vocab_trgm WHERE search_vocab_trgm MATCH ${expr}
      AND length(token) BETWEEN ${word.length - 2} AND ${word.length + 2} ORDER BY rank LIMIT ${limit}`.execute(
      this.db,
    );
    return rows.rows.map((r) => r.token);
  }
}
