import type { Expression, ExpressionBuilder, ReferenceExpression, SqlBool } from 'kysely';

/**
 * Person ids to look up: batches are mostly runs of ids, and a range scan is far cheaper than a
 * list of thousands; ids scattered wider than that are looked up as a list (the ones an edit
 * touches, a merge, the persons a list's rows were linked to). Read as one range, two persons a
 * million ids apart would read every row of the archive between them. Rows of persons between
 * `lo` and `hi` that were not asked for are dropped by the callers.
 */
export interface IdSet {
  lo: number;
  hi: number;
  list: number[] | null;
}

export function idSet(ids: readonly number[]): IdSet {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const id of ids) {
    if (id < lo) lo = id;
    if (id > hi) hi = id;
  }
  return { lo, hi, list: hi - lo + 1 <= 2 * ids.length + 64 ? null : [...ids] };
}

/** The condition "`column` is one of the set's ids": its range, or its list when scattered. */
export function inIdSet<DB, TB extends keyof DB>(
  eb: ExpressionBuilder<DB, TB>,
  column: ReferenceExpression<DB, TB>,
  s: IdSet,
): Expression<SqlBool> {
  return s.list ? eb(column, 'in', s.list) : eb.between(column, s.lo, s.hi);
}
