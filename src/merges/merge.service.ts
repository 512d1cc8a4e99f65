import type { Db, Storage } from '../db/connection.ts';
import { lockForWriting } from '../db/engine.ts';
import type { Actor } from '../editing/editing.service.ts';
import { InputError, NotFoundError } from '../errors.ts';
import { candidatesForPerson } from '../linkage/link.ts';
import { loadPersonDocument } from '../persons/person.document.ts';
import {
  deletePersonTexts,
  findPersonById,
  insertPersonRole,
  insertPersonText,
  listPersonTexts,
  listRoles,
} from '../persons/person.repository.ts';
import { refreshFate } from '../persons/person.service.ts';
import { insertChangeSet, insertRevision } from '../revisions/revision.repository.ts';
import { getMeta, setMeta } from '../sample/sample.repository.ts';
import { drainAfterWrite } from '../search/index/index-drain.ts';
import { reindexAffected } from '../search/index/index-writes.ts';
import {
  countUnmergedPersons,
  deleteParticipation,
  findMerge,
  findStandingMergeOf,
  insertMerge,
  insertParticipation,
  lastRevisionId,
  listContributionIdsAbout,
  listIdsOf,
  listInboundRelationshipIds,
  listListRowLinkIdsOf,
  listParticipations,
  listPersonCitationIds,
  listPersonMediaIds,
  listPersonsRevisedSince,
  listUnmergedPersonIds,
  markMergeUndone,
  movePersonRows,
  pointContributions,
  pointLinksOfRows,
  pointListRowLinks,
  pointPersonCitations,
  pointPersonMedia,
  pointRelationships,
  setDuplicatePairStatus,
  setMergedInto,
  upsertDuplicatePair,
} from './merge.repository.ts';

/*
 * Merging two persons who are one: every statement, participation, list row and citation of the
 * merged person moves to the one that stays, and the merged person's address answers 301 to it
 * forever. The merge records exactly what it moved, so that unmerging is one action that restores
 * both records as they were, rows added to the survivor since staying where they are.
 */

/** What a merge moved, and what it could not move because the survivor had it already. */
export interface Moved {
  names: number[];
  attributes: number[];
  relationships: number[];
  /** Relationships other persons state about the merged person, now pointing at the survivor. */
  inbound: number[];
  /** Links of list rows to the merged person, now to the survivor (not where a row named both). */
  listRowLinks: number[];
  /** Merges recorded before rows could name several persons moved rows; unmerging one moves their links back. */
  listRows?: number[];
  /** Citations of the merged person as a whole. */
  citations: number[];
  /** Photos and scans on the merged person's page (absent from merges made before media). */
  media?: number[];
  /** Contributions about the merged person, so that reviewers see them beside the record that stays. */
  contributions?: number[];
  /** Roles the survivor did not have. */
  roles: string[];
  /** Biographies: moved (the survivor had none in that language) or kept apart (it had one). */
  texts: { lang: string; biography: string; moved: boolean }[];
  /** Event participations: moved, or dropped where the survivor had the same role in the event. */
  participations: { event_id: number; role: string; note: string | null; sort: number; moved: boolean }[];
}

async function loadPerson(db: Db, id: number) {
  const person = await findPersonById(db, id);
  if (!person) throw new NotFoundError(`person ${id}`);
  return person;
}

