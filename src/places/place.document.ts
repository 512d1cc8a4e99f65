import { z } from 'zod';
import type { Db } from '../db/connection.ts';
import { syncRows } from '../db/sync-rows.ts';
import { InvalidRecordError } from '../errors.ts';
import { edtfDate, line, recordId, requiredLine, statementId, status } from '../statements/document-fields.ts';
import {
  deletePlaceNames,
  findPlaceById,
  insertPlaceName,
  listPlaceNames,
  updatePlaceName,
  updatePlaceRow,
} from './place.repository.ts';
import { placeNameValues, placeValues } from './place.rows.ts';
import { PLACE_KINDS } from './place.ts';

/** A place's document: its kind, where it lies, its identifiers and its names over time. */
export const placeDocument = z
  .object({
    kind: z.enum(PLACE_KINDS),
    parent: recordId,
    lat: z.preprocess((v) => (v === '' ? null : v), z.coerce.number().min(-90).max(90).nullable().default(null)),
    lon: z.preprocess((v) => (v === '' ? null : v), z.coerce.number().min(-180).max(180).nullable().default(null)),
    country: z.preprocess(
      (v) => (v === '' ? null : v),
      z
        .string()
        .regex(/^[A-Z]{2}$/, 'an ISO 3166 country code such as DE or RU')
        .nullable()
        .default(null),
    ),
    geonames: z.preprocess(
      (v) => (v === '' ? null : v),
      z.string().regex(/^\d+$/, 'a GeoNames number').nullable().default(null),
    ),
    wikidata: z.preprocess(
      (v) => (v === '' ? null : v),
      z
        .string()
        .regex(/^Q\d+$/, 'a Wikidata item such as Q64')
        .nullable()
        .default(null),
    ),
    status: status.default('draft'),
    note: line,
    names: z
      .array(
        z.object({
          id: statementId,
          name: requiredLine,
          lang: z
            .string()
            .trim()
            .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag such as de or ru'),
          kind: z.enum(['current', 'historical', 'variant']).default('current'),
          valid: edtfDate,
        }),
      )
      .min(1, 'a place needs at least one name')
      .max(50),
  })
  .refine((p) => (p.lat === null) === (p.lon === null), {
    message: 'give both latitude and longitude, or neither',
    path: ['lon'],
  });
export type PlaceDocument = z.output<typeof placeDocument>;

export async function loadPlaceDocument(db: Db, id: number): Promise<PlaceDocument | null> {
  const place = await findPlaceById(db, id);
  if (!place) return null;
  const names = await listPlaceNames(db, [id]);
  return {
    kind: place.kind as PlaceDocument['kind'],
    parent: place.parent_id,
    lat: place.lat,
    lon: place.lon,
    country: place.country,
    geonames: place.geonames_id,
    wikidata: place.wikidata_id,
    status: place.status === 'published' ? 'published' : 'draft',
    note: place.note,
    names: names.map((n) => ({
      id: n.id,
      name: n.name,
      lang: n.lang,
      kind: n.kind as PlaceDocument['names'][number]['kind'],
      valid: n.valid_edtf,
    })),
  };
}

/** A place cannot lie within itself, nor within a place that lies within it. */
async function refuseCycle(db: Db, id: number, parent: number | null): Promise<void> {
  for (let at = parent, steps = 0; at !== null && steps < 100; steps++) {
    if (at === id) throw new InvalidRecordError([{ path: 'parent', message: 'a place cannot lie within itself' }]);
    at = (await findPlaceById(db, at))?.parent_id ?? null;
  }
}

export async function applyPlaceDocument(db: Db, id: number, doc: PlaceDocument): Promise<void> {
  await refuseCycle(db, id, doc.parent ?? null);
  const before = await loadPlaceDocument(db, id);
  if (!before) throw new Error(`no place ${id}`);
  await updatePlaceRow(db, id, {
    ...placeValues({
      kind: doc.kind,
      parentId: doc.parent ?? null,
      lat: doc.lat,
      lon: doc.lon,
      country: doc.country,
      geonamesId: doc.geonames,
      wikidataId: doc.wikidata,
      note: doc.note ?? null,
    }),
    key: undefined,
    status: doc.status,
  });
  const values = (n: PlaceDocument['names'][number], sort: number) =>
    placeNameValues(id, sort, { name: n.name, lang: n.lang, kind: n.kind, valid: n.valid ?? null });
  await syncRows(
    before.names.map((n) => n.id as number),
    doc.names,
    {
      insert: (n, sort) => insertPlaceName(db, values(n, sort)),
      update: (nid, n, sort) => updatePlaceName(db, nid, values(n, sort)),
      remove: (ids) => deletePlaceNames(db, ids),
    },
  );
}
