import type { AuditLogTable } from '../accounts/audit.table.ts';
import type { SessionTable, SignInFailureTable } from '../accounts/session.table.ts';
import type { ApiTokenTable } from '../accounts/token.table.ts';
import type { UserTable } from '../accounts/user.table.ts';
import type { CitationTable } from '../citations/citation.table.ts';
import type {
  ContributionAttemptTable,
  ContributionFileTable,
  ContributionMessageTable,
  ContributionProposalTable,
  ContributionTable,
  MailOutboxTable,
} from '../contributions/contribution.table.ts';
import type { ProposalTable } from '../editing/proposal.table.ts';
import type { EventParticipantTable, EventTable, EventTextTable } from '../events/event.table.ts';
import type { ListFileChunkTable, ListFileTable } from '../lists/list-file.table.ts';
import type { MediaFileTable, MediaTable } from '../media/media.table.ts';
import type { DuplicatePairTable, MergeTable } from '../merges/merge.table.ts';
import type { NameTable } from '../names/name.table.ts';
import type { OrganizationNameTable, OrganizationTable } from '../organizations/organization.table.ts';
import type { PersonRoleTable, PersonTable, PersonTextTable } from '../persons/person.table.ts';
import type { AttributeTable, RelationshipTable } from '../persons/statement.table.ts';
import type { PlaceNameTable, PlaceTable } from '../places/place.table.ts';
import type { ChangeSetTable, RevisionTable } from '../revisions/revision.table.ts';
import type { FactCountTable, PersonFactTable } from '../search/facts/fact.table.ts';
import type { IndexQueueTable } from '../search/index/index-queue.table.ts';
import type {
  SearchBitsetTable,
  SearchBitsetTokenTable,
  SearchDocChangeTable,
  SearchDocTable,
  SearchFtsTable,
  SearchKeyImpliesTable,
  SearchVocabTable,
  SearchVocabTrgmTable,
} from '../search/index/search.table.ts';
import type { TextDocTable, TextFtsTable } from '../search/texts/text.table.ts';
import type { DocumentTextTable, ListRowLinkTable, ListRowTable, SourceTable } from '../sources/source.table.ts';
import type { ArchiveMarkTable, MetaTable } from './meta.table.ts';

/**
 * Every table of both engines, as Kysely checks queries against them. Some derived tables exist
 * on one engine only (ENGINE_ONLY_TABLES in tables.ts); a test compares this list with the
 * migrated databases.
 */
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
  list_row_links: ListRowLinkTable;
  list_files: ListFileTable;
  list_file_chunks: ListFileChunkTable;
  document_texts: DocumentTextTable;
  citations: CitationTable;
  change_sets: ChangeSetTable;
  revisions: RevisionTable;
  proposals: ProposalTable;
  merges: MergeTable;
  duplicate_pairs: DuplicatePairTable;
  users: UserTable;
  api_tokens: ApiTokenTable;
  audit_log: AuditLogTable;
  media: MediaTable;
  media_files: MediaFileTable;
  contributions: ContributionTable;
  contribution_messages: ContributionMessageTable;
  contribution_files: ContributionFileTable;
  contribution_proposals: ContributionProposalTable;
  mail_outbox: MailOutboxTable;
  meta: MetaTable;
  // Derived from the above (DERIVED_TABLES in tables.ts).
  search_docs: SearchDocTable;
  search_vocab: SearchVocabTable;
  search_fts: SearchFtsTable;
  search_vocab_trgm: SearchVocabTrgmTable;
  search_key_implies: SearchKeyImpliesTable;
  search_bitset_tokens: SearchBitsetTokenTable;
  search_bitsets: SearchBitsetTable;
  search_doc_changes: SearchDocChangeTable;
  text_docs: TextDocTable;
  text_fts: TextFtsTable;
  archive_marks: ArchiveMarkTable;
  index_queue: IndexQueueTable;
  person_facts: PersonFactTable;
  fact_counts: FactCountTable;
  // Short-lived, never copied (EPHEMERAL_TABLES in tables.ts).
  sessions: SessionTable;
  sign_in_failures: SignInFailureTable;
  contribution_attempts: ContributionAttemptTable;
}
