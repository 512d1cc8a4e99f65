import type { Insertable } from 'kysely';
import { type RowOf, rowValues } from '../db/rows.ts';
import type { OrganizationNameTable, OrganizationTable } from './organization.table.ts';

/** An organization's own row as a service or the generator gives it; its names are rows of their own. */
export interface OrganizationFields {
  key?: string | null;
  /** `nkvd-board`, `party`, `camp`, `trust` … */
  kind: string;
  parentId?: number | null;
  placeId?: number | null;
  wikidataId?: string | null;
  gndId?: string | null;
  note?: string | null;
}

export const ORGANIZATION_COLUMNS = ['key', 'kind', 'parent_id', 'place_id', 'wikidata_id', 'gnd_id', 'note'] as const;
type OrganizationValues = Insertable<OrganizationTable>;

export function organizationRow(o: OrganizationFields): RowOf<OrganizationValues, typeof ORGANIZATION_COLUMNS> {
  return [
    o.key ?? null,
    o.kind,
    o.parentId ?? null,
    o.placeId ?? null,
    o.wikidataId ?? null,
    o.gndId ?? null,
    o.note ?? null,
  ];
}

export function organizationValues(o: OrganizationFields) {
  return rowValues<OrganizationValues, typeof ORGANIZATION_COLUMNS>(ORGANIZATION_COLUMNS, organizationRow(o));
}

export interface NewOrganizationName {
  name: string;
  abbreviation?: string | null;
  lang: string;
}

export const ORGANIZATION_NAME_COLUMNS = ['organization_id', 'name', 'abbreviation', 'lang', 'sort'] as const;
type OrganizationNameValues = Insertable<OrganizationNameTable>;

export function organizationNameRow(
  organizationId: number,
  sort: number,
  n: NewOrganizationName,
): RowOf<OrganizationNameValues, typeof ORGANIZATION_NAME_COLUMNS> {
  return [organizationId, n.name, n.abbreviation ?? null, n.lang, sort];
}

export function organizationNameValues(organizationId: number, sort: number, n: NewOrganizationName) {
  return rowValues<OrganizationNameValues, typeof ORGANIZATION_NAME_COLUMNS>(
    ORGANIZATION_NAME_COLUMNS,
    organizationNameRow(organizationId, sort, n),
  );
}
