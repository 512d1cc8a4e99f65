/*
 * A record's row as an array in the order of its table's column list. Each domain's row builder
 * (`src/<domain>/<domain>.rows.ts`) makes one from the same input its service takes, so that a
 * derived column (a sort key, a date's bounds) is computed in one place for both the service's
 * INSERT and the bulk writer's queues, which take arrays to spare an object per row.
 */

/** The values of `columns`, in their order, typed by the table's insert types. */
export type RowOf<T, C extends readonly (keyof T)[]> = { -readonly [I in keyof C]: T[C[I] & keyof T] };

/**
 * The object Kysely inserts, from a row made by a row builder: the bulk writer's arrays and a
 * service's insert then cannot disagree about which value goes in which column. `T` is the
 * table's insert type, which TypeScript cannot infer from the row.
 */
export function rowValues<T, C extends readonly (keyof T & string)[]>(
  columns: C,
  row: RowOf<T, C>,
): Pick<T, C[number]> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < columns.length; i++) out[columns[i] as string] = row[i];
  return out as Pick<T, C[number]>;
}
