import type { Db } from '../db/connection.ts';
import { listRowsOfSource } from '../sources/source.repository.ts';
import { listRowView } from '../sources/source-page.ts';
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
    for (const raw of batch) {
      const r = listRowView(raw);
      yield [
        r.position,
        ...columns.map((c) => r.cells[c.key] ?? ''),
        r.person?.id ?? null,
        r.person?.name ?? null,
        r.person ? `${origin}/persons/${r.person.id}` : null,
        r.status,
        r.note,
      ];
    }
    const last = batch.at(-1);
    if (!last || batch.length < BATCH) return;
    after = last.position;
  }
}
