import { aggregate } from '../db/aggregate-cache.ts';
import type { Db, Storage } from '../db/connection.ts';
import { countListedPersons } from '../persons/person-index.repository.ts';
import { factColumns } from '../search/facts/fact-columns.ts';
import { countByFate, countRecords } from './archive.repository.ts';
import { countArchiveFacets } from './archive-facets.ts';

/** Counts over the whole archive, remembered when they are slow to compute (see aggregate-cache.ts). */
export const archiveCounts = {
  records: (db: Db) => aggregate(db, 'records', () => countRecords(db)),
  byFate: (db: Db) => aggregate(db, 'by-fate', () => countByFate(db)),
  listedPersons: (db: Db) => aggregate(db, 'listed-persons', () => countListedPersons(db)),
  facets: (storage: Storage) => aggregate(storage.db, 'facets', () => countArchiveFacets(storage)),
};

/** Computes every whole-archive count once, so that the first visitors of a big archive need not wait. */
export async function warmArchiveCounts(storage: Storage): Promise<void> {
  const { db } = storage;
  await Promise.all([
    archiveCounts.records(db),
    archiveCounts.byFate(db),
    archiveCounts.listedPersons(db),
    archiveCounts.facets(storage),
    // The facts maps and statistics count for a search, read into this process's memory.
    factColumns(db),
  ]);
}
