import os from 'node:os';
import type BetterSqlite3 from 'better-sqlite3';
import type { Db } from '../../../db/connection.ts';
import { lockForWriting } from '../../../db/engine.ts';
import type { SearchBitsetTable, SearchBitsetTokenTable } from '../search.table.ts';
import { FACET_TOKEN_RANGES, PERSON_BITS } from '../search-doc.ts';
import { ftsQuote } from './fts-query.sqlite.ts';

/*
 * The bitsets of broad facet tokens (filter-bitsets.sqlite.ts), kept in the database beside the
 * index they were read from. Built in memory, a bitset costs every server process a read of all
 * the token's documents, after each start and after each change to the archive, and searches until
 * then fall back to FTS5's slower AND; read from here it is one small read (docs/search.md#costs).
 *
 * A rebuild of the index stores them at its end; after that every write to the index keeps them
 * true in the same transaction, so they hold for whatever version of the archive a reader sees.
 * A token that becomes broad later has no stored bitset and is built in memory as before.
 */

/** A token is broad when at least this share of all documents has it... */
const BROAD_SHARE = 1 / 250;
/** ...and at least this many: nothing needs a bitset in a small archive, but tests reach the path. */
const BROAD_MIN = 64;

/** Sets the bit of each document's person in `words`, whose bits start at word `first`. */
export function addPersons(words: Int32Array, first: number, docs: Iterable<number>): void {
  for (const doc of docs) {
    const person = doc % PERSON_BITS;
    const w = first + (person >>> 5);
    words[w] = (words[w] as number) | (1 << (person & 31));
  }
}

/** How many documents a token needs to get a bitset, when persons have ids up to `maxPerson`. */
export function broadFrom(maxPerson: number): number {
  return Math.max(BROAD_MIN, Math.ceil(maxPerson * BROAD_SHARE));
}

/**
 * Persons per stored chunk. A chunk's row must fit in a page of the table's B-tree without
 * overflowing (SQLite keeps at most 1,002 bytes of a WITHOUT ROWID row in a 4 KiB page): 960 bytes
 * of bits, four rows to a page. A change to a few persons rewrites one chunk of each token they
 * gain or lose.
 */
export const CHUNK_PERSONS = 7_680;
const CHUNK_WORDS = CHUNK_PERSONS / 32;
const CHUNK_BYTES = CHUNK_PERSONS / 8;
/**
 * A chunk with fewer persons than this is stored as their offsets in it (two bytes each), any
 * other as its bits: most tokens are a year's events, which a person in a hundred has, and their
 * offsets take a sixth of the bits' room.
 */
const LISTED_BELOW = CHUNK_BYTES / 2;

/**
 * Chunks hold the words' bytes in this machine's order. Only a little-endian machine (every one
 * Node runs on in practice) reads them; another builds its bitsets in memory instead.
 */
export const STORED_BITSETS_READABLE = os.endianness() === 'LE';

/**
 * The row of search_bitset_tokens saying the index's bitsets were stored since it was last
 * emptied: kept with the derived tables (migration 0060), so that a copy or a dump of the
 * archive never carries it. No token starts with '!'.
 */
const STORED_MARK = '!stored';

/** The tokens that have a stored bitset. */
export function storedBitsetTokens(sqlite: BetterSqlite3.Database): Set<string> {
  return new Set(
    sqlite
      .prepare<[string], SearchBitsetTokenTable['token']>('SELECT token FROM search_bitset_tokens WHERE token <> ?')
      .pluck()
      .all(STORED_MARK),
  );
}

/** A chunk's row: its persons' offsets (uint16, ascending) when few, else its bits. */
export function encodeChunk(words: Int32Array): Buffer {
  let n = 0;
  for (const w of words) {
    let x = w;
    while (x !== 0) {
      x &= x - 1;
      n++;
    }
  }
  if (n >= LISTED_BELOW) return Buffer.from(words.buffer, words.byteOffset, CHUNK_BYTES);
  const out = Buffer.alloc(2 * n);
  let at = 0;
  for (let w = 0; w < CHUNK_WORDS; w++) {
    const word = words[w] as number;
    if (word === 0) continue;
    for (let b = 0; b < 32; b++) if (word & (1 << b)) at = out.writeUInt16LE(w * 32 + b, at);
  }
  return out;
}

