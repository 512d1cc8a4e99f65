import type { z } from 'zod';
import type { Db, Storage } from '../db/connection.ts';
import { lockForWriting } from '../db/engine.ts';
import { EditConflictError, GoneError, InputError, InvalidRecordError, NotFoundError } from '../errors.ts';
import {
  applyChanges,
  type Doc,
  diffDocuments,
  type FieldChange,
  formatPath,
  overlaps,
  type Step,
} from '../revisions/document-diff.ts';
import {
  fillSnapshot,
  findChangeSet,
  findRevision,
  insertChangeSet,
  insertRevision,
  latestRevision,
  listChangeSetRevisions,
  listRevisionsAfter,
  markReverted,
  previousRevision,
  type RevisionRow,
} from '../revisions/revision.repository.ts';
import { type ChangeSetKind, RECORD_PATHS, type RecordType, type RevisionAction } from '../revisions/revision.ts';
import { drainAfterWrite } from '../search/index/index-drain.ts';
import { type IndexChange, reindexAffected } from '../search/index/index-writes.ts';
import { type RecordKind, recordKind } from './record-kinds.ts';
import { checkReferences } from './references.ts';

/*
 * Editing: every write of a record through the web or the API goes through here, in one
 * transaction that applies the record's document, records a revision in a change set (who, when,
 * why, the document after) and keeps the search index true. History, diff, revert and undo work
 * on those documents (src/revisions/document-diff.ts).
 */

/** Who makes a change: a signed-in user, or the system (null) for loads and migrations. */
export interface Actor {
  userId: number | null;
}

export interface Saved {
  id: number;
  /** The record's revision after the write: what an ETag names and the next edit starts from. */
  revision: number;
  doc: Doc;
  /** False when the document was already what the record holds: nothing was written. */
  changed: boolean;
  /**
   * Set when the search index of what the write touched is still being written in the background
   * (drainAfterWrite): the persons written so far.
   */
  indexing?: number;
}

export interface SaveInput {
  type: RecordType;
  /** The record to change; absent to create one. */
  id?: number;
  /** The whole document as submitted, not yet validated. */
  doc: unknown;
  /** The revision the edit was made on; a newer one means someone saved meanwhile. */
  baseRevision?: number | null;
  reason?: string | null;
  kind?: ChangeSetKind;
}

const MAX_REASON = 500;

