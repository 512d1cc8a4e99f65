import { z } from 'zod';
import { loadCitationDocs, syncCitations } from '../citations/citation.document.ts';
import { deleteCitationsOf } from '../citations/citation.repository.ts';
import type { StatementType } from '../citations/citation.table.ts';
import type { Db } from '../db/connection.ts';
import { syncRows } from '../db/sync-rows.ts';
import { deleteNames, insertName, listOwnNames, updateName } from '../names/name.repository.ts';
import { nameValues } from '../names/name.rows.ts';
import { NAME_KINDS } from '../names/name.ts';
import {
  type CitationDoc,
  citationDoc,
  edtfDate,
  languageTag,
  line,
  prose,
  recordId,
  statementFields,
} from '../statements/document-fields.ts';
import {
  deletePersonRoles,
  deletePersonTexts,
  findPersonById,
  insertPersonRole,
  insertPersonText,
  listPersonTexts,
  listRoles,
  updatePersonRow,
} from './person.repository.ts';
import { personValues } from './person.rows.ts';
import { refreshFate } from './person.service.ts';
import { ATTRIBUTE_TYPES, FATES, PERSON_ROLES, PERSON_STATUSES, RELATIONSHIP_TYPES, SEXES } from './person.ts';
import {
  deleteAttributes,
  deleteRelationships,
  insertAttribute,
  insertRelationship,
  listOwnAttributes,
  listOwnRelationships,
  updateAttribute,
  updateRelationship,
} from './statement.repository.ts';
import { attributeValues, relationshipValues } from './statement.rows.ts';

/*
 * A person's document: the record with every statement about them that belongs to it (names,
 * attributes, relationships, biographies, roles) and each statement's citations. It is what the
 * edit form shows and submits, what the write API takes, and what each revision keeps; events are
 * records of their own (several persons take part in one).
 */

export const nameDoc = z
  .object({
    ...statementFields,
    kind: z.enum(NAME_KINDS).default('birth'),
    given: line,
    surname: line,
    patronymic: line,
    /** The name exactly as written, when it is not simply "given patronymic surname". */
    full: line,
    lang: languageTag,
    valid: edtfDate,
  })
  .refine((n) => n.given || n.surname || n.patronymic || n.full, {
    message: 'give at least a surname, a given name or the name as written',
    path: ['surname'],
  });

export const attributeDoc = z.object({
  ...statementFields,
  type: z.enum(ATTRIBUTE_TYPES),
  value: z.string().trim().min(1, 'required').max(500),
  organization: recordId,
  place: recordId,
  date: edtfDate,
});

export const relationshipDoc = z
  .object({
    ...statementFields,
    type: z.enum(RELATIONSHIP_TYPES),
    relatedPerson: recordId,
    relatedName: line,
    date: edtfDate,
  })
  .refine((r) => Boolean(r.relatedPerson) !== Boolean(r.relatedName), {
    message: 'give either the related person’s record or their name, not both',
    path: ['relatedName'],
  });

export const personDocument = z.object({
  /** Shown as; the first name's whole form when blank. */
  display: line,
  /** "Surname, Given" for the index; the first name's when blank. */
  sort: line,
  sex: z.enum(SEXES).default('unknown'),
  status: z.enum(PERSON_STATUSES).default('draft'),
  fateOverride: z.preprocess((v) => (v === '' ? null : v), z.enum(FATES).nullable().default(null)),
  roles: z.array(z.enum(PERSON_ROLES)).max(PERSON_ROLES.length).default([]),
  biography: z.partialRecord(z.enum(['en', 'de', 'ru']), prose).default({}),
  names: z.array(nameDoc).min(1, 'a person needs at least one name').max(100),
  attributes: z.array(attributeDoc).max(200).default([]),
  relationships: z.array(relationshipDoc).max(200).default([]),
  /** Sources for the record as a whole. */
  citations: z.array(citationDoc).max(100).default([]),
});
export type PersonDocument = z.output<typeof personDocument>;
export type NameDoc = z.output<typeof nameDoc>;

/** The person's document as stored now, or null when there is no such person. */
export async function loadPersonDocument(db: Db, id: number): Promise<PersonDocument | null> {
  const person = await findPersonById(db, id);
  if (!person) return null;
  const [roles, texts, names, attributes, relationships] = await Promise.all([
    listRoles(db, id),
    listPersonTexts(db, id),
    listOwnNames(db, id),
    listOwnAttributes(db, id),
    listOwnRelationships(db, id),
  ]);
  const cites = await loadCitationDocs(db, [
    { type: 'person', ids: [id] },
    { type: 'name', ids: names.map((n) => n.id) },
    { type: 'attribute', ids: attributes.map((a) => a.id) },
    { type: 'relationship', ids: relationships.map((r) => r.id) },
  ]);
  const citesOf = (type: StatementType, sid: number) => cites.get(`${type}:${sid}`) ?? [];
  return {
    display: person.display_name,
    sort: person.sort_name,
    sex: person.sex as PersonDocument['sex'],
    status: person.status === 'published' ? 'published' : 'draft',
    fateOverride: (person.fate_override as PersonDocument['fateOverride']) ?? null,
    roles: roles as PersonDocument['roles'],
    biography: Object.fromEntries(texts.map((t) => [t.lang, t.biography])),
    names: names.map((n) => ({
      id: n.id,
      kind: n.kind as NameDoc['kind'],
      given: n.given,
      surname: n.surname,
      patronymic: n.patronymic,
      full: n.full_name,
      lang: n.lang,
      valid: n.valid_edtf,
      rank: n.rank as NameDoc['rank'],
      status: n.status as NameDoc['status'],
      note: n.note,
      citations: citesOf('name', n.id),
    })),
    attributes: attributes.map((a) => ({
      id: a.id,
      type: a.type as PersonDocument['attributes'][number]['type'],
      value: a.value,
      organization: a.organization_id,
      place: a.place_id,
      date: a.date_edtf,
      rank: a.rank as NameDoc['rank'],
      status: a.status as NameDoc['status'],
      note: a.note,
      citations: citesOf('attribute', a.id),
    })),
    relationships: relationships.map((r) => ({
      id: r.id,
      type: r.type as PersonDocument['relationships'][number]['type'],
      relatedPerson: r.related_person_id,
      relatedName: r.related_name,
      date: r.date_edtf,
      rank: r.rank as NameDoc['rank'],
      status: r.status as NameDoc['status'],
      note: r.note,
      citations: citesOf('relationship', r.id),
    })),
    citations: citesOf('person', id),
  };
}

