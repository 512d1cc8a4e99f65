import type { Db } from '../../db/connection.ts';
import { engineOf } from '../../db/engine.ts';
import { lastTextRecord } from './text-doc.repository.ts';
import type { TextKind } from './text-index.ts';
import { textIndexFor } from './text-index-for.ts';

/** The full-text index of the archive that `db` (or a transaction on it) belongs to. */
function indexOf(db: Db) {
  return textIndexFor({ engine: engineOf(db), db });
}

/**
 * Writes the full-text entries of the records of `kind` with refs from `first` to `last` again
 * from the archive, in the caller's transaction; returns how many texts it wrote.
 */
export function reindexTexts(db: Db, kind: TextKind, first: number, last: number): Promise<number> {
  return indexOf(db).replace(kind, first, last);
}

/**
 * The largest ref of `kind` that the archive or the index holds: a rebuild of that kind runs up
 * to it, so that entries of records removed since are dropped too.
 */
export async function lastTextRef(db: Db, kind: TextKind): Promise<number> {
  return Math.max(await lastTextRecord(db, kind), await indexOf(db).lastIndexedRef(kind));
}
