import type { CitationTable } from '../citations/citation.table.ts';
import type { EventParticipantTable, EventTable, EventTextTable } from '../events/event.table.ts';
import type { NameTable } from '../names/name.table.ts';
import type { OrganizationNameTable, OrganizationTable } from '../organizations/organization.table.ts';
import type { PersonRoleTable, PersonTable, PersonTextTable } from '../persons/person.table.ts';
import type { AttributeTable, RelationshipTable } from '../persons/statement.table.ts';
import type { PlaceNameTable, PlaceTable } from '../places/place.table.ts';
import type { DocumentTextTable, ListRowTable, SourceTable } from '../sources/source.table.ts';

export interface MetaTable {
  key: string;
  value: string;
}

export interface Database {
  persons: PersonTable;
  person_roles: PersonRoleTable;
  person_texts: PersonTextTable;
  names: NameTable;
  events: EventTable;
  event_texts: EventTextTable;
  event_participants: EventParticipantTable;
  attributes: AttributeTable;
  relationships: RelationshipTable;
  places: PlaceTable;
  place_names: PlaceNameTable;
  organizations: OrganizationTable;
  organization_names: OrganizationNameTable;
  sources: SourceTable;
  list_rows: ListRowTable;
  document_texts: DocumentTextTable;
  citations: CitationTable;
  meta: MetaTable;
}
