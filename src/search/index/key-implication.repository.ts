import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';

/** The row saying the table covers every indexed word (see migration 0008); no token starts with '!'. */
const COMPLETE = '!complete';
const BATCH = 500;

const parse = (implied: string) => new Set(implied === '' ? [] : implied.split(' '));

/** The stored implications of those of `tokens` the table has. */
export async function readImplications(db: Db, tokens: readonly string[]): Promise<Map<string, Set<string>>> {
  const out = new Map<string, Set<string>>();
  for (let i = 0; i < tokens.length; i += BATCH) {
    const rows = await sql<{
      token: string;
      implied: string;
    }>`SELECT token, implied FROM search_key_implies WHERE token IN (${sql.join(tokens.slice(i, i + BATCH))})`.execute(
      db,
    );
    for (const r of rows.rows) out.set(r.token, parse(r.implied));
  }
  return out;
}

/** Stores the implications of these tokens, replacing what the table had for them. */
export async function writeImplications(db: Db, entries: readonly [string, ReadonlySet<string>][]): Promise<void> {
  for (let i = 0; i < entries.length; i += BATCH) {
    const rows = entries.slice(i, i + BATCH).map(([t, implied]) => sql`(${t}, ${[...implied].sort().join(' ')})`);
    await sql`INSERT INTO search_key_implies (token, implied) VALUES ${sql.join(rows)}
      ON CONFLICT (token) DO UPDATE SET implied = excluded.implied`.execute(db);
  }
}

/** Forgets every implication, and that the table was complete: before indexing everyone again. */
export async function clearImplications(db: Db): Promise<void> {
  await sql`DELETE FROM search_key_implies`.execute(db);
}

/** After indexing everyone: the table now covers every indexed word. */
export async function markImplicationsComplete(db: Db): Promise<void> {
  await sql`INSERT INTO search_key_implies (token, implied) VALUES (${COMPLETE}, '') ON CONFLICT (token) DO NOTHING`.execute(
    db,
  );
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
  await sql`INSERT INTO search_key_implies (token, implied) VALUES (${FILLING}, '') ON CONFLICT (token) DO NOTHING`.execute(
    db,
  );
}

/** After the last batch: marks the table complete unless it was emptied meanwhile; says whether it did. */
export async function finishFillingImplications(db: Db): Promise<boolean> {
  const { rows } = await sql<{
    token: string;
  }>`DELETE FROM search_key_implies WHERE token = ${FILLING} RETURNING token`.execute(db);
  if (rows.length === 0) return false;
  await markImplicationsComplete(db);
  return true;
}