/** Merges `source` into `target`; returns the merge's id. Refuses a merge into itself or into, or of, a merged record. */
export async function mergePersons(
  storage: Storage,
  actor: Actor,
  input: { source: number; target: number; reason: string | null | undefined },
): Promise<{ mergeId: number; changeSet: number }> {
  const reason = input.reason?.trim() || null;
  if (!reason) throw new InputError('Say why the two records are one person.');
  if (reason.length > 500) throw new InputError('The reason may be at most 500 characters.');
  if (input.source === input.target) throw new InputError('A record cannot be merged into itself.');
  const result = await storage.db.transaction().execute(async (db) => {
    await lockForWriting(db, 'edit');
    const source = await loadPerson(db, input.source);
    const target = await loadPerson(db, input.target);
    if (source.merged_into !== null) throw new InputError(`Person ${source.id} was merged already.`);
    if (target.merged_into !== null)
      throw new InputError(`Person ${target.id} was merged into person ${target.merged_into}; merge into that one.`);
    if (source.status === 'removed' || target.status === 'removed')
      throw new InputError('A removed record cannot be merged; restore it first.');
    const sourceBefore = await loadPersonDocument(db, source.id);

    const moved: Moved = {
      names: await listIdsOf(db, 'names', source.id),
      attributes: await listIdsOf(db, 'attributes', source.id),
      relationships: await listIdsOf(db, 'relationships', source.id),
      inbound: await listInboundRelationshipIds(db, source.id),
      listRowLinks: await listListRowLinkIdsOf(db, source.id, target.id),
      citations: await listPersonCitationIds(db, source.id),
      media: await listPersonMediaIds(db, source.id),
      contributions: await listContributionIdsAbout(db, source.id),
      roles: [],
      texts: [],
      participations: [],
    };
    await movePersonRows(db, 'names', moved.names, target.id);
    await movePersonRows(db, 'attributes', moved.attributes, target.id);
    await movePersonRows(db, 'relationships', moved.relationships, target.id);
    await pointRelationships(db, moved.inbound, target.id);
    await pointListRowLinks(db, moved.listRowLinks, target.id);
    await pointPersonCitations(db, moved.citations, target.id);
    await pointPersonMedia(db, moved.media ?? [], target.id);
    await pointContributions(db, moved.contributions ?? [], target.id);

    const targetRoles = new Set(await listRoles(db, target.id));
    for (const role of await listRoles(db, source.id)) {
      if (targetRoles.has(role)) continue;
      await insertPersonRole(db, target.id, role);
      moved.roles.push(role);
    }
    const targetTexts = new Set((await listPersonTexts(db, target.id)).map((t) => t.lang));
    for (const t of await listPersonTexts(db, source.id)) {
      const move = !targetTexts.has(t.lang);
      moved.texts.push({ lang: t.lang, biography: t.biography, moved: move });
      if (move) await insertPersonText(db, target.id, t.lang, t.biography);
    }
    await deletePersonTexts(db, source.id);
    const targetParts = new Set((await listParticipations(db, target.id)).map((p) => `${p.event_id}:${p.role}`));
    for (const p of await listParticipations(db, source.id)) {
      const move = !targetParts.has(`${p.event_id}:${p.role}`);
      moved.participations.push({ ...p, moved: move });
      await deleteParticipation(db, p.event_id, source.id, p.role);
      if (move) await insertParticipation(db, { ...p, person_id: target.id });
    }
    await setMergedInto(db, source.id, target.id);
    await refreshFate(db, target.id);
    await setDuplicatePairStatus(db, source.id, target.id, 'merged');

    const changeSet = await insertChangeSet(db, { user_id: actor.userId, kind: 'merge', reason });
    await insertRevision(db, {
      change_set_id: changeSet,
      record_type: 'person',
      record_id: source.id,
      action: 'merge',
      snapshot: JSON.stringify({ ...sourceBefore, mergedInto: target.id }),
    });
    await insertRevision(db, {
      change_set_id: changeSet,
      record_type: 'person',
      record_id: target.id,
      action: 'merge',
      snapshot: JSON.stringify(await loadPersonDocument(db, target.id)),
    });
    const mergeId = await insertMerge(db, {
      source_id: source.id,
      target_id: target.id,
      change_set_id: changeSet,
      moved: JSON.stringify(moved),
    });
    // The index follows in the same transaction: the merged person out, the survivor with all it gained.
    const { queued } = await reindexAffected(
      db,
      { persons: [source.id, target.id], listRows: moved.listRows },
      storage.sqlite,
    );
    return { mergeId, changeSet, queued };
  });
  if (result.queued > 0) await drainAfterWrite(storage);
  return { mergeId: result.mergeId, changeSet: result.changeSet };
}

/** Undoes a merge: both records as they were before it, what the survivor gained since kept. */
export async function unmerge(
  storage: Storage,
  actor: Actor,
  input: { mergeId: number; reason?: string | null },
): Promise<{ changeSet: number; source: number; target: number }> {
  const result = await storage.db.transaction().execute(async (db) => {
    await lockForWriting(db, 'edit');
    const merge = await findMerge(db, input.mergeId);
    if (!merge) throw new NotFoundError(`merge ${input.mergeId}`);
    if (merge.undone_by !== null) throw new InputError('This merge was undone already.');
    const target = await loadPerson(db, merge.target_id);
    if (target.merged_into !== null) {
      const later = await findStandingMergeOf(db, target.id);
      throw new InputError(
        `Person ${target.id} was itself merged into person ${target.merged_into} since; undo that merge${later ? ` (${later.id})` : ''} first.`,
      );
    }
    const moved = JSON.parse(merge.moved) as Moved;
    const source = merge.source_id;
    await movePersonRows(db, 'names', moved.names, source);
    await movePersonRows(db, 'attributes', moved.attributes, source);
    await movePersonRows(db, 'relationships', moved.relationships, source);
    await pointRelationships(db, moved.inbound, source);
    await pointListRowLinks(db, moved.listRowLinks ?? [], source);
    await pointLinksOfRows(db, moved.listRows ?? [], target.id, source);
    await pointPersonCitations(db, moved.citations, source);
    await pointPersonMedia(db, moved.media ?? [], source);
    await pointContributions(db, moved.contributions ?? [], source);
    for (const role of moved.roles) {
      await db.deleteFrom('person_roles').where('person_id', '=', target.id).where('role', '=', role).execute();
    }
    for (const t of moved.texts) {
      if (t.moved)
        await db.deleteFrom('person_texts').where('person_id', '=', target.id).where('lang', '=', t.lang).execute();
      await insertPersonText(db, source, t.lang, t.biography);
    }
    for (const p of moved.participations) {
      if (p.moved) await deleteParticipation(db, p.event_id, target.id, p.role);
      await insertParticipation(db, {
        event_id: p.event_id,
        person_id: source,
        role: p.role,
        note: p.note,
        sort: p.sort,
      });
    }
    await setMergedInto(db, source, null);
    await refreshFate(db, source);
    await refreshFate(db, target.id);
    await setDuplicatePairStatus(db, source, target.id, 'open');
    const changeSet = await insertChangeSet(db, {
      user_id: actor.userId,
      kind: 'unmerge',
      reason: input.reason?.trim() || `unmerge of merge ${merge.id}`,
    });
    for (const id of [source, target.id]) {
      await insertRevision(db, {
        change_set_id: changeSet,
        record_type: 'person',
        record_id: id,
        action: 'unmerge',
        snapshot: JSON.stringify(await loadPersonDocument(db, id)),
      });
    }
    await markMergeUndone(db, merge.id, changeSet);
    const { queued } = await reindexAffected(
      db,
      { persons: [source, target.id], listRows: moved.listRows },
      storage.sqlite,
    );
    return { changeSet, source, target: target.id, queued };
  });
  if (result.queued > 0) await drainAfterWrite(storage);
  return { changeSet: result.changeSet, source: result.source, target: result.target };
}

