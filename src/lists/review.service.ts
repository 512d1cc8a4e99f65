import type { Storage } from '../db/connection.ts';
import {
  type Actor,
  revertChangeSet,
  saveRecord,
  saveRecordsTogether,
  undoRevision,
} from '../editing/editing.service.ts';
import { InputError, NotFoundError } from '../errors.ts';
import type { EventType } from '../events/event.ts';
import { findPersonById } from '../persons/person.repository.ts';
import { findRevision, listChangeSetRevisions } from '../revisions/revision.repository.ts';
import { type ListRowDocument, type ListRowLinkDoc, loadListRowDocument } from '../sources/list-row.document.ts';
import type { LinkEvidenceItem, ListColumnRole } from '../sources/list-row.ts';
import { cellDate } from './cell-date.ts';
import { findList, listColumnsOf } from './list.repository.ts';

/*
 * A person's decisions on a row's links: confirm, reject, leave unsure, or make a new person from
 * the row. Each is an edit of the row's document (and, for a new person, of the records made from
 * it) in one change set, so that history shows who decided what and undoing takes it back whole.
 */

export const DECISIONS = ['confirmed', 'rejected', 'unsure'] as const;
export type Decision = (typeof DECISIONS)[number];

export interface Decided {
  changeSet: number | null;
  rowId: number;
  personId: number;
}

async function rowDocument(storage: Storage, rowId: number): Promise<ListRowDocument> {
  const doc = await loadListRowDocument(storage.db, rowId);
  if (!doc) throw new NotFoundError(`list row ${rowId}`);
  return doc;
}

/** The row's links with one person's link set to `link` (added when the row has none to them). */
function withLink(doc: ListRowDocument, link: ListRowLinkDoc): ListRowDocument {
  const links = doc.links.some((l) => l.person === link.person)
    ? doc.links.map((l) => (l.person === link.person ? link : l))
    : [...doc.links, link];
  return { ...doc, links };
}

const now = () => new Date().toISOString().slice(0, 19).replace('T', ' ');

/**
 * Decides the row's link to a person: confirmed, rejected or unsure. A person the machine did
 * not propose may be linked too (picked by hand); the machine's weight and evidence are kept.
 */
export async function decideLink(
  storage: Storage,
  actor: Actor,
  input: {
    rowId: number;
    personId: number;
    decision: Decision;
    weight?: number | null;
    evidence?: LinkEvidenceItem[] | null;
    reason?: string | null;
  },
): Promise<Decided> {
  const doc = await rowDocument(storage, input.rowId);
  const person = await findPersonById(storage.db, input.personId);
  if (!person || person.status === 'removed') throw new InputError(`There is no person number ${input.personId}.`);
  if (person.merged_into !== null)
    throw new InputError(`Person ${input.personId} was merged into person ${person.merged_into}; link that one.`);
  const before = doc.links.find((l) => l.person === input.personId);
  const link: ListRowLinkDoc = {
    person: input.personId,
    status: input.decision,
    weight: before?.weight ?? input.weight ?? null,
    evidence: before?.evidence ?? input.evidence ?? null,
    decidedBy: actor.userId,
    decidedAt: now(),
  };
  const saved = await saveRecord(storage, actor, {
    type: 'list_row',
    id: input.rowId,
    doc: withLink(doc, link),
    reason: input.reason ?? `${input.decision} the link to person ${input.personId}`,
  });
  const revision = saved.changed ? await findRevision(storage.db, saved.revision) : undefined;
  return { changeSet: revision?.change_set_id ?? null, rowId: input.rowId, personId: input.personId };
}

/** Names, as written, from the cells of the name columns; an unsplit name goes whole. */
function namesFrom(cell: (role: ListColumnRole) => string | null) {
  const surname = cell('surname');
  const given = cell('given');
  const patronymic = cell('patronymic');
  const names: { surname?: string | null; given?: string | null; patronymic?: string | null; full?: string | null }[] =
    [];
  if (surname || given || patronymic) names.push({ surname, given, patronymic });
  const whole = cell('name');
  if (whole) names.push({ full: whole });
  return names;
}

const EVENT_ROLES: [ListColumnRole, EventType][] = [
  ['birth', 'birth'],
  ['arrest', 'arrest'],
  ['death', 'death'],
];

/**
 * Makes a new person from a row, as the row writes them: its names as written, its birth, arrest
 * and death as events (a date where the cell's form is clear, the words always), every statement
 * citing the list at this row; then confirms the row's link to them. One change set.
 */
export async function createPersonFromRow(
  storage: Storage,
  actor: Actor,
  input: { rowId: number; reason?: string | null },
): Promise<Decided> {
  const doc = await rowDocument(storage, input.rowId);
  const list = await findList(storage.db, doc.list);
  if (!list) throw new NotFoundError(`list ${doc.list}`);
  const columns = listColumnsOf(list);
  const cell = (role: ListColumnRole) => {
    const column = columns.find((c) => c.role === role);
    const value = column ? doc.cells[column.key]?.trim() : undefined;
    return value ? value : null;
  };
  const names = namesFrom(cell);
  if (names.length === 0) throw new InputError('The row has no name to make a person from.');
  const citation = { source: doc.list, listRow: input.rowId, locator: doc.folio ?? null };
  const status = list.status === 'published' ? 'published' : 'draft';
  const { result, changeSet } = await saveRecordsTogether(
    storage,
    actor,
    { reason: input.reason ?? `a new person from row ${doc.position} of list ${doc.list}` },
    async (save) => {
      const person = await save({
        type: 'person',
        doc: {
          status,
          names: names.map((n) => ({ ...n, kind: 'as-written', citations: [citation] })),
        },
      });
      for (const [role, type] of EVENT_ROLES) {
        const words = cell(role);
        if (!words) continue;
        const place = role === 'birth' ? cell('birth_place') : null;
        await save({
          type: 'event',
          doc: {
            type,
            date: cellDate(words),
            dateText: words,
            placeText: place,
            status,
            participants: [{ person: person.id, role: 'subject' }],
            citations: [citation],
          },
        });
      }
      await save({
        type: 'list_row',
        id: input.rowId,
        doc: withLink(doc, {
          person: person.id,
          status: 'confirmed',
          weight: null,
          evidence: null,
          decidedBy: actor.userId,
          decidedAt: now(),
        }),
      });
      return person.id;
    },
  );
  return { changeSet, rowId: input.rowId, personId: result };
}

/**
 * Takes a decision back. A decision on one link is undone alone, keeping later decisions on the
 * row's other links; a new person made from a row goes with its whole change set (the person and
 * their events removed, the row as it was).
 */
export async function undoDecision(storage: Storage, actor: Actor, changeSetId: number): Promise<void> {
  const revisions = await listChangeSetRevisions(storage.db, changeSetId);
  const only = revisions.length === 1 ? revisions[0] : undefined;
  if (only?.record_type === 'list_row' && only.action === 'update') {
    await undoRevision(storage, actor, { revisionId: only.id, reason: `undo of decision ${changeSetId}` });
    return;
  }
  if (revisions.length === 0) throw new NotFoundError(`change set ${changeSetId}`);
  await revertChangeSet(storage, actor, { changeSetId, reason: `undo of decision ${changeSetId}` });
}
