import { z } from 'zod';
import type { Db } from '../db/connection.ts';
import { InvalidRecordError } from '../errors.ts';
import { line, MAX_TEXT, status } from '../statements/document-fields.ts';
import {
  deleteListRowLinks,
  findListRow,
  findListRowAt,
  insertListRowLink,
  listLinksOfRow,
  updateListRowLink,
  updateListRowRow,
} from './list-row.repository.ts';
import { LINK_STATUSES } from './list-row.ts';
import { insertListRow } from './source.repository.ts';
import { listRowLinkValues, listRowValues } from './source.rows.ts';

/*
 * A list row's document: where it stands in its list, its cells exactly as written, and its links
 * to the persons it names. Correcting a cell and deciding a link are both edits of this document,
 * so each is a revision that history shows and that can be undone.
 */

const evidenceItem = z.object({
  comparison: z.string().max(100),
  level: z.string().max(100),
  weight: z.number().finite(),
  detail: z.string().max(MAX_TEXT).optional(),
});

export const listRowLinkDoc = z.object({
  person: z.coerce.number('a person number').int().positive('a person number'),
  status: z.enum(LINK_STATUSES),
  /** The machine's match weight (log2), when it proposed the link. */
  weight: z.number().finite().nullable().default(null),
  evidence: z.array(evidenceItem).max(50).nullable().default(null),
  /** Who decided the link and when; set by the decision, kept by reverts. */
  decidedBy: z.number().int().positive().nullable().default(null),
  decidedAt: z.string().max(40).nullable().default(null),
});
export type ListRowLinkDoc = z.output<typeof listRowLinkDoc>;

/** A cell's value as written: kept exactly, surrounding spaces included. */
const cellValue = z.string().max(MAX_TEXT * 4, `at most ${MAX_TEXT * 4} characters`);

export const listRowDocument = z.object({
  /** The list (a source of kind list) the row belongs to. */
  list: z.coerce.number('a list number').int().positive('a list number'),
  position: z.coerce.number('a row number').int('a row number').positive('a row number'),
  folio: line,
  cells: z.record(z.string().regex(/^[a-z0-9_]{1,40}$/, 'a column key'), cellValue).default({}),
  note: line,
  status: status.default('published'),
  links: z
    .array(listRowLinkDoc)
    .max(50)
    .refine((ls) => new Set(ls.map((l) => l.person)).size === ls.length, 'each person is linked once')
    .default([]),
});
export type ListRowDocument = z.output<typeof listRowDocument>;

export async function loadListRowDocument(db: Db, id: number): Promise<ListRowDocument | null> {
  const row = await findListRow(db, id);
  if (!row) return null;
  const links = await listLinksOfRow(db, id);
  return {
    list: row.source_id,
    position: row.position,
    folio: row.folio,
    cells: JSON.parse(row.cells) as Record<string, string>,
    note: row.note,
    status: row.status === 'published' ? 'published' : 'draft',
    links: links.map((l) => ({
      person: l.person_id,
      status: l.status as ListRowLinkDoc['status'],
      weight: l.weight,
      evidence: l.evidence ? (JSON.parse(l.evidence) as ListRowLinkDoc['evidence']) : null,
      decidedBy: l.decided_by,
      decidedAt: l.decided_at,
    })),
  };
}

/** Refuses a position another row of the list holds. */
async function checkPosition(db: Db, id: number | null, doc: ListRowDocument): Promise<void> {
  const other = await findListRowAt(db, doc.list, doc.position);
  if (other && other.id !== id) {
    throw new InvalidRecordError([{ path: 'position', message: `row ${doc.position} of the list exists already` }]);
  }
}

/** Makes an empty row at the document's place in its list; `apply` fills it. */
export async function createListRow(db: Db, doc: ListRowDocument): Promise<number> {
  await checkPosition(db, null, doc);
  return insertListRow(db, listRowValues(doc.list, { position: doc.position, cells: {}, status: 'draft' }));
}

export async function applyListRowDocument(db: Db, id: number, doc: ListRowDocument): Promise<void> {
  const before = await findListRow(db, id);
  if (!before) throw new Error(`no list row ${id}`);
  if (doc.list !== before.source_id) {
    throw new InvalidRecordError([{ path: 'list', message: 'a row stays in its list' }]);
  }
  await checkPosition(db, id, doc);
  await updateListRowRow(db, id, {
    position: doc.position,
    folio: doc.folio ?? null,
    cells: JSON.stringify(doc.cells),
    note: doc.note ?? null,
    status: doc.status,
  });
  // Links are matched by person: a row names each person once.
  const existing = await listLinksOfRow(db, id);
  const wanted = new Map(doc.links.map((l) => [l.person, l]));
  await deleteListRowLinks(
    db,
    existing.filter((l) => !wanted.has(l.person_id)).map((l) => l.id),
  );
  for (const link of doc.links) {
    const values = listRowLinkValues(id, {
      personId: link.person,
      status: link.status,
      weight: link.weight,
      evidence: link.evidence,
      decidedBy: link.decidedBy,
      decidedAt: link.decidedAt,
    });
    const current = existing.find((l) => l.person_id === link.person);
    if (current) await updateListRowLink(db, current.id, values);
    else await insertListRowLink(db, values);
  }
}

/** The persons a row's links name, whatever their status: their search entries list the row's list. */
export function listRowPersons(doc: ListRowDocument | null): number[] {
  return doc ? doc.links.map((l) => l.person) : [];
}
