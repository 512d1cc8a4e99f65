import { listCitations } from '../citations/citation.repository.ts';
import { CitationIndex, type CiteMark } from '../citations/citation-index.ts';
import type { Db } from '../db/connection.ts';
import { MergedError } from '../errors.ts';
import { listEventRolesOfPerson } from '../events/event.repository.ts';
import { type EventView, loadEventBundle, TIMELINE_PARTICIPANTS } from '../events/event-view.ts';
import type { Lang } from '../i18n/i18n.ts';
import { loadMediaViews, type MediaView } from '../media/media.service.ts';
import { listPublishedOrganizationNames } from '../organizations/organization.repository.ts';
import { organizationLabel } from '../organizations/organization-label.ts';
import { loadSourceViews, type SourceView } from '../sources/source-view.ts';
import { byRank } from '../statements/rank.ts';
import { assertPublic } from '../statements/status.ts';
import {
  findPersonById,
  listAttributes,
  listListRowsOfPerson,
  listNames,
  listRelationships,
  listRoles,
  personText,
} from './person.repository.ts';

export interface StatementView {
  id: number;
  rank: string;
  note: string | null;
  cites: CiteMark[];
}

export interface PersonPage {
  id: number;
  displayName: string;
  sortName: string;
  sex: string;
  fate: string | null;
  roles: string[];
  biography: string | null;
  biographyCites: CiteMark[];
  updatedAt: string;
  names: (StatementView & {
    kind: string;
    full: string;
    given: string | null;
    surname: string | null;
    patronymic: string | null;
    lang: string | null;
    valid: string | null;
  })[];
  events: EventView[];
  /** The events in which this person is the subject (their birth, their arrest), not a participant. */
  subjectOf: number[];
  attributes: (StatementView & {
    type: string;
    value: string;
    edtf: string | null;
    organization: { id: number; name: string } | null;
    variants: (StatementView & { value: string; edtf: string | null })[];
  })[];
  relationships: (StatementView & {
    type: string;
    /** Seen from this person: "partner of X", or for an inverse link "child of X" becomes "parent". */
    person: { id: number; name: string } | null;
    name: string | null;
    edtf: string | null;
    variants: (StatementView & { type: string; edtf: string | null })[];
  })[];
  listRows: {
    sourceId: number;
    sourceTitle: string;
    position: number;
    cells: [string, string][];
    status: string | null;
  }[];
  sources: SourceView[];
  /** Published photos and scans, with credit and licence. */
  media: MediaView[];
}

const INVERSE: Record<string, string> = {
  parent: 'child',
  child: 'parent',
  'denounced-by': 'denounced-by',
  helped: 'helped',
};

