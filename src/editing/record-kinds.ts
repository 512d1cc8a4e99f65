import type { z } from 'zod';
import type { Db } from '../db/connection.ts';
import {
  applyEventDocument,
  type EventDocument,
  eventDocument,
  eventPersons,
  loadEventDocument,
} from '../events/event.document.ts';
import { findEventById, updateEventRow } from '../events/event.repository.ts';
import { createEvent } from '../events/event.service.ts';
import {
  applyOrganizationDocument,
  loadOrganizationDocument,
  organizationDocument,
} from '../organizations/organization.document.ts';
import { findOrganizationById, updateOrganizationRow } from '../organizations/organization.repository.ts';
import { createOrganization } from '../organizations/organization.service.ts';
import { applyPersonDocument, loadPersonDocument, personDocument } from '../persons/person.document.ts';
import { findPersonById, updatePersonRow } from '../persons/person.repository.ts';
import { createPerson, refreshFate } from '../persons/person.service.ts';
import { applyPlaceDocument, loadPlaceDocument, placeDocument } from '../places/place.document.ts';
import { findPlaceById, updatePlaceRow } from '../places/place.repository.ts';
import { createPlace } from '../places/place.service.ts';
import type { Doc } from '../revisions/document-diff.ts';
import type { RecordType } from '../revisions/revision.ts';
import type { IndexChange } from '../search/index/index-writes.ts';
import {
  applyListRowDocument,
  createListRow,
  type ListRowDocument,
  listRowDocument,
  listRowPersons,
  loadListRowDocument,
} from '../sources/list-row.document.ts';
import { findListRow, updateListRowRow } from '../sources/list-row.repository.ts';
import { applySourceDocument, loadSourceDocument, sourceDocument } from '../sources/source.document.ts';
import { findSourceRow, updateSourceRow } from '../sources/source.repository.ts';
import { createSource } from '../sources/source.service.ts';
import { REMOVED } from '../statements/status.ts';

/** The state a record is in, as the public, editors and history see it. */
export type RecordState = 'published' | 'draft' | 'removed' | 'merged';

/**
 * What editing needs to know of one kind of record: its document (validated by `schema`), how to
 * read and write it, its state, and which persons' search entries a change to it touches.
 */
export interface RecordKind {
  type: RecordType;
  schema: z.ZodType<Doc, unknown>;
  load(db: Db, id: number): Promise<Doc | null>;
  apply(db: Db, id: number, doc: Doc): Promise<void>;
  /** Makes an empty record of this kind, for `apply` to fill; returns its id. */
  create(db: Db, doc: Doc): Promise<number>;
  state(db: Db, id: number): Promise<RecordState | null>;
  /** Removing keeps the record's rows, so that restoring and history lose nothing. */
  setRemoved(db: Db, id: number, removed: boolean): Promise<void>;
  /**
   * What a change from `before` to `after` (null: none, or removed) touches in the search
   * indexes, for reindexAffected in the change's transaction.
   */
  affects(id: number, before: Doc | null, after: Doc | null): IndexChange;
}

const person: RecordKind = {
  type: 'person',
  schema: personDocument as unknown as z.ZodType<Doc, unknown>,
  load: (db, id) => loadPersonDocument(db, id) as Promise<Doc | null>,
  apply: (db, id, doc) => applyPersonDocument(db, id, personDocument.parse(doc)),
  create: (db, doc) => createPerson(db, { display: String(doc.display ?? '…'), sort: String(doc.sort ?? '…') }),
  async state(db, id) {
    const p = await findPersonById(db, id);
    if (!p) return null;
    if (p.merged_into !== null) return 'merged';
    return stateOf(p);
  },
  async setRemoved(db, id, removed) {
    const doc = removed ? null : await loadPersonDocument(db, id);
    await updatePersonRow(db, id, { status: removed ? REMOVED : (doc?.status ?? 'draft') });
  },
  affects: (id) => ({ persons: [id] }),
};

/** The state of a record kept in a row with a status (see src/statements/status.ts). */
function stateOf(row: { status: string } | undefined): RecordState | null {
  if (!row) return null;
  return row.status === REMOVED ? 'removed' : row.status === 'published' ? 'published' : 'draft';
}

