import { GoneError, NotFoundError } from '../errors.ts';

/** Publication status of a record or statement: a draft is seen only by signed-in editors. */
export const STATUSES = ['draft', 'published'] as const;
export type Status = (typeof STATUSES)[number];

/** The status of a removed record: its address answers 410 (see src/editing/). */
export const REMOVED = 'removed';

/**
 * Lets a public page show the record only when it is published: a missing or draft record is not
 * found (a draft is not announced), a removed one is gone. `kind` is its path segment (`persons`).
 */
export function assertPublic<T extends { status: string }>(
  kind: string,
  id: number,
  row: T | null | undefined,
): asserts row is T {
  if (!row) throw new NotFoundError(`${kind} ${id}`);
  if (row.status === REMOVED) throw new GoneError(kind, id);
  if (row.status !== 'published') throw new NotFoundError(`${kind} ${id} is not published`);
}