/** Everything the person page shows, in the reader's language. Drafts are not public. */
export async function getPersonPage(db: Db, id: number, lang: Lang): Promise<PersonPage> {
  const person = await findPersonById(db, id);
  if (person?.merged_into) throw new MergedError('persons', person.merged_into);
  assertPublic('persons', id, person);

  const [roles, names, attributes, relationships, listRows, eventRoles, biography, media] = await Promise.all([
    listRoles(db, id),
    listNames(db, id),
    listAttributes(db, id),
    listRelationships(db, id),
    listListRowsOfPerson(db, id),
    listEventRolesOfPerson(db, id),
    personText(db, id, lang),
    loadMediaViews(db, 'person', id),
  ]);
  const eventIds = [...new Set(eventRoles.map((r) => r.event_id))];
  const events = await loadEventBundle(db, eventIds, { preview: { limit: TIMELINE_PARTICIPANTS, exclude: id } });
  const orgNames = await listPublishedOrganizationNames(db, [
    ...new Set(attributes.flatMap((a) => (a.organization_id ? [a.organization_id] : []))),
  ]);
  const citations = await listCitations(
    db,
    [
      { type: 'person', ids: [id] },
      { type: 'name', ids: names.map((n) => n.id) },
      { type: 'event', ids: events.allIds },
      { type: 'attribute', ids: attributes.map((a) => a.id) },
      { type: 'relationship', ids: relationships.map((r) => r.id) },
    ],
    { published: true },
  );
  const cites = new CitationIndex(citations);
  const statement = (type: string, s: { id: number; rank: string; note: string | null }): StatementView => ({
    id: s.id,
    rank: s.rank,
    note: s.note,
    cites: cites.marks(type, s.id),
  });

  const biographyCites = cites.marks('person', id);
  const nameViews = [...names].sort(byRank).map((n) => ({
    ...statement('name', n),
    kind: n.kind,
    full: n.full_name,
    given: n.given,
    surname: n.surname,
    patronymic: n.patronymic,
    lang: n.lang,
    valid: n.valid_edtf,
  }));
  const eventViews = events.build(lang, cites);
  const attributeViews = attributes
    .filter((a) => a.variant_of === null)
    .map((a) => ({
      ...statement('attribute', a),
      type: a.type,
      value: a.value,
      edtf: a.date_edtf,
      organization: orgNames.some((o) => o.organization_id === a.organization_id)
        ? {
            id: a.organization_id as number,
            name: organizationLabel(
              orgNames.filter((o) => o.organization_id === a.organization_id),
              lang,
            ).name,
          }
        : null,
      variants: attributes
        .filter((v) => v.variant_of === a.id)
        .sort(byRank)
        .map((v) => ({ ...statement('attribute', v), value: v.value, edtf: v.date_edtf })),
    }));
  const relationshipViews = relationships
    .filter((r) => r.variant_of === null)
    .map((r) => {
      const outgoing = r.person_id === id;
      const other = outgoing
        ? r.related_person_id && r.related_status === 'published'
          ? { id: r.related_person_id, name: r.related_display_name ?? '' }
          : null
        : { id: r.person_id, name: r.owner_display_name };
      return {
        ...statement('relationship', r),
        type: outgoing ? r.type : (INVERSE[r.type] ?? r.type),
        person: other,
        name: outgoing ? r.related_name : null,
        edtf: r.date_edtf,
        variants: relationships
          .filter((v) => v.variant_of === r.id)
          .sort(byRank)
          .map((v) => ({ ...statement('relationship', v), type: v.type, edtf: v.date_edtf })),
      };
    });

  // Cited sources first, in footnote order, then sources of list rows not cited elsewhere.
  const sourceIds = [
    ...cites.sourceOrder(),
    ...listRows.map((r) => r.source_id),
    ...media.flatMap((m) => (m.sourceId ? [m.sourceId] : [])),
  ];
  const sources = await loadSourceViews(db, [...new Set(sourceIds)]);

  return {
    id,
    displayName: person.display_name,
    sortName: person.sort_name,
    sex: person.sex,
    fate: person.fate,
    roles,
    biography,
    biographyCites,
    updatedAt: latest([person.updated_at, ...eventViews.map((e) => e.updatedAt)]),
    names: nameViews,
    events: eventViews,
    subjectOf: eventRoles.filter((r) => r.role === 'subject').map((r) => r.event_id),
    attributes: attributeViews,
    relationships: relationshipViews,
    listRows: listRows.map((r) => {
      const columns = r.columns ? (JSON.parse(r.columns) as { key: string; label: string }[]) : [];
      const cells = JSON.parse(r.cells) as Record<string, string>;
      return {
        sourceId: r.source_id,
        sourceTitle: r.title,
        position: r.position,
        cells: columns
          .filter((c) => cells[c.key] !== undefined)
          .map((c) => [c.label, cells[c.key] ?? ''] as [string, string]),
        status: r.link_status,
      };
    }),
    sources,
    media,
  };
}

function latest(stamps: string[]): string {
  return [...stamps].sort().at(-1) ?? '';
}
