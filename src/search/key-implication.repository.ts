import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';
import { narrowed } from './key-implications.ts';

/** The row saying the table covers every indexed word (see migration 0008); no token starts with '!'. */
const COMPLETE = '!complete';
const BATCH = 500;

const parse = (implied: string) => new Set(implied === '' ? [] : implied.split(' '));

/**
 * Narrows the stored implications by those of newly indexed words (see key-implications.ts).
 * Call it in the transaction that writes their documents, under the index's write lock.
 *
 * `known`, kept by one caller across many batches (a rebuild), remembers what it last read or
 * wrote. Other writers only ever narrow an entry, so the stored one is within the remembered one;
 * a token whose new words imply all the remembered tokens cannot change and is not read again.
 */
export async function mergeImplications(db: Db, found: ReadonlyMap<string, ReadonlySet<string>>, known?: Map<string, ReadonlySet<string>>): Promise<void> {
  const tokens = [...found.keys()].filter((t) => {
    const remembered = known?.get(t);
    if (remembered === undefined) return true;
    const mine = found.get(t) as ReadonlySet<string>;
    for (const u of remembered) if (!mine.has(u)) return true;
    return false;
  });
  for (let i = 0; i < tokens.length; i += BATCH) {
    const batch = tokens.slice(i, i + BATCH);
    const rows = await sql<{ token: string; implied: string }>`SELECT token, implied FROM search_key_implies WHERE token IN (${sql.join(batch)})`.execute(db);
    const stored = new Map(rows.rows.map((r) => [r.token, parse(r.implied)]));
    const changed: [string, string][] = [];
    for (const t of batch) {
      const mine = found.get(t) as ReadonlySet<string>;
      const before = stored.get(t);
      const after = before ? narrowed(before, mine) : mine;
      known?.set(t, after);
      if (!before || after.size !== before.size) changed.push([t, [...after].sort().join(' ')]);
    }
    if (changed.length === 0) continue;
    await sql`INSERT INTO search_key_implies (token, implied) VALUES ${sql.join(changed.map(([t, v]) => sql`(${t}, ${v})`))}
      ON CONFLICT (token) DO UPDATE SET implied = excluded.implied`.execute(db);
  }
}

/** Forgets every implication, and that the table was complete: before indexing everyone again. */
export async function clearImplications(db: Db): Promise<void> {
  await sql`DELETE FROM search_key_implies`.execute(db);
}

/** After indexing everyone: the table now covers every indexed word. */
export async function markImplicationsComplete(db: Db): Promise<void> {
  await sql`INSERT INTO search_key_implies (token, implied) VALUES (${COMPLETE}, '') ON CONFLICT (token) DO NOTHING`.execute(db);
}

/**
 * What each of `tokens` implies, for those the index holds; null while the table does not cover
 * every indexed word (a database indexed before it existed), when nothing may be left out.
 */
export async function listImplications(db: Db, tokens: readonly string[]): Promise<Map<string, Set<string>> | null> {
  const unique = [...new Set(tokens)];
  const rows = await sql<{ token: string; implied: string }>`SELECT token, implied FROM search_key_implies WHERE token IN (${sql.join([COMPLETE, ...unique])})`.execute(db);
  if (!rows.rows.some((r) => r.token === COMPLETE)) return null;
  return new Map(rows.rows.filter((r) => r.token !== COMPLETE).map((r) => [r.token, parse(r.implied)]));
}