/**
 * Makes the stored person what the document says, keeping the ids of the statements it keeps;
 * statements the document leaves out are deleted with their citations. The fate is derived again.
 */
export async function applyPersonDocument(db: Db, id: number, doc: PersonDocument): Promise<void> {
  const before = await loadPersonDocument(db, id);
  if (!before) throw new Error(`no person ${id}`);
  const first = doc.names[0];
  // A name given as written only, or composed from its parts when the form left it to us.
  const names = doc.names.map((n) => ({ ...n, full: n.full ?? null }));
  await updatePersonRow(db, id, {
    ...personValues({
      display: doc.display ?? undefined,
      sort: doc.sort ?? undefined,
      sex: doc.sex,
      status: doc.status,
      fateOverride: doc.fateOverride,
      names: first ? [{ ...first, full: first.full ?? null }] : [],
    }),
    key: undefined,
    fate: undefined,
  });
  await deletePersonRoles(db, id);
  for (const role of new Set(doc.roles)) await insertPersonRole(db, id, role);
  await deletePersonTexts(db, id);
  for (const [lang, text] of Object.entries(doc.biography)) if (text) await insertPersonText(db, id, lang, text);

  await syncStatements(db, 'name', before.names, names, {
    insert: (n, sort) => insertName(db, { ...nameValues(id, sort, n), status: n.status }),
    update: (sid, n, sort) => updateName(db, sid, { ...nameValues(id, sort, n), status: n.status }),
    remove: (ids) => deleteNames(db, ids),
  });
  const statement = (s: { date?: string | null; rank: NameDoc['rank']; note?: string | null }) => ({
    date: s.date ?? null,
    rank: s.rank,
    note: s.note ?? null,
  });
  await syncStatements(db, 'attribute', before.attributes, doc.attributes, {
    insert: (a, sort) => insertAttribute(db, { ...attributeValues(id, sort, attributeInput(a)), status: a.status }),
    update: (sid, a, sort) =>
      updateAttribute(db, sid, { ...attributeValues(id, sort, attributeInput(a)), status: a.status }),
    remove: (ids) => deleteAttributes(db, ids),
  });
  function attributeInput(a: PersonDocument['attributes'][number]) {
    return {
      ...statement(a),
      type: a.type,
      value: a.value,
      organizationId: a.organization ?? null,
      placeId: a.place ?? null,
    };
  }
  function relationshipInput(r: PersonDocument['relationships'][number]) {
    return {
      ...statement(r),
      type: r.type,
      relatedPersonId: r.relatedPerson ?? null,
      relatedName: r.relatedName ?? null,
    };
  }
  await syncStatements(db, 'relationship', before.relationships, doc.relationships, {
    insert: (r, sort) =>
      insertRelationship(db, { ...relationshipValues(id, sort, relationshipInput(r)), status: r.status }),
    update: (sid, r, sort) =>
      updateRelationship(db, sid, { ...relationshipValues(id, sort, relationshipInput(r)), status: r.status }),
    remove: (ids) => deleteRelationships(db, ids),
  });
  await syncCitations(db, 'person', id, doc.citations, before.citations);
  await refreshFate(db, id);
}

/** Syncs one kind of statement and then each kept or new statement's citations. */
async function syncStatements<T extends { id?: number | null; citations: CitationDoc[] }>(
  db: Db,
  type: StatementType,
  before: readonly T[],
  wanted: readonly T[],
  ops: {
    insert(item: T, sort: number): Promise<number>;
    update(id: number, item: T, sort: number): Promise<void>;
    remove(ids: number[]): Promise<void>;
  },
): Promise<void> {
  const existing = before.map((s) => s.id as number);
  const ids = await syncRows(existing, wanted, {
    ...ops,
    remove: async (ids) => {
      await deleteCitationsOf(db, type, ids);
      await ops.remove(ids);
    },
  });
  const old = new Map(before.map((s) => [s.id as number, s.citations]));
  for (const [i, item] of wanted.entries()) {
    await syncCitations(db, type, ids[i] as number, item.citations, old.get(ids[i] as number) ?? []);
  }
}
