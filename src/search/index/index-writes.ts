import type { Db, Storage } from '../../db/connection.ts';
import { lockForWriting } from '../../db/engine.ts';
import type { TextKind } from '../texts/text-index.ts';
import { reindexTexts } from '../texts/text-indexer.ts';
import {
  listEventPersons,
  listMainEvents,
  listPersonsOfEvents,
  listPersonsOfSources,
  listPlacesWithin,
  listRowPersons,
} from './affected.repository.ts';
import { hasEntries, insertQueueEntries, listEntries } from './index-queue.repository.ts';
import { NAME_KINDS, type QueueKind, runsOf } from './index-queue.ts';
import { maxPersonId } from './search-doc.repository.ts';
import { indexPersonsIn } from './search-indexer.ts';

/**
 * What a write changed, by the records it touched, each as it is after the write. The search
 * layer works out whose index entries that touches:
 * - `persons`: a person's own fields, names, roles, biographies, status or merge, or what they
 *   cite; also the persons a write took something from (the old person of a list row linked
 *   elsewhere, the participants of a removed event, both sides of a merge);
 * - `events`: an event's fields, participants, descriptions or citations (a removed variant's main
 *   event too);
 * - `listRows`: rows added, changed or removed (their text, and the person each is linked to now);
 * - `documents`: sources whose document texts changed;
 * - `sources`: sources removed, or whose citations changed wholesale: everyone citing them or
 *   listed on them (a title needs nothing: the index holds sources by id);
 * - `places`: places moved under another parent, merged or removed: everyone with an event at
 *   them or within them (a place's names need nothing: results read them when shown);
 * - `organizations`: organizations merged or removed: everyone whose events name them.
 */
export interface IndexChange {
  persons?: readonly number[];
  events?: readonly number[];
  listRows?: readonly number[];
  documents?: readonly number[];
  sources?: readonly number[];
  places?: readonly number[];
  organizations?: readonly number[];
}

export interface IndexWriteReport {
  /** Persons and text records written now, in the caller's transaction. */
  written: number;
  /** Records left to the queue (drainIndexQueue), written by the same transaction. */
  queued: number;
}

/**
 * Persons a write may bring up to date in its own transaction; beyond that, what it touched is
 * queued and written by drainIndexQueue, in batches, after the write commits.
 */
export const DIRECT_PERSONS = 2_000;
/** Text records a write brings up to date itself; beyond that they are queued. */
export const DIRECT_TEXTS = 5_000;

/**
 * Brings the search indexes up to date with a write, in the write's own transaction: the name
 * index entries of every person it touched (facets, counts and stored bitsets with them) and the
 * full-text entries of every text it touched, or, where that is more than a transaction should
 * carry, entries in the index queue, written by the same transaction so that nothing pending is
 * lost. Call it after the write, before committing; when `queued` is above 0, call
 * drainIndexQueue after the commit for the change to be searchable.
 *
 * @example
 *   await db.transaction().execute(async (trx) => {
 *     await lockForWriting(trx, 'persons');
 *     const id = await createPerson(trx, input);
 *     await reindexAffected(trx, { persons: [id] });
 *   });
 */
export async function reindexAffected(
  trx: Db,
  change: IndexChange,
  /** SQLite's raw handle of the storage the transaction runs on, for faster index writes. */
  sqlite?: Storage['sqlite'],
): Promise<IndexWriteReport> {
  // Index writes read before they write (implications, bitsets): one writer at a time.
  await lockForWriting(trx, 'search-index');
  const report: IndexWriteReport = { written: 0, queued: 0 };
  const queue: { kind: QueueKind; ref: number | null; first: number; last: number }[] = [];
  const enqueue = (kind: QueueKind, ids: Iterable<number>) => {
    for (const [first, last] of runsOf(ids)) {
      queue.push({ kind, ref: null, first, last });
      report.queued += last - first + 1;
    }
  };

  const persons = new Set(change.persons ?? []);
  const add = (ids: readonly number[]) => {
    for (const id of ids) persons.add(id);
  };
  add(await listEventPersons(trx, change.events ?? []));
  add(await listRowPersons(trx, change.listRows ?? []));
  const fanOuts: [QueueKind, readonly number[], (ids: readonly number[]) => Promise<number[]>][] = [
    [
      'place',
      change.places ?? [],
      async (p) => listPersonsOfEvents(trx, 'place_id', await listPlacesWithin(trx, p), DIRECT_PERSONS + 1),
    ],
    ['source', change.sources ?? [], (s) => listPersonsOfSources(trx, s, DIRECT_PERSONS + 1)],
    [
      'organization',
      change.organizations ?? [],
      (o) => listPersonsOfEvents(trx, 'organization_id', o, DIRECT_PERSONS + 1),
    ],
  ];
  for (const [kind, refs, lookUp] of fanOuts) {
    if (refs.length === 0) continue;
    const found = await lookUp(refs);
    if (found.length <= DIRECT_PERSONS) add(found);
    else {
      // Too many to look up here: the drain looks for them among every person, a range at a time.
      const last = await maxPersonId(trx);
      for (const ref of new Set(refs)) queue.push({ kind, ref, first: 1, last });
      report.queued += last * new Set(refs).size;
    }
  }

  // A rebuild under way has not reached persons from its `first` on: it reads them later, and
  // the index must not hold them before. Others are written now; while the queue holds name work,
  // a drain may have read them already and write what it read later, so they are queued too.
  const rebuild = (await listEntries(trx, 'rebuild', 1))[0];
  const direct = [...persons].filter((id) => !rebuild || id < rebuild.first);
  enqueue(
    'persons',
    [...persons].filter((id) => rebuild && id >= rebuild.first),
  );
  if (direct.length > DIRECT_PERSONS) enqueue('persons', direct);
  else if (direct.length > 0) {
    report.written += await indexPersonsIn(trx, direct, sqlite);
    if (await hasEntries(trx, NAME_KINDS)) enqueue('persons', direct);
  }

  const texts: [TextKind, readonly number[]][] = [
    ['biography', change.persons ?? []],
    ['event', await listMainEvents(trx, change.events ?? [])],
    ['document', [...(change.documents ?? []), ...(change.sources ?? [])]],
    ['list-row', change.listRows ?? []],
  ];
  for (const [kind, refs] of texts) {
    if (refs.length > DIRECT_TEXTS) enqueue(kind, refs);
    else for (const [first, last] of runsOf(refs)) report.written += await reindexTexts(trx, kind, first, last);
  }
  await insertQueueEntries(trx, queue);
  return report;
}