/** Validates a submitted document; each problem names its field. */
export function validateDocument(kind: RecordKind, input: unknown): Doc {
  const result = (kind.schema as z.ZodType<Doc, unknown>).safeParse(input);
  if (result.success) return result.data;
  throw new InvalidRecordError(result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
}

function checkReason(reason: string | null | undefined): string | null {
  const r = reason?.trim() || null;
  if (r && r.length > MAX_REASON) throw new InputError(`The reason may be at most ${MAX_REASON} characters.`);
  return r;
}

/** The document a revision left, reading the record itself where a bulk write left it unsaid. */
async function snapshotOf(db: Db, kind: RecordKind, revision: RevisionRow): Promise<Doc | null> {
  if (revision.snapshot !== null) return JSON.parse(revision.snapshot) as Doc;
  // Only a revision no later one follows has no snapshot: the record is still as it left it.
  return kind.load(db, revision.record_id);
}

/**
 * The record's latest revision, recording one of its present state first where it has no
 * history yet (a record made before revisions were kept), so that every change has a before.
 */
async function currentRevision(db: Db, kind: RecordKind, id: number, userId: number | null): Promise<RevisionRow> {
  const latest = await latestRevision(db, kind.type, id);
  if (latest) {
    if (latest.snapshot === null) {
      const doc = await kind.load(db, id);
      if (doc) await fillSnapshot(db, latest.id, JSON.stringify(doc));
      return (await findRevision(db, latest.id)) as RevisionRow;
    }
    return latest;
  }
  const doc = await kind.load(db, id);
  const set = await insertChangeSet(db, { user_id: userId, kind: 'import', reason: 'as it was before its first edit' });
  const rid = await insertRevision(db, {
    change_set_id: set,
    record_type: kind.type,
    record_id: id,
    action: 'create',
    snapshot: JSON.stringify(doc),
  });
  return (await findRevision(db, rid)) as RevisionRow;
}

/**
 * Refuses an edit made on another version than the record's latest: `base` is the revision the
 * editor started from (0 for a record that had no history then; undefined: no check).
 */
async function checkBase(db: Db, kind: RecordKind, id: number, base: number | null | undefined): Promise<void> {
  if (base === undefined || base === null) return;
  const latest = (await latestRevision(db, kind.type, id))?.id ?? 0;
  if (base !== latest) throw new EditConflictError(latest, base);
}

interface Written {
  saved: Saved;
  change: IndexChange;
}

/**
 * Runs a write in one transaction under the archive's write lock, bringing the search indexes up
 * to date in that transaction too (reindexAffected), so that no crash can leave the one without
 * the other; what was too much to write there is queued by it and written before returning.
 */
async function write(storage: Storage, work: (trx: Db) => Promise<Written>): Promise<Saved> {
  const { saved, queued } = await storage.db.transaction().execute(async (trx) => {
    await lockForWriting(trx, 'edit');
    const { saved, change } = await work(trx);
    return { saved, queued: (await reindexAffected(trx, change, storage.sqlite)).queued };
  });
  if (queued > 0) {
    const drained = await drainAfterWrite(storage);
    if (drained.stopped) return { ...saved, indexing: drained.persons };
  }
  return saved;
}

/** Both changes at once. */
function joined(a: IndexChange, b: IndexChange): IndexChange {
  const out: Record<string, number[]> = {};
  for (const change of [a, b]) {
    for (const [key, ids] of Object.entries(change)) out[key] = [...new Set([...(out[key] ?? []), ...(ids ?? [])])];
  }
  return out;
}

/** Where a write's revisions go: a change set of their own, or one that several writes share. */
type ChangeSetFor = (db: Db) => Promise<number>;

const ownChangeSet =
  (actor: Actor, set: { kind: ChangeSetKind; reason: string | null }): ChangeSetFor =>
  (db) =>
    insertChangeSet(db, { user_id: actor.userId, kind: set.kind, reason: set.reason });

/** Records one revision of a record in a change set of its own; returns the revision's id. */
async function record(
  db: Db,
  actor: Actor,
  kind: RecordKind,
  id: number,
  action: RevisionAction,
  doc: Doc | null,
  set: { kind: ChangeSetKind; reason: string | null } | ChangeSetFor,
): Promise<number> {
  const changeSet = await (typeof set === 'function' ? set : ownChangeSet(actor, set))(db);
  return insertRevision(db, {
    change_set_id: changeSet,
    record_type: kind.type,
    record_id: id,
    action,
    snapshot: doc === null ? null : JSON.stringify(doc),
  });
}

/** Creates or changes one record in the caller's transaction, its revision in the change set given. */
async function saveIn(db: Db, actor: Actor, input: SaveInput, changeSet: ChangeSetFor): Promise<Written> {
  const kind = recordKind(input.type);
  const doc = validateDocument(kind, input.doc);
  if (input.id === undefined) {
    await checkReferences(db, kind.type, doc);
    const id = await kind.create(db, doc);
    await kind.apply(db, id, doc);
    const after = (await kind.load(db, id)) as Doc;
    const revision = await record(db, actor, kind, id, 'create', after, changeSet);
    return { saved: { id, revision, doc: after, changed: true }, change: kind.affects(id, null, after) };
  }
  const id = input.id;
  const state = await kind.state(db, id);
  if (state === null || state === 'merged') throw new NotFoundError(`${kind.type} ${id}`);
  if (state === 'removed') throw new GoneError(RECORD_PATHS[kind.type], id);
  await checkBase(db, kind, id, input.baseRevision);
  await checkReferences(db, kind.type, doc, id);
  const current = await currentRevision(db, kind, id, actor.userId);
  const before = await kind.load(db, id);
  await kind.apply(db, id, doc);
  const after = (await kind.load(db, id)) as Doc;
  if (diffDocuments(before, after).length === 0) {
    return { saved: { id, revision: current.id, doc: after, changed: false }, change: {} };
  }
  const revision = await record(db, actor, kind, id, 'update', after, changeSet);
  return { saved: { id, revision, doc: after, changed: true }, change: kind.affects(id, before, after) };
}

/** Creates a record from a document, or makes an existing one what the document says. */
export async function saveRecord(storage: Storage, actor: Actor, input: SaveInput): Promise<Saved> {
  validateDocument(recordKind(input.type), input.doc);
  const set = ownChangeSet(actor, { kind: input.kind ?? 'edit', reason: checkReason(input.reason) });
  return write(storage, (db) => saveIn(db, actor, input, set));
}

/**
 * Saves several records as one change (a person made from a list row, and the row's link to
 * them): in one transaction, every revision in one change set, which reverting undoes as a whole,
 * and the search indexes brought up to date in it. `work` saves each record through `save`;
 * returns what it returns, and the change set (null when nothing changed).
 */
export async function saveRecordsTogether<T>(
  storage: Storage,
  actor: Actor,
  set: { kind?: ChangeSetKind; reason?: string | null },
  work: (save: (input: Omit<SaveInput, 'kind' | 'reason'>) => Promise<Saved>) => Promise<T>,
): Promise<{ result: T; changeSet: number | null }> {
  const reason = checkReason(set.reason);
  let changeSet: number | null = null;
  const shared: ChangeSetFor = async (db) => {
    changeSet ??= await insertChangeSet(db, { user_id: actor.userId, kind: set.kind ?? 'edit', reason });
    return changeSet;
  };
  const { result, queued } = await storage.db.transaction().execute(async (db) => {
    await lockForWriting(db, 'edit');
    let change: IndexChange = {};
    const result = await work(async (input) => {
      const written = await saveIn(db, actor, input, shared);
      change = joined(change, written.change);
      return written.saved;
    });
    return { result, queued: (await reindexAffected(db, change, storage.sqlite)).queued };
  });
  if (queued > 0) await drainAfterWrite(storage);
  return { result, changeSet };
}

/** Removes a record with a reason: its page then answers 410, and it can be restored. */
export async function removeRecord(
  storage: Storage,
  actor: Actor,
  input: { type: RecordType; id: number; reason: string | null | undefined; baseRevision?: number | null },
): Promise<Saved> {
  const kind = recordKind(input.type);
  const reason = checkReason(input.reason);
  if (!reason) throw new InputError('Say why the record is removed.');
  return write(storage, async (db) => {
    const state = await kind.state(db, input.id);
    if (state === null || state === 'merged') throw new NotFoundError(`${kind.type} ${input.id}`);
    if (state === 'removed') throw new GoneError(RECORD_PATHS[kind.type], input.id);
    await checkBase(db, kind, input.id, input.baseRevision);
    await currentRevision(db, kind, input.id, actor.userId);
    const doc = (await kind.load(db, input.id)) as Doc;
    await kind.setRemoved(db, input.id, true);
    const revision = await record(db, actor, kind, input.id, 'remove', doc, { kind: 'edit', reason });
    return {
      saved: { id: input.id, revision, doc, changed: true },
      change: kind.affects(input.id, doc, null),
    };
  });
}

/** Merges move statements between two records; only unmerging (src/merges/) takes one back whole. */
const MERGE_ACTIONS = new Set(['merge', 'unmerge']);
const MERGED_BETWEEN = 'A merge or unmerge lies between; undo it from its merge page, not from the history.';

/**
 * Makes a record what it was at an earlier revision (a new revision itself); a removed record is
 * restored by reverting to its revision before the removal.
 */
export async function revertToRevision(
  storage: Storage,
  actor: Actor,
  input: { revisionId: number; reason?: string | null },
): Promise<Saved> {
  const reason = checkReason(input.reason);
  return write(storage, async (db) => {
    const target = await findRevision(db, input.revisionId);
    if (!target) throw new NotFoundError(`revision ${input.revisionId}`);
    const kind = recordKind(target.record_type as RecordType);
    const id = target.record_id;
    const state = await kind.state(db, id);
    if (state === null || state === 'merged') throw new NotFoundError(`${kind.type} ${id}`);
    await currentRevision(db, kind, id, actor.userId);
    const later = await listRevisionsAfter(db, target.record_type, id, target.id);
    if (later.some((r) => MERGE_ACTIONS.has(r.action))) throw new InputError(MERGED_BETWEEN);
    const doc = await snapshotOf(db, kind, target);
    if (!doc) throw new InputError('That revision holds no record to go back to.');
    const before = state === 'removed' ? null : await kind.load(db, id);
    if (state === 'removed') await kind.setRemoved(db, id, false);
    await kind.apply(db, id, doc);
    const after = (await kind.load(db, id)) as Doc;
    const action: RevisionAction = state === 'removed' ? 'restore' : 'revert';
    const revision = await record(db, actor, kind, id, action, after, {
      kind: 'revert',
      reason: reason ?? `back to revision ${target.id}`,
    });
    return { saved: { id, revision, doc: after, changed: true }, change: kind.affects(id, before, after) };
  });
}

/** The changes one revision made, and the document before it. */
export async function revisionChanges(
  db: Db,
  revision: RevisionRow,
): Promise<{ before: Doc | null; after: Doc | null; changes: FieldChange[] }> {
  const kind = recordKind(revision.record_type as RecordType);
  const previous = await previousRevision(db, revision);
  const before = previous ? await snapshotOf(db, kind, previous) : null;
  const after = revision.action === 'remove' ? null : await snapshotOf(db, kind, revision);
  return { before, after, changes: diffDocuments(before, after) };
}

/** Undoing a change is refused where a later change touched the same fields. */
export class UndoConflictError extends InputError {
  override name = 'UndoConflictError';
  /** The fields both changed, as `names[#12].surname`. */
  readonly fields: string[];
  constructor(
    /** The paths of those fields, to be put in words against the record's document. */
    readonly paths: Step[][],
  ) {
    super('A later change touched the same fields; compare the revisions and revert by hand.');
    this.fields = paths.map(formatPath);
  }
}

/**
 * Takes back the changes of one revision, keeping what later revisions changed elsewhere; refused
 * when a later revision touched the same fields (UndoConflictError).
 */
export async function undoRevision(
  storage: Storage,
  actor: Actor,
  input: { revisionId: number; reason?: string | null },
): Promise<Saved> {
  const reason = checkReason(input.reason);
  return write(storage, async (db) => {
    const target = await findRevision(db, input.revisionId);
    if (!target) throw new NotFoundError(`revision ${input.revisionId}`);
    const kind = recordKind(target.record_type as RecordType);
    const id = target.record_id;
    const state = await kind.state(db, id);
    if (state === null || state === 'merged') throw new NotFoundError(`${kind.type} ${id}`);
    if (state === 'removed' || target.action === 'remove' || target.action === 'create') {
      throw new InputError('Only an edit can be undone; restore or revert a removed record instead.');
    }
    if (MERGE_ACTIONS.has(target.action)) throw new InputError(MERGED_BETWEEN);
    const { changes } = await revisionChanges(db, target);
    await currentRevision(db, kind, id, actor.userId);
    const current = (await kind.load(db, id)) as Doc;
    const targetDoc = (await snapshotOf(db, kind, target)) as Doc;
    const later = diffDocuments(targetDoc, current);
    const clashes = changes.filter((c) => later.some((l) => overlaps(c.path, l.path)));
    if (clashes.length > 0) throw new UndoConflictError(clashes.map((c) => c.path));
    const undone = applyChanges(current, changes, 'before');
    const doc = validateDocument(kind, undone);
    await kind.apply(db, id, doc);
    const after = (await kind.load(db, id)) as Doc;
    const revision = await record(db, actor, kind, id, 'undo', after, {
      kind: 'undo',
      reason: reason ?? `undo of revision ${target.id}`,
    });
    return { saved: { id, revision, doc: after, changed: true }, change: kind.affects(id, current, after) };
  });
}

/**
 * Reverts a whole change set (a bulk load, an import): each record it touched goes back to what it
 * was before, records it created are removed; refused where a record changed since.
 */
export async function revertChangeSet(
  storage: Storage,
  actor: Actor,
  input: { changeSetId: number; reason?: string | null },
): Promise<{ changeSet: number; records: number }> {
  const reason = checkReason(input.reason) ?? `revert of change set ${input.changeSetId}`;
  let change: IndexChange = {};
  const { result, queued } = await storage.db.transaction().execute(async (db) => {
    await lockForWriting(db, 'edit');
    const set = await findChangeSet(db, input.changeSetId);
    if (!set) throw new NotFoundError(`change set ${input.changeSetId}`);
    if (set.reverted_by !== null) throw new InputError(`Change set ${set.id} was reverted already.`);
    if (MERGE_ACTIONS.has(set.kind)) throw new InputError(MERGED_BETWEEN);
    const revisions = await listChangeSetRevisions(db, set.id);
    for (const r of revisions) {
      const after = await listRevisionsAfter(db, r.record_type, r.record_id, r.id);
      if (after.length > 0)
        throw new InputError(`${r.record_type} ${r.record_id} changed since; revert those changes first.`);
    }
    const revert = await insertChangeSet(db, { user_id: actor.userId, kind: 'revert', reason });
    for (const r of revisions) {
      const kind = recordKind(r.record_type as RecordType);
      const before = await kind.load(db, r.record_id);
      if (r.action === 'create') {
        await kind.setRemoved(db, r.record_id, true);
        change = joined(change, kind.affects(r.record_id, before, null));
        await insertRevision(db, {
          change_set_id: revert,
          record_type: r.record_type,
          record_id: r.record_id,
          action: 'remove',
          snapshot: JSON.stringify(before),
        });
        continue;
      }
      const previous = await previousRevision(db, r);
      const doc = previous ? await snapshotOf(db, kind, previous) : null;
      if (!doc) continue;
      if (r.action === 'remove') await kind.setRemoved(db, r.record_id, false);
      await kind.apply(db, r.record_id, doc);
      const after = await kind.load(db, r.record_id);
      change = joined(change, kind.affects(r.record_id, before, after));
      await insertRevision(db, {
        change_set_id: revert,
        record_type: r.record_type,
        record_id: r.record_id,
        action: r.action === 'remove' ? 'restore' : 'revert',
        snapshot: JSON.stringify(after),
      });
    }
    await markReverted(db, set.id, revert);
    const { queued } = await reindexAffected(db, change, storage.sqlite);
    return { result: { changeSet: revert, records: revisions.length }, queued };
  });
  if (queued > 0) await drainAfterWrite(storage);
  return result;
}

/** The record's document and the revision it is at, for an edit form or an ETag. */
export async function loadForEditing(
  db: Db,
  type: RecordType,
  id: number,
): Promise<{ doc: Doc; revision: number; state: string }> {
  const kind = recordKind(type);
  const state = await kind.state(db, id);
  if (state === null || state === 'merged') throw new NotFoundError(`${type} ${id}`);
  const doc = await kind.load(db, id);
  if (!doc) throw new NotFoundError(`${type} ${id}`);
  const latest = await latestRevision(db, type, id);
  return { doc, revision: latest?.id ?? 0, state };
}
