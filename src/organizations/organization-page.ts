import { CitationIndex } from '../citations/citation-index.ts';
import type { Db } from '../db/connection.ts';
import { listEventIdsOfOrganization } from '../events/event.repository.ts';
import { type EventView, loadEventBundle, TIMELINE_PARTICIPANTS } from '../events/event-view.ts';
import type { Lang } from '../i18n/i18n.ts';
import { assertPublic } from '../statements/status.ts';
import {
  findOrganizationById,
  listMembers,
  listOrganizationNames,
  listOrganizations,
} from './organization.repository.ts';
import { organizationLabel } from './organization-label.ts';

const EVENT_LIMIT = 200;

export interface OrganizationSummary {
  id: number;
  kind: string;
  name: string;
  abbreviation: string | null;
}

export interface OrganizationPage extends OrganizationSummary {
  names: { name: string; abbreviation: string | null; lang: string }[];
  note: string | null;
  wikidata: string | null;
  gnd: string | null;
  parent: OrganizationSummary | null;
  events: EventView[];
  members: { personId: number; name: string; type: string; value: string }[];
}

export async function getOrganizationPage(db: Db, id: number, lang: Lang): Promise<OrganizationPage> {
  const org = await findOrganizationById(db, id);
  assertPublic('organizations', id, org);
  const names = await listOrganizationNames(db, [id, ...(org.parent_id ? [org.parent_id] : [])]);
  const own = names.filter((n) => n.organization_id === id);
  const bundle = await loadEventBundle(db, await listEventIdsOfOrganization(db, id, EVENT_LIMIT), {
    preview: { limit: TIMELINE_PARTICIPANTS },
  });
  const members = await listMembers(db, id);
  return {
    id,
    kind: org.kind,
    ...organizationLabel(own, lang),
    names: own,
    note: org.note,
    wikidata: org.wikidata_id,
    gnd: org.gnd_id,
    parent: org.parent_id
      ? {
          id: org.parent_id,
          kind: '',
          ...organizationLabel(
            names.filter((n) => n.organization_id === org.parent_id),
            lang,
          ),
        }
      : null,
    events: bundle.build(lang, new CitationIndex([])),
    members: members.map((m) => ({ personId: m.person_id, name: m.display_name, type: m.type, value: m.value })),
  };
}

export async function listOrganizationSummaries(db: Db, lang: Lang): Promise<OrganizationSummary[]> {
  const orgs = await listOrganizations(db);
  const names = await listOrganizationNames(
    db,
    orgs.map((o) => o.id),
  );
  return orgs
    .map((o) => ({
      id: o.id,
      kind: o.kind,
      ...organizationLabel(
        names.filter((n) => n.organization_id === o.id),
        lang,
      ),
    }))
    .sort((a, b) => a.name.localeCompare(b.name, lang));
}