const event: RecordKind = {
  type: 'event',
  schema: eventDocument as unknown as z.ZodType<Doc, unknown>,
  load: (db, id) => loadEventDocument(db, id) as Promise<Doc | null>,
  async apply(db, id, doc) {
    const before = await loadEventDocument(db, id);
    const after = eventDocument.parse(doc);
    await applyEventDocument(db, id, after);
    // One event may settle or change the fate of everyone in it.
    for (const person of new Set([...eventPersons(before), ...eventPersons(after)])) await refreshFate(db, person);
  },
  create: (db, doc) => createEvent(db, { type: eventDocument.shape.type.parse(doc.type) }),
  async state(db, id) {
    const e = await findEventById(db, id);
    return e && e.variant_of === null ? stateOf(e) : null;
  },
  async setRemoved(db, id, removed) {
    const before = await loadEventDocument(db, id);
    await updateEventRow(db, id, { status: removed ? REMOVED : (before?.status ?? 'draft') });
    for (const person of eventPersons(before)) await refreshFate(db, person);
  },
  affects: (id, before, after) => ({
    persons: [
      ...new Set([...eventPersons(before as EventDocument | null), ...eventPersons(after as EventDocument | null)]),
    ],
    events: [id],
  }),
};

/**
 * A record whose document is its row with owned rows (names, texts) and a status. The index holds
 * places, organizations and sources by id, so their names and fields feed no person's entry; a
 * change of parent (what a place lies within) or of status (a removal) reaches everyone at or
 * in them, and a source's texts its full-text entries.
 */
function simpleKind<D extends Doc & { status: string }>(options: {
  type: RecordType;
  schema: z.ZodType<D, unknown>;
  load(db: Db, id: number): Promise<D | null>;
  apply(db: Db, id: number, doc: D): Promise<void>;
  create(db: Db, doc: D): Promise<number>;
  row(db: Db, id: number): Promise<{ status: string } | undefined>;
  setStatus(db: Db, id: number, status: string): Promise<void>;
  /** The IndexChange field that reaches everyone the record's parent or status matters to. */
  fanOut: 'places' | 'organizations' | 'sources';
}): RecordKind {
  return {
    type: options.type,
    schema: options.schema as unknown as z.ZodType<Doc, unknown>,
    load: (db, id) => options.load(db, id),
    apply: (db, id, doc) => options.apply(db, id, options.schema.parse(doc)),
    create: (db, doc) => options.create(db, options.schema.parse(doc)),
    state: async (db, id) => stateOf(await options.row(db, id)),
    async setRemoved(db, id, removed) {
      const doc = removed ? null : await options.load(db, id);
      await options.setStatus(db, id, removed ? REMOVED : (doc?.status ?? 'draft'));
    },
    affects(id, before, after) {
      const moved = before?.parent !== after?.parent || before?.status !== after?.status;
      const texts = options.type === 'source' && JSON.stringify(before?.texts) !== JSON.stringify(after?.texts);
      return { [options.fanOut]: moved ? [id] : [], documents: texts ? [id] : [] };
    },
  };
}

const place = simpleKind({
  type: 'place',
  schema: placeDocument,
  load: loadPlaceDocument,
  apply: applyPlaceDocument,
  create: (db, doc) => createPlace(db, { kind: doc.kind }),
  row: findPlaceById,
  setStatus: (db, id, status) => updatePlaceRow(db, id, { status }),
  fanOut: 'places',
});

const organization = simpleKind({
  type: 'organization',
  schema: organizationDocument,
  load: loadOrganizationDocument,
  apply: applyOrganizationDocument,
  create: (db, doc) => createOrganization(db, { kind: doc.kind }),
  row: findOrganizationById,
  setStatus: (db, id, status) => updateOrganizationRow(db, id, { status }),
  fanOut: 'organizations',
});

const source = simpleKind({
  type: 'source',
  schema: sourceDocument,
  load: loadSourceDocument,
  apply: applySourceDocument,
  create: (db, doc) => createSource(db, { kind: doc.kind, title: doc.title }),
  row: findSourceRow,
  setStatus: (db, id, status) => updateSourceRow(db, id, { status }),
  fanOut: 'sources',
});

/** A row of a list as written, with its links; a change of its links changes those persons' search entries. */
const listRow: RecordKind = {
  ...simpleKind({
    type: 'list_row',
    schema: listRowDocument,
    load: loadListRowDocument,
    apply: applyListRowDocument,
    create: createListRow,
    row: findListRow,
    setStatus: (db, id, status) => updateListRowRow(db, id, { status }),
    fanOut: 'sources',
  }),
  // The persons a row names before and after (their search entries list the row's source).
  affects: (id, before, after) => ({
    persons: [
      ...new Set([
        ...listRowPersons(before as ListRowDocument | null),
        ...listRowPersons(after as ListRowDocument | null),
      ]),
    ],
    listRows: [id],
  }),
};

/** Every kind of record that can be edited, by type. */
export const RECORD_KINDS: Partial<Record<RecordType, RecordKind>> = {
  person,
  event,
  place,
  organization,
  source,
  list_row: listRow,
};

export function recordKind(type: RecordType): RecordKind {
  const kind = RECORD_KINDS[type];
  if (!kind) throw new Error(`records of type ${type} cannot be edited yet`);
  return kind;
}