/**
 * Finds likely duplicates of the given persons by record linkage and keeps the pairs above the
 * review threshold for the duplicates page; returns how many pairs it stored.
 */
export async function findDuplicates(
  storage: Storage,
  personIds: readonly number[],
  options: { minWeight: number },
): Promise<number> {
  let stored = 0;
  for (const id of personIds) {
    for (const c of await candidatesForPerson(storage, id, { limit: 3 })) {
      if (c.weight < options.minWeight) continue;
      const [a, b] = id < c.personId ? [id, c.personId] : [c.personId, id];
      await upsertDuplicatePair(storage.db, {
        person_a: a,
        person_b: b,
        weight: c.weight,
        evidence: JSON.stringify(c.evidence),
      });
      stored++;
    }
  }
  return stored;
}

/** The last revision whose persons a scan for duplicates has looked at (in `meta`). */
const SCANNED_THROUGH = 'duplicates.scanned_through_revision';
/** Persons read per page when a scan walks the whole archive. */
const SCAN_PAGE = 1000;

/**
 * What a scan of the changed persons (scanForDuplicates) would compare now: every person before
 * the archive's first scan, else the persons created or changed since the last.
 */
export async function pendingDuplicateScan(db: Db): Promise<{ scope: 'all' | 'changed'; persons: number }> {
  const mark = await getMeta(db, SCANNED_THROUGH);
  if (mark === undefined) return { scope: 'all', persons: await countUnmergedPersons(db) };
  return { scope: 'changed', persons: (await listPersonsRevisedSince(db, Number(mark))).length };
}

export interface DuplicateScan {
  /** `all` walked every person; `changed` only those revised since the last scan. */
  scope: 'all' | 'changed' | 'persons';
  persons: number;
  pairs: number;
}

/**
 * Looks for likely duplicates and keeps them for the duplicates page: of the given persons, of
 * every person (`all`), or of the persons created or changed since the last scan (`changed`; the
 * first scan of an archive walks it whole). A scan of all or the changed records the revision it
 * reached, so that the next one starts there; pairs an editor already decided stay decided.
 */
export async function scanForDuplicates(
  storage: Storage,
  options: {
    scope: 'all' | 'changed' | readonly number[];
    minWeight: number;
    onProgress?: (p: { done: number; total?: number }) => void;
  },
): Promise<DuplicateScan> {
  const reached = await lastRevisionId(storage.db);
  const mark = await getMeta(storage.db, SCANNED_THROUGH);
  let persons = 0;
  let pairs = 0;
  const scan = async (ids: readonly number[], total?: number) => {
    pairs += await findDuplicates(storage, ids, options);
    persons += ids.length;
    options.onProgress?.({ done: persons, total });
  };
  if (typeof options.scope !== 'string') {
    await scan(options.scope, options.scope.length);
    return { scope: 'persons', persons, pairs };
  }
  // The first scan of an archive has no mark to start from: it walks it whole.
  const scope = options.scope === 'changed' && mark !== undefined ? 'changed' : 'all';
  if (scope === 'changed') {
    const ids = await listPersonsRevisedSince(storage.db, Number(mark));
    for (let i = 0; i < ids.length; i += SCAN_PAGE) await scan(ids.slice(i, i + SCAN_PAGE), ids.length);
  } else {
    const total = await countUnmergedPersons(storage.db);
    for (let after = 0; ; ) {
      const ids = await listUnmergedPersonIds(storage.db, after, SCAN_PAGE);
      if (ids.length === 0) break;
      await scan(ids, total);
      after = ids[ids.length - 1] as number;
    }
  }
  await setMeta(storage.db, SCANNED_THROUGH, String(reached));
  return { scope, persons, pairs };
}
