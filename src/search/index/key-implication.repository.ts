import type { Db, Storage } from '../../db/connection.ts';
import { type ManyRowsSpec, writeManyRows } from '../../db/many-rows.ts';

/** The row saying the table covers every indexed word (see migration 0008); no token starts with '!'. */
const COMPLETE = '!complete';
const BATCH = 500;

const parse = (implied: string) => new Set(implied === '' ? [] : implied.split(' '));

/** Adds a mark row (a key starting with '!'), unless it is there. */
async function addMark(db: Db, mark: string): Promise<void> {
  await db
    .insertInto('search_key_implies')
    .values({ token: mark, implied: '' })
    .onConflict((oc) => oc.column('token').doNothing())
    .execute();
}

/** The stored implications of those of `tokens` the table has. */
export async function readImplications(db: Db, tokens: readonly string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (let i = 0; i < tokens.length; i += BATCH) {
    const rows = await db
      .selectFrom('search_key_implies')
      .select(['token', 'implied'])
      .where('token', 'in', tokens.slice(i, i + BATCH))
      .execute();
    for (const r of rows) out.set(r.token, parse(r.implied));
  }
  return out;
}

/** Stores the implications of these tokens, replacing what the table had for them. */
export async function writeImplications(
  db: Db,
  entries: readonly [string, ReadonlySet<string>][],
  sqlite?: Storage['sqlite'],
): Promise<void> {
  await writeManyRows(
    db,
    IMPLICATION_ROWS,
    entries.map(([token, implied]) => [token, [...implied].sort().join(' ')]),
    sqlite,
  );
}

const IMPLICATION_ROWS: ManyRowsSpec = {
  table: 'search_key_implies',
  columns: [
    ['token', 'text'],
    ['implied', 'text'],
  ],
  conflict: 'ON CONFLICT (token) DO UPDATE SET implied = excluded.implied',
};

/** Forgets every implication, and that the table was complete: before indexing everyone again. */
export async function clearImplications(db: Db): Promise<void> {
  await db.deleteFrom('search_key_implies').execute();
}

/** After indexing everyone: the table now covers every indexed word. */
export async function markImplicationsComplete(db: Db): Promise<void> {
  await addMark(db, COMPLETE);
}

/**
 * What each of `tokens` implies, for those the index holds; null while the table does not cover
 * every indexed word (a database indexed before it existed), when nothing may be left out.
 */
export async function listImplications(db: Db, tokens: readonly string[]): Promise<Map<string, Set<string>> | null> {
  const found = await readImplications(db, [COMPLETE, ...new Set(tokens)]);
  if (!found.delete(COMPLETE)) return null;
  return found;
}

/** Whether the table covers every indexed word, so that searches may leave tokens out. */
export async function implicationsComplete(db: Db): Promise<boolean> {
  return (await listImplications(db, [])) !== null;
}

/** While the table is filled in from the stored names (see completeImplications); a rebuild's clear removes it. */
const FILLING = '!filling';

/** Notes that the table is being filled in, before the first batch. */
export async function markImplicationsFilling(db: Db): Promise<void> {
  await addMark(db, FILLING);
}

/** After the last batch: marks the table complete unless it was emptied meanwhile; says whether it did. */
export async function finishFillingImplications(db: Db): Promise<boolean> {
  const rows = await db.deleteFrom('search_key_implies').where('token', '=', FILLING).returning('token').execute();
  if (rows.length === 0) return false;
  await markImplicationsComplete(db);
  return true;
}
