import type { z } from 'zod';
import { dataLicence } from '../archive/data-licence.ts';
import type { CiteMark } from '../citations/citation-index.ts';
import type { EventView } from '../events/event-view.ts';
import type { OrganizationPage } from '../organizations/organization-page.ts';
import { isFate, SEXES, type Sex } from '../persons/person.ts';
import type { PersonPage } from '../persons/person-page.ts';
import type { PlacePage } from '../places/place-page.ts';
import type { SourcePage } from '../sources/source-page.ts';
import type { SourceView } from '../sources/source-view.ts';
import { RANKS, type Rank } from '../statements/rank.ts';
import type {
  citation,
  event,
  eventRecord,
  organizationRecord,
  personRecord,
  placeRecord,
  sourceRecord,
  sourceSummary,
} from './records.schemas.ts';

/*
 * The API's view of each record, mapped from the page models the site shows: what a page shows
 * an anonymous reader is exactly what the API gives, drafts left out in one place.
 */

export function licenceBody(): z.infer<typeof personRecord>['licence'] {
  const { name, url } = dataLicence();
  return { name, url };
}

const rank = (r: string): Rank => ((RANKS as readonly string[]).includes(r) ? (r as Rank) : 'normal');

function citations(cites: CiteMark[]): z.infer<typeof citation>[] {
  return cites.map((c) => ({ source: c.sourceId, locator: c.locator, listRow: c.row, quote: c.quote, note: c.note }));
}

function statement(s: { id: number; rank: string; note: string | null; cites: CiteMark[] }) {
  return { id: s.id, rank: rank(s.rank), note: s.note, citations: citations(s.cites) };
}

export function sourceSummaryBody(s: SourceView): z.infer<typeof sourceSummary> {
  return { id: s.id, kind: s.kind, title: s.title, reference: s.reference, externalUrl: s.url };
}

function eventCore(e: EventView) {
  return {
    ...statement(e),
    type: e.type,
    date: e.edtf,
    dateText: e.dateText,
    place: e.place ? { id: e.place.id, name: e.place.name, today: e.place.today } : null,
    placeText: e.placeText,
    organization: e.organization,
    details: e.details,
    description: e.description,
    participants: e.participants.map((p) => ({ person: p.personId, name: p.name, role: p.role, note: p.note })),
    participantCount: e.participantCount,
  };
}

export function eventBody(e: EventView): z.infer<typeof event> {
  return { ...eventCore(e), variants: e.variants.map(eventCore) };
}

export function personBody(p: PersonPage, url: string): z.infer<typeof personRecord> {
  return {
    id: p.id,
    url,
    name: p.displayName,
    sortName: p.sortName,
    sex: (SEXES as readonly string[]).includes(p.sex) ? (p.sex as Sex) : 'unknown',
    fate: isFate(p.fate) ? p.fate : null,
    roles: p.roles,
    biography: p.biography,
    updatedAt: p.updatedAt,
    names: p.names.map((n) => ({
      ...statement(n),
      kind: n.kind,
      full: n.full,
      given: n.given,
      surname: n.surname,
      patronymic: n.patronymic,
      lang: n.lang,
      valid: n.valid,
    })),
    events: p.events.map(eventBody),
    attributes: p.attributes.map((a) => ({
      ...statement(a),
      type: a.type,
      value: a.value,
      date: a.edtf,
      organization: a.organization,
      variants: a.variants.map((v) => ({ ...statement(v), value: v.value, date: v.edtf })),
    })),
    relationships: p.relationships.map((r) => ({
      ...statement(r),
      type: r.type,
      person: r.person,
      name: r.name,
      date: r.edtf,
      variants: r.variants.map((v) => ({ ...statement(v), type: v.type, date: v.edtf })),
    })),
    listRows: p.listRows.map((r) => ({
      list: r.sourceId,
      listTitle: r.sourceTitle,
      position: r.position,
      cells: r.cells.map(([label, value]) => ({ label, value })),
      status: r.status,
    })),
    sources: p.sources.map(sourceSummaryBody),
    licence: licenceBody(),
  };
}

export function eventRecordBody(e: EventView, sources: SourceView[], url: string): z.infer<typeof eventRecord> {
  return { ...eventBody(e), url, sources: sources.map(sourceSummaryBody), licence: licenceBody() };
}

export function placeBody(p: PlacePage, url: string): z.infer<typeof placeRecord> {
  return {
    id: p.id,
    url,
    kind: p.kind,
    name: p.name,
    names: p.names.map((n) => ({ name: n.name, lang: n.lang, kind: n.kind, valid: n.valid_edtf })),
    lat: p.lat,
    lon: p.lon,
    wikidata: p.wikidata,
    geonames: p.geonames,
    note: p.note,
    parent: p.parent,
    children: p.children,
    events: p.events.map(eventBody),
    licence: licenceBody(),
  };
}

export function organizationBody(o: OrganizationPage, url: string): z.infer<typeof organizationRecord> {
  return {
    id: o.id,
    url,
    kind: o.kind,
    name: o.name,
    abbreviation: o.abbreviation,
    names: o.names.map((n) => ({ name: n.name, abbreviation: n.abbreviation, lang: n.lang })),
    wikidata: o.wikidata,
    gnd: o.gnd,
    note: o.note,
    parent: o.parent,
    events: o.events.map(eventBody),
    members: o.members.map((m) => ({ person: m.personId, name: m.name, type: m.type, value: m.value })),
    licence: licenceBody(),
  };
}

export function sourceBody(s: SourcePage, url: string): z.infer<typeof sourceRecord> {
  return {
    ...sourceSummaryBody(s),
    url,
    asOf: s.asOf,
    authors: s.authors,
    container: s.container,
    date: s.date,
    archival: s.archival,
    accessed: s.accessed,
    language: s.language,
    note: s.note,
    columns: s.columns,
    rowCount: s.rowCount,
    texts: s.texts,
    citedBy: s.citing.map((c) => ({
      type: c.type,
      record: c.href,
      label: c.label,
      eventType: c.eventType,
      date: c.edtf,
      locator: c.locator,
      quote: c.quote,
    })),
    licence: licenceBody(),
  };
}
