import type { Db, Storage } from '../db/connection.ts';
import type { Actor } from '../editing/editing.service.ts';
import { userNames } from '../editing/history.service.ts';
import { listEventsOfPersonForEditing } from '../editing/reference.repository.ts';
import { InputError, NotFoundError } from '../errors.ts';
import type { LinkEvidence } from '../linkage/link.ts';
import { loadPersonDocument, type PersonDocument } from '../persons/person.document.ts';
import { findPersonById } from '../persons/person.repository.ts';
import {
  findStandingMergeOf,
  listMergeDetails,
  listOpenDuplicatePairs,
  setDuplicatePairStatus,
} from './merge.repository.ts';
import { unmerge } from './merge.service.ts';

/*
 * What the merge pages and the merge API read and do around mergePersons and unmerge: a person as
 * a merge candidate, merges with who made them, the open duplicate pairs, a pair dismissed, and a
 * person unmerged by its own number.
 */

/** A person to merge, with its document and events; refuses a merged or removed one. */
export async function loadMergeCandidate(db: Db, id: number) {
  const person = await findPersonById(db, id);
  if (!person) throw new NotFoundError(`person ${id}`);
  const doc = (await loadPersonDocument(db, id)) as PersonDocument;
  const events = await listEventsOfPersonForEditing(db, id);
  return { person, doc, events };
}

export interface MergeDetail {
  id: number;
  source: number;
  target: number;
  sourceName: string;
  targetName: string;
  at: string;
  by: string | null;
  reason: string | null;
  undone: boolean;
}

export async function listMerges(db: Db, where: { id: number } | { personId: number }): Promise<MergeDetail[]> {
  const rows = await listMergeDetails(db, where);
  const names = rows.some((r) => r.user_id !== null) ? await userNames(db) : new Map<number, string>();
  return rows.map((r) => ({
    id: r.id,
    source: r.source_id,
    target: r.target_id,
    sourceName: r.source_name,
    targetName: r.target_name,
    at: String(r.created_at),
    by: r.user_id === null ? null : (names.get(r.user_id) ?? `#${r.user_id}`),
    reason: r.reason,
    undone: r.undone_by !== null,
  }));
}

export async function getMerge(db: Db, id: number): Promise<MergeDetail> {
  const [merge] = await listMerges(db, { id });
  if (!merge) throw new NotFoundError(`merge ${id}`);
  return merge;
}

/** The standing merge that made a person a redirect, if any. */
export async function standingMergeOf(db: Db, personId: number): Promise<number | null> {
  return (await findStandingMergeOf(db, personId))?.id ?? null;
}

export interface DuplicatePair {
  a: number;
  b: number;
  aName: string;
  bName: string;
  weight: number;
  evidence: LinkEvidence[];
}

export async function listDuplicatePairs(db: Db, page: { limit: number; offset: number }): Promise<DuplicatePair[]> {
  const rows = await listOpenDuplicatePairs(db, page);
  return rows.map((r) => ({
    a: r.person_a,
    b: r.person_b,
    aName: r.a_name,
    bName: r.b_name,
    weight: r.weight,
    evidence: JSON.parse(r.evidence) as LinkEvidence[],
  }));
}

/** Marks a pair as two people, so that record linkage does not offer it again. */
export async function dismissDuplicatePair(db: Db, a: number, b: number): Promise<void> {
  if (a === b) throw new InputError('A pair is two different persons.');
  await setDuplicatePairStatus(db, a, b, 'dismissed');
}

/** Unmerges the person merged into another, by the merged person's number. */
export async function unmergePerson(storage: Storage, actor: Actor, personId: number, reason: string | null) {
  const person = await findPersonById(storage.db, personId);
  if (!person) throw new NotFoundError(`person ${personId}`);
  const mergeId = await standingMergeOf(storage.db, personId);
  if (mergeId === null || person.merged_into === null)
    throw new InputError(`Person ${personId} is not merged into another; unmerge the person that was merged.`);
  if (reason !== null && reason.length > 500) throw new InputError('The reason may be at most 500 characters.');
  return { mergeId, ...(await unmerge(storage, actor, { mergeId, reason })) };
}