/** Whether a chunk's row (see encodeChunk) has the person at `offset` in the chunk, read without decoding it. */
export function chunkHas(row: Buffer, offset: number): boolean {
  if (row.length === CHUNK_BYTES) return ((row[offset >>> 3] as number) & (1 << (offset & 7))) !== 0;
  let lo = 0;
  let hi = row.length >>> 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const at = row.readUInt16LE(mid * 2);
    if (at === offset) return true;
    if (at < offset) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

/** Sets the bits of a chunk's row (see encodeChunk) in `words` from word `at` on, as far as it reaches. */
export function decodeChunk(row: Buffer, words: Int32Array, at: number): void {
  if (row.length === CHUNK_BYTES) {
    const end = Math.min(words.length, at + CHUNK_WORDS);
    if (end > at)
      new Uint8Array(words.buffer, words.byteOffset + at * 4, (end - at) * 4).set(row.subarray(0, (end - at) * 4));
    return;
  }
  for (let i = 0; i + 1 < row.length; i += 2) {
    const offset = row.readUInt16LE(i);
    const w = at + (offset >>> 5);
    if (w < words.length) words[w] = (words[w] as number) | (1 << (offset & 31));
  }
}

/**
 * Copies a stored bitset into `words`, whose bits start after `header` words; chunks past its end
 * (persons added since it was sized) are left out. The caller reads in one transaction.
 */
export function loadStoredBitset(
  sqlite: BetterSqlite3.Database,
  token: string,
  words: Int32Array,
  header: number,
): void {
  const rows = sqlite
    .prepare<[string], [SearchBitsetTable['chunk'], SearchBitsetTable['bits']]>(
      'SELECT chunk, bits FROM search_bitsets WHERE token = ?',
    )
    .raw()
    .iterate(token);
  for (const [chunk, bits] of rows) decodeChunk(bits, words, header + chunk * CHUNK_WORDS);
}

/** The chunks of a bitset in person order, as [chunk, row], leaving out those with no bit set. */
function* chunksOf(words: Int32Array): Generator<[number, Buffer]> {
  for (let c = 0; c * CHUNK_WORDS < words.length; c++) {
    const part = new Int32Array(CHUNK_WORDS);
    part.set(words.subarray(c * CHUNK_WORDS, (c + 1) * CHUNK_WORDS));
    if (part.some((w) => w !== 0)) yield [c, encodeChunk(part)];
  }
}

export interface StoreProgress {
  done: number;
  total: number;
}

/**
 * Stores the bitsets of the index's broad facet tokens, replacing any stored before; returns how
 * many. Each token is read from FTS5 and written in a transaction of its own under the index's
 * write lock, so edits may go on meanwhile: a token stored is kept true by them, one not yet
 * stored is read as they left it.
 */
export async function storeFilterBitsets(
  db: Db,
  sqlite: BetterSqlite3.Database,
  onProgress?: (p: StoreProgress) => void,
): Promise<number> {
  // Under the write lock, so that the archive's version moves on: a server process then reads
  // again which tokens are stored, rather than reading a bitset that is no longer there.
  await db.transaction().execute(async (trx) => {
    await lockForWriting(trx, 'search-index');
    await clearStoredBitsets(trx);
  });
  const maxPerson = () =>
    Number(sqlite.prepare<[], number | null>('SELECT max(person_id) FROM search_docs').pluck().get() ?? 0);
  const least = broadFrom(maxPerson());
  // FTS5's view of its own vocabulary gives each term's document count; temporary, as it is only
  // read here.
  sqlite.exec('CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_fts_terms USING fts5vocab(main, search_fts, row)');
  const terms = sqlite
    .prepare<[string, string, number], string>(
      'SELECT term FROM temp.search_fts_terms WHERE term >= ? AND term < ? AND doc >= ?',
    )
    .pluck();
  const broad = FACET_TOKEN_RANGES.flatMap(([from, to]) => terms.all(from, to, least));
  const walk = sqlite.prepare<[string], number>('SELECT rowid FROM search_fts WHERE search_fts MATCH ?').pluck();
  const put = sqlite.prepare<[string, number, Buffer]>(
    'INSERT INTO search_bitsets (token, chunk, bits) VALUES (?, ?, ?)',
  );
  const register = sqlite.prepare<[string]>('INSERT INTO search_bitset_tokens (token) VALUES (?)');
  for (const [i, token] of broad.entries()) {
    await db.transaction().execute(async (trx) => {
      await lockForWriting(trx, 'search-index');
      // The raw handle is the transaction's own connection: these statements run inside it.
      const words = new Int32Array((maxPerson() >>> 5) + 1);
      addPersons(words, 0, walk.iterate(ftsQuote(token)));
      for (const [chunk, bits] of chunksOf(words)) put.run(token, chunk, bits);
      register.run(token);
    });
    onProgress?.({ done: i + 1, total: broad.length });
  }
  await db
    .insertInto('search_bitset_tokens')
    .values({ token: STORED_MARK })
    .onConflict((oc) => oc.column('token').doNothing())
    .execute();
  return broad.length;
}

/** Forgets every stored bitset (the index is emptied, or its bitsets are stored again). */
export async function clearStoredBitsets(db: Db): Promise<void> {
  await db.deleteFrom('search_bitset_tokens').execute();
  await db.deleteFrom('search_bitsets').execute();
}

/** Whether the bitsets were stored after the index was last emptied. */
export async function bitsetsStored(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('search_bitset_tokens')
    .select('token')
    .where('token', '=', STORED_MARK)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Every stored token's rows of the given chunks: a few hundred rows for an edit, read with the raw
 * handle when there is one (the writer's own connection), as arrays rather than objects.
 */
async function storedChunks(
  db: Db,
  chunks: readonly number[],
  sqlite?: BetterSqlite3.Database,
): Promise<SearchBitsetTable[]> {
  if (!sqlite)
    return db
      .selectFrom('search_bitsets')
      .select(['token', 'chunk', 'bits'])
      .where('token', 'in', (eb) => eb.selectFrom('search_bitset_tokens').select('token'))
      .where('chunk', 'in', [...chunks])
      .execute();
  const read = sqlite
    .prepare<[number], [string, Buffer]>(
      'SELECT token, bits FROM search_bitsets WHERE chunk = ? AND token IN (SELECT token FROM search_bitset_tokens)',
    )
    .raw();
  return chunks.flatMap((chunk) => read.all(chunk).map(([token, bits]) => ({ token, chunk, bits })));
}

/**
 * Whether a chunk keeps its bits: each person losing theirs (`losing`) or gaining one (`gaining`,
 * which wins) has the bit already as it is to be.
 */
function unchanged(
  row: Buffer | undefined,
  base: number,
  losing: readonly number[] | undefined,
  gaining: readonly number[] | undefined,
): boolean {
  const has = (p: number) => row !== undefined && chunkHas(row, p - base);
  const gained = new Set(gaining);
  for (const p of gained) if (!has(p)) return false;
  for (const p of losing ?? []) if (!gained.has(p) && has(p)) return false;
  return true;
}

/** Persons by the chunk they fall in. */
function byChunk(persons: Iterable<number>): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const p of persons) {
    const c = Math.floor(p / CHUNK_PERSONS);
    const list = out.get(c);
    if (list) list.push(p);
    else out.set(c, [p]);
  }
  return out;
}

/**
 * Keeps the stored bitsets true through a write to the index, in the writer's transaction:
 * `replaced` persons lose their bits (their documents were removed or are written again), and
 * each document `written` sets its person's bit in the stored tokens it has. The chunks concerned
 * are read in one statement, whatever the number of stored tokens.
 */
export async function updateStoredBitsets(
  db: Db,
  replaced: readonly number[],
  written: readonly { personId: number; tokens: string }[],
  sqlite?: BetterSqlite3.Database,
): Promise<void> {
  if (replaced.length === 0 && written.length === 0) return;
  const stored = sqlite
    ? storedBitsetTokens(sqlite)
    : new Set((await db.selectFrom('search_bitset_tokens').select('token').execute()).map((r) => r.token));
  if (stored.size === 0) return;
  const gaining = new Map<string, number[]>();
  for (const doc of written) {
    for (const t of doc.tokens.split(' ')) {
      if (!stored.has(t)) continue;
      const list = gaining.get(t);
      if (list) list.push(doc.personId);
      else gaining.set(t, [doc.personId]);
    }
  }
  const losing = byChunk(replaced);
  const gains = new Map([...gaining].map(([token, persons]) => [token, byChunk(persons)]));
  const chunks = new Set(losing.keys());
  for (const g of gains.values()) for (const c of g.keys()) chunks.add(c);
  if (chunks.size === 0) return;
  const rows = await storedChunks(db, [...chunks], sqlite);
  const old = new Map(rows.map((r) => [`${r.token} ${r.chunk}`, r.bits]));
  const touched = new Set(rows.filter((r) => losing.has(Number(r.chunk))).map((r) => `${r.token} ${r.chunk}`));
  for (const [token, g] of gains) for (const c of g.keys()) touched.add(`${token} ${c}`);
  for (const key of touched) {
    const [token = '', c = ''] = key.split(' ');
    const chunk = Number(c);
    const before = old.get(key);
    const base = chunk * CHUNK_PERSONS;
    // Most tokens of the chunk are not the changed persons' before or after: left as they are
    // without decoding and encoding them (a stored token's every chunk is read for an edit).
    if (unchanged(before, base, losing.get(chunk), gains.get(token)?.get(chunk))) continue;
    const words = new Int32Array(CHUNK_WORDS);
    if (before) decodeChunk(before, words, 0);
    for (const p of losing.get(chunk) ?? [])
      words[(p - base) >>> 5] = (words[(p - base) >>> 5] as number) & ~(1 << ((p - base) & 31));
    for (const p of gains.get(token)?.get(chunk) ?? [])
      words[(p - base) >>> 5] = (words[(p - base) >>> 5] as number) | (1 << ((p - base) & 31));
    const after = encodeChunk(words);
    const empty = !words.some((w) => w !== 0);
    if (before ? before.equals(after) : empty) continue;
    if (empty) await db.deleteFrom('search_bitsets').where('token', '=', token).where('chunk', '=', chunk).execute();
    else
      await db
        .insertInto('search_bitsets')
        .values({ token, chunk, bits: after })
        .onConflict((oc) => oc.columns(['token', 'chunk']).doUpdateSet((eb) => ({ bits: eb.ref('excluded.bits') })))
        .execute();
  }
}
