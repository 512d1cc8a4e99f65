import type { Database } from './database.ts';
import type { EngineName } from './storage.ts';

export type TableName = keyof Database;

/** How a table's rows are identified and how they point at rows of the same table. */
export interface ArchiveTable {
  name: TableName;
  /** Primary-key columns: rows are read and compared in this order. */
  key: readonly string[];
  /** The key is an auto-generated integer id whose counter must survive a copy. */
  generatedId?: true;
  /**
   * Nullable columns referring to the same table (a parent place, the main event of a variant).
   * A parent may have a larger id than its child, so a copy fills these in after the rows exist.
   */
  selfRefs?: readonly string[];
  /**
   * Holds accounts, their credentials (as hashes) or what they did, or what members of the public
   * sent and who they are: copied, and kept by a full backup so that a restored archive keeps its
   * editors and contributions, but never part of an open-data export.
   * `fates dump` (open data anyone may restore) leaves these tables out, and a restore neither
   * reads nor empties them; a table whose name says it may hold secrets must be marked so (dump.ts).
   */
  private?: true;
  /** Rows are large (files' bytes): a copy reads and writes at most this many at a time. */
  batchRows?: number;
}

/**
 * Every table that holds the archive, parents before children, so that inserting in this order
 * and deleting in the reverse order never breaks a foreign key. This is the one list that
 * `fates copy`, `fates dump` and `restore`, the start-up privilege check and the tests' table
 * dumps share; a table added to `Database` must be added here (or to DERIVED_TABLES or
 * EPHEMERAL_TABLES), which the type check below enforces.
 */
export const ARCHIVE_TABLES = [
  { name: 'places', key: ['id'], generatedId: true, selfRefs: ['parent_id'] },
  { name: 'place_names', key: ['id'], generatedId: true },
  { name: 'organizations', key: ['id'], generatedId: true, selfRefs: ['parent_id'] },
  { name: 'organization_names', key: ['id'], generatedId: true },
  { name: 'persons', key: ['id'], generatedId: true, selfRefs: ['merged_into'] },
  { name: 'person_roles', key: ['person_id', 'role'] },
  { name: 'person_texts', key: ['person_id', 'lang'] },
  { name: 'names', key: ['id'], generatedId: true },
  { name: 'events', key: ['id'], generatedId: true, selfRefs: ['variant_of'] },
  { name: 'event_texts', key: ['event_id', 'lang'] },
  { name: 'event_participants', key: ['event_id', 'person_id', 'role'] },
  { name: 'attributes', key: ['id'], generatedId: true, selfRefs: ['variant_of'] },
  { name: 'relationships', key: ['id'], generatedId: true, selfRefs: ['variant_of'] },
  { name: 'sources', key: ['id'], generatedId: true, selfRefs: ['parent_id'] },
  { name: 'list_rows', key: ['id'], generatedId: true },
  { name: 'list_row_links', key: ['id'], generatedId: true },
  { name: 'list_files', key: ['id'], generatedId: true },
  { name: 'list_file_chunks', key: ['file_id', 'seq'], batchRows: 8 },
  { name: 'document_texts', key: ['id'], generatedId: true },
  { name: 'citations', key: ['id'], generatedId: true },
  { name: 'change_sets', key: ['id'], generatedId: true, selfRefs: ['reverted_by'] },
  { name: 'revisions', key: ['id'], generatedId: true },
  { name: 'merges', key: ['id'], generatedId: true },
  { name: 'duplicate_pairs', key: ['person_a', 'person_b'] },
  { name: 'users', key: ['id'], generatedId: true, private: true },
  { name: 'api_tokens', key: ['id'], generatedId: true, private: true },
  { name: 'audit_log', key: ['id'], generatedId: true, private: true },
  // Reviewers' edits not yet accepted: editorial work in progress, never open data.
  { name: 'proposals', key: ['id'], generatedId: true, private: true },
  { name: 'media', key: ['id'], generatedId: true },
  { name: 'media_files', key: ['media_id', 'variant'], batchRows: 4 },
  { name: 'contributions', key: ['id'], generatedId: true, private: true },
  { name: 'contribution_messages', key: ['id'], generatedId: true, private: true },
  { name: 'contribution_files', key: ['id'], generatedId: true, private: true, batchRows: 4 },
  { name: 'contribution_proposals', key: ['id'], generatedId: true, private: true },
  { name: 'mail_outbox', key: ['id'], generatedId: true, private: true },
  { name: 'meta', key: ['key'] },
] as const satisfies readonly ArchiveTable[];

/**
 * Tables computed from the archive tables: the name search and full-text indexes, their queue of
 * pending work, and the marks of the archive's version. A copy or a dump neither reads nor writes
 * their rows (the target rebuilds them, see `afterCopy` in copy.ts and restore.ts) and `--force`
 * empties them.
 * SQLite's FTS5 tables also bring shadow tables named `<table>_<suffix>`, which count as theirs.
 */
export const DERIVED_TABLES = [
  'search_docs',
  'search_vocab',
  'search_fts',
  'search_vocab_trgm',
  'search_key_implies',
  'search_bitset_tokens',
  'search_bitsets',
  'search_doc_changes',
  'text_docs',
  'text_fts',
  'archive_marks',
  'index_queue',
  'person_facts',
  'fact_counts',
] as const satisfies readonly TableName[];

/**
 * Short-lived rows that belong to one running installation, not to the archive: signed-in sessions,
 * the failed sign-ins the throttle counts and the contributions the rate limit counts. Never copied, dumped or restored (a copy's target
 * starts with everyone signed out); `--force` empties them.
 */
export const EPHEMERAL_TABLES = [
  'sessions',
  'sign_in_failures',
  'contribution_attempts',
] as const satisfies readonly TableName[];

/**
 * The derived tables that exist on one engine only, each engine's index having the structure it is
 * fastest with (see their migrations); every other table of `Database` exists on both.
 */
export const ENGINE_ONLY_TABLES = {
  search_fts: 'sqlite',
  search_vocab_trgm: 'sqlite',
  search_bitset_tokens: 'sqlite',
  search_bitsets: 'sqlite',
  search_doc_changes: 'sqlite',
  text_fts: 'sqlite',
  text_docs: 'postgres',
} as const satisfies Partial<Record<(typeof DERIVED_TABLES)[number], EngineName>>;

/** The tables of `Database` that a migrated database of `engine` has. */
export function tablesOn(engine: EngineName): TableName[] {
  const only: Partial<Record<TableName, EngineName>> = ENGINE_ONLY_TABLES;
  return [...ARCHIVE_TABLES.map((t) => t.name), ...DERIVED_TABLES, ...EPHEMERAL_TABLES].filter(
    (t) => (only[t] ?? engine) === engine,
  );
}

type Listed =
  | (typeof ARCHIVE_TABLES)[number]['name']
  | (typeof DERIVED_TABLES)[number]
  | (typeof EPHEMERAL_TABLES)[number];
type Unlisted = Exclude<TableName, Listed>;
// Fails to compile, naming the table, when a table of `Database` is in neither list.
const everyTableListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyTableListed;
