import { z } from 'zod';
import type { Db } from '../db/connection.ts';
import { syncRows } from '../db/sync-rows.ts';
import { InvalidRecordError } from '../errors.ts';
import { languageTag, line, recordId, requiredLine, statementId, status } from '../statements/document-fields.ts';
import {
  deleteOrganizationNames,
  findOrganizationById,
  insertOrganizationName,
  listOrganizationNames,
  updateOrganizationName,
  updateOrganizationRow,
} from './organization.repository.ts';
import { organizationNameValues, organizationValues } from './organization.rows.ts';

/** An organization's document: its kind, what it belongs to, where it sat, its names. */
export const organizationDocument = z.object({
  kind: requiredLine,
  parent: recordId,
  place: recordId,
  wikidata: z.preprocess(
    (v) => (v === '' ? null : v),
    z
      .string()
      .regex(/^Q\d+$/, 'a Wikidata item such as Q64')
      .nullable()
      .default(null),
  ),
  gnd: z.preprocess(
    (v) => (v === '' ? null : v),
    z
      .string()
      .regex(/^[0-9X-]{5,20}$/, 'a GND number')
      .nullable()
      .default(null),
  ),
  status: status.default('draft'),
  note: line,
  names: z
    .array(z.object({ id: statementId, name: requiredLine, abbreviation: line, lang: languageTag }))
    .min(1, 'an organization needs at least one name')
    .max(50),
});
export type OrganizationDocument = z.output<typeof organizationDocument>;

export async function loadOrganizationDocument(db: Db, id: number): Promise<OrganizationDocument | null> {
  const org = await findOrganizationById(db, id);
  if (!org) return null;
  const names = await listOrganizationNames(db, [id]);
  return {
    kind: org.kind,
    parent: org.parent_id,
    place: org.place_id,
    wikidata: org.wikidata_id,
    gnd: org.gnd_id,
    status: org.status === 'published' ? 'published' : 'draft',
    note: org.note,
    names: names.map((n) => ({ id: n.id, name: n.name, abbreviation: n.abbreviation, lang: n.lang })),
  };
}

export async function applyOrganizationDocument(db: Db, id: number, doc: OrganizationDocument): Promise<void> {
  for (let at = doc.parent ?? null, steps = 0; at !== null && steps < 100; steps++) {
    if (at === id)
      throw new InvalidRecordError([{ path: 'parent', message: 'an organization cannot belong to itself' }]);
    at = (await findOrganizationById(db, at))?.parent_id ?? null;
  }
  const before = await loadOrganizationDocument(db, id);
  if (!before) throw new Error(`no organization ${id}`);
  await updateOrganizationRow(db, id, {
    ...organizationValues({
      kind: doc.kind,
      parentId: doc.parent ?? null,
      placeId: doc.place ?? null,
      wikidataId: doc.wikidata,
      gndId: doc.gnd,
      note: doc.note ?? null,
    }),
    key: undefined,
    status: doc.status,
  });
  const values = (n: OrganizationDocument['names'][number], sort: number) =>
    organizationNameValues(id, sort, { name: n.name, abbreviation: n.abbreviation ?? null, lang: n.lang ?? 'en' });
  await syncRows(
    before.names.map((n) => n.id as number),
    doc.names,
    {
      insert: (n, sort) => insertOrganizationName(db, values(n, sort)),
      update: (nid, n, sort) => updateOrganizationName(db, nid, values(n, sort)),
      remove: (ids) => deleteOrganizationNames(db, ids),
    },
  );
}
