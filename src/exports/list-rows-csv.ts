import type { Db } from '../db/connection.ts';
import { listRowsOfSource } from '../sources/source.repository.ts';
import { listRowViewsOf } from '../sources/source-page.ts';
import type { CsvValue } from './csv.ts';

const BATCH = 1_000;

/** The columns of a list's CSV: its own columns as written, then the link to a person. */
export function listRowsHeader(columns: readonly { label: string }[]): string[] {
  return ['position', ...columns.map((c) => c.label), 'person_id', 'person', 'person_url', 'link_status', 'note'];
}

/** Every row of a list in order, read in batches so that a list of any length streams. */
export async function* listRowsCsvRows(
  db: Db,
  sourceId: number,
  columns: readonly { key: string }[],
  origin: string,
): AsyncGenerator<CsvValue[]> {
  // Below any position: the column is a 32-bit integer on PostgreSQL.
  let after = -(2 ** 31);
  for (;;) {
    const batch = await listRowsOfSource(db, sourceId, { afterPosition: after, limit: BATCH });
    for (const r of await listRowViewsOf(db, batch)) {
      // A row naming several persons gives each of them, in the same order in each column.
      const persons = r.persons;
      yield [
        r.position,
        ...columns.map((c) => r.cells[c.key] ?? ''),
        persons.length > 0 ? persons.map((p) => p.id).join(' ') : null,
        persons.length > 0 ? persons.map((p) => p.name).join('; ') : null,
        persons.length > 0 ? persons.map((p) => `${origin}/persons/${p.id}`).join(' ') : null,
        persons.length > 0 ? persons.map((p) => p.status).join(' ') : null,
        r.note,
      ];
    }
    const last = batch.at(-1);
    if (!last || batch.length < BATCH) return;
    after = last.position;
  }
}
