import type { Db, Storage } from '../db/connection.ts';
import { InputError, NotFoundError } from '../errors.ts';
import type { Doc } from '../revisions/document-diff.ts';
import type { RecordType } from '../revisions/revision.ts';
import { type Actor, loadForEditing, type Saved, saveRecord, validateDocument } from './editing.service.ts';
import {
  findProposalRow,
  insertProposal,
  listProposalRows,
  listRecordProposalRows,
  moveProposal,
  type ProposalRow,
} from './proposal.repository.ts';
import { recordKind } from './record-kinds.ts';
import { checkReferences } from './references.ts';

/*
 * Reviewers propose edits that an editor accepts: a reviewer's save is kept as a proposal (the
 * whole document and the revision it was made on); accepting saves it as the editor's revision
 * (refused like any edit when the record changed since), declining keeps it with a note.
 */

export interface Proposal {
  id: number;
  type: RecordType;
  recordId: number | null;
  base: number | null;
  doc: Doc;
  reason: string | null;
  userId: number;
  createdAt: string;
  status: 'pending' | 'accepting' | 'accepted' | 'declined';
  decidedBy: number | null;
  decidedAt: string | null;
  note: string | null;
  revision: number | null;
}

function proposalOf(row: ProposalRow): Proposal {
  return {
    id: row.id,
    type: row.record_type as RecordType,
    recordId: row.record_id,
    base: row.base_revision,
    doc: JSON.parse(row.document) as Doc,
    reason: row.reason,
    userId: row.user_id,
    createdAt: row.created_at,
    status: row.status as Proposal['status'],
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    note: row.decision_note,
    revision: row.revision_id,
  };
}

const now = () => new Date().toISOString().slice(0, 19).replace('T', ' ');
const MAX_TEXT = 500;

function checkText(text: string | null | undefined, what: string): string | null {
  const s = text?.trim() || null;
  if (s && s.length > MAX_TEXT) throw new InputError(`The ${what} may be at most ${MAX_TEXT} characters.`);
  return s;
}

/** Keeps a reviewer's edit as a proposal, after the checks a save would make; returns its id. */
export async function createProposal(
  storage: Storage,
  userId: number,
  input: { type: RecordType; recordId: number | null; base: number | null; doc: unknown; reason?: string | null },
): Promise<number> {
  const kind = recordKind(input.type);
  const doc = validateDocument(kind, input.doc);
  const reason = checkText(input.reason, 'reason');
  return storage.db.transaction().execute(async (db) => {
    if (input.recordId !== null) {
      const { state } = await loadForEditing(db, input.type, input.recordId);
      if (state === 'removed') throw new InputError('The record was removed; it cannot be changed.');
    }
    await checkReferences(db, input.type, doc, input.recordId ?? undefined);
    return insertProposal(db, {
      record_type: input.type,
      record_id: input.recordId,
      base_revision: input.base,
      document: JSON.stringify(doc),
      reason,
      user_id: userId,
    });
  });
}

export async function getProposal(db: Db, id: number): Promise<Proposal> {
  const row = await findProposalRow(db, id);
  if (!row) throw new NotFoundError(`proposal ${id}`);
  return proposalOf(row);
}

export async function listProposals(db: Db, status: Proposal['status'], limit: number, before?: number) {
  return (await listProposalRows(db, status, limit, before)).map(proposalOf);
}

export async function listRecordProposals(db: Db, type: RecordType, recordId: number) {
  return (await listRecordProposalRows(db, type, recordId)).map(proposalOf);
}

/** The pending proposal of this record with the given id (as a query parameter gives it), or null. */
export async function findPendingProposal(
  db: Db,
  type: RecordType,
  recordId: number,
  raw: string | undefined,
): Promise<Proposal | null> {
  if (!raw || !/^\d{1,15}$/.test(raw)) return null;
  const row = await findProposalRow(db, Number(raw));
  if (row?.status !== 'pending' || row.record_type !== type || row.record_id !== recordId) return null;
  return proposalOf(row);
}

/**
 * Saves a proposal as the editor's revision. It is marked as being accepted first, so that two
 * editors accepting at once save it once; a refused save (a conflict, an invalid reference since)
 * leaves it pending.
 */
export async function acceptProposal(storage: Storage, actor: Actor & { userId: number }, id: number): Promise<Saved> {
  const proposal = await getProposal(storage.db, id);
  if (!(await moveProposal(storage.db, id, 'pending', { status: 'accepting' })))
    throw new InputError('This proposal was decided already.');
  try {
    const saved = await saveRecord(storage, actor, {
      type: proposal.type,
      id: proposal.recordId ?? undefined,
      doc: proposal.doc,
      baseRevision: proposal.recordId === null ? undefined : (proposal.base ?? 0),
      reason: proposal.reason ?? `proposal ${id}`,
    });
    await moveProposal(storage.db, id, 'accepting', {
      status: 'accepted',
      decided_by: actor.userId,
      decided_at: now(),
      revision_id: saved.changed ? saved.revision : null,
    });
    return saved;
  } catch (error) {
    await moveProposal(storage.db, id, 'accepting', { status: 'pending' });
    throw error;
  }
}

/** Marks a proposal the editor saved from the form (perhaps changed) as accepted. */
export async function acceptedFromForm(db: Db, id: number, editor: number, saved: Saved): Promise<void> {
  await moveProposal(db, id, 'pending', {
    status: 'accepted',
    decided_by: editor,
    decided_at: now(),
    decision_note: 'saved from the edit form',
    revision_id: saved.changed ? saved.revision : null,
  });
}

export async function declineProposal(db: Db, editor: number, id: number, note?: string | null): Promise<void> {
  await getProposal(db, id);
  const ok = await moveProposal(db, id, 'pending', {
    status: 'declined',
    decided_by: editor,
    decided_at: now(),
    decision_note: checkText(note, 'note'),
  });
  if (!ok) throw new InputError('This proposal was decided already.');
}
