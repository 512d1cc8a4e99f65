import { z } from 'zod';
import { loadCitationDocs, syncCitations } from '../citations/citation.document.ts';
import { deleteCitationsOf } from '../citations/citation.repository.ts';
import type { Db } from '../db/connection.ts';
import { syncRows } from '../db/sync-rows.ts';
import {
  citationDoc,
  edtfDate,
  line,
  prose,
  rank,
  recordId,
  statementFields,
  status,
} from '../statements/document-fields.ts';
import {
  deleteEvents,
  deleteEventTexts,
  deleteParticipants,
  findEventById,
  insertEvent,
  insertEventText,
  insertParticipant,
  listOwnEventTexts,
  listOwnParticipants,
  listVariantsOf,
  updateEventRow,
} from './event.repository.ts';
import { type EventFields, eventValues, participantValues } from './event.rows.ts';
import { EVENT_TYPES, PARTICIPANT_ROLES } from './event.ts';

/*
 * An event's document: the main account with its participants and descriptions, and the other
 * sources' accounts of it (variants), each with its citations. What the edit form and the write
 * API take, and what each revision keeps.
 */

const detailValue = z.union([z.string().max(500), z.number(), z.boolean()]);

/** What an account of the event says: date, place, organization, details. */
const accountFields = {
  date: edtfDate,
  /** The date in the source's own words. */
  dateText: line,
  place: recordId,
  /** The place as the source writes it. */
  placeText: line,
  organization: recordId,
  details: z.record(z.string().max(100), detailValue).default({}),
};

export const eventVariantDoc = z.object({ ...statementFields, ...accountFields });

export const eventDocument = z.object({
  type: z.enum(EVENT_TYPES),
  ...accountFields,
  rank,
  status: status.default('draft'),
  note: line,
  description: z.partialRecord(z.enum(['en', 'de', 'ru']), prose).default({}),
  participants: z
    .array(z.object({ person: z.coerce.number().int().positive(), role: z.enum(PARTICIPANT_ROLES), note: line }))
    .max(5000)
    .default([]),
  citations: z.array(citationDoc).max(100).default([]),
  variants: z.array(eventVariantDoc).max(50).default([]),
});
export type EventDocument = z.output<typeof eventDocument>;
type VariantDoc = z.output<typeof eventVariantDoc>;

function detailsOf(json: string | null): Record<string, string | number | boolean> {
  if (!json) return {};
  try {
    return JSON.parse(json) as Record<string, string | number | boolean>;
  } catch {
    return {};
  }
}

type EventRowRead = NonNullable<Awaited<ReturnType<typeof findEventById>>>;

function accountOf(e: EventRowRead) {
  return {
    date: e.date_edtf,
    dateText: e.date_text,
    place: e.place_id,
    placeText: e.place_text,
    organization: e.organization_id,
    details: detailsOf(e.details),
  };
}

/** The event's document as stored now, or null when there is no such main event. */
export async function loadEventDocument(db: Db, id: number): Promise<EventDocument | null> {
  const e = await findEventById(db, id);
  if (!e || e.variant_of !== null) return null;
  const [participants, texts, variants] = await Promise.all([
    listOwnParticipants(db, id),
    listOwnEventTexts(db, id),
    listVariantsOf(db, id),
  ]);
  const cites = await loadCitationDocs(db, [{ type: 'event', ids: [id, ...variants.map((v) => v.id)] }]);
  return {
    type: e.type as EventDocument['type'],
    ...accountOf(e),
    rank: e.rank as EventDocument['rank'],
    status: e.status === 'published' ? 'published' : 'draft',
    note: e.note,
    description: Object.fromEntries(texts.map((t) => [t.lang, t.description])),
    participants: participants.map((p) => ({
      person: p.person_id,
      role: p.role as EventDocument['participants'][number]['role'],
      note: p.note,
    })),
    citations: cites.get(`event:${id}`) ?? [],
    variants: variants.map((v) => ({
      id: v.id,
      ...accountOf(v),
      rank: v.rank as VariantDoc['rank'],
      status: v.status as VariantDoc['status'],
      note: v.note,
      citations: cites.get(`event:${v.id}`) ?? [],
    })),
  };
}

function fieldsOf(type: EventDocument['type'], a: EventDocument | VariantDoc, variantOf: number | null): EventFields {
  return {
    type,
    date: a.date ?? null,
    dateText: a.dateText ?? null,
    placeId: a.place ?? null,
    placeText: a.placeText ?? null,
    organizationId: a.organization ?? null,
    details: Object.keys(a.details).length > 0 ? a.details : null,
    rank: a.rank,
    note: a.note ?? null,
    variantOf,
  };
}

/** Makes the stored event what the document says (see applyPersonDocument). */
export async function applyEventDocument(db: Db, id: number, doc: EventDocument): Promise<void> {
  const before = await loadEventDocument(db, id);
  if (!before) throw new Error(`no event ${id}`);
  await updateEventRow(db, id, { ...eventValues(fieldsOf(doc.type, doc, null)), key: undefined, status: doc.status });
  await deleteParticipants(db, id);
  const seen = new Set<string>();
  for (const [sort, p] of doc.participants.entries()) {
    // One role per person and event: the table's key.
    if (seen.has(`${p.person}:${p.role}`)) continue;
    seen.add(`${p.person}:${p.role}`);
    await insertParticipant(
      db,
      participantValues(id, sort, { personId: p.person, role: p.role, note: p.note ?? null }),
    );
  }
  await deleteEventTexts(db, id);
  for (const [lang, text] of Object.entries(doc.description)) if (text) await insertEventText(db, id, lang, text);
  await syncCitations(db, 'event', id, doc.citations, before.citations);
  const values = (v: VariantDoc) => ({ ...eventValues(fieldsOf(doc.type, v, id)), status: v.status });
  const ids = await syncRows(
    before.variants.map((v) => v.id as number),
    doc.variants,
    {
      insert: (v) => insertEvent(db, values(v)),
      update: (vid, v) => updateEventRow(db, vid, values(v)),
      remove: async (gone) => {
        await deleteCitationsOf(db, 'event', gone);
        await deleteEvents(db, gone);
      },
    },
  );
  const old = new Map(before.variants.map((v) => [v.id as number, v.citations]));
  for (const [i, v] of doc.variants.entries()) {
    await syncCitations(db, 'event', ids[i] as number, v.citations, old.get(ids[i] as number) ?? []);
  }
}

/** The persons an event's document names, whose search entries and fates it feeds. */
export function eventPersons(doc: EventDocument | null): number[] {
  return [...new Set((doc?.participants ?? []).map((p) => p.person))];
}
