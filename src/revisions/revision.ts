/** The kinds of record that have a history of their own. */
export const RECORD_TYPES = ['person', 'event', 'place', 'organization', 'source', 'list_row'] as const;
export type RecordType = (typeof RECORD_TYPES)[number];
/** The record types edited on a form of their own; list rows are edited on their list's pages. */
export const FORM_TYPES = ['person', 'event', 'place', 'organization', 'source'] as const;
export type FormType = (typeof FORM_TYPES)[number];

/** What a revision did to its record. */
export const REVISION_ACTIONS = [
  'create',
  'update',
  'remove',
  'restore',
  'revert',
  'undo',
  'merge',
  'unmerge',
] as const;
export type RevisionAction = (typeof REVISION_ACTIONS)[number];

/** What a change set was: an edit, a bulk load, a revert of another change set … */
export const CHANGE_SET_KINDS = ['edit', 'sample', 'import', 'revert', 'undo', 'merge', 'unmerge', 'api'] as const;
export type ChangeSetKind = (typeof CHANGE_SET_KINDS)[number];

/** The path segment of a record type's pages and API: `person` → `persons`. */
export const RECORD_PATHS: Record<RecordType, string> = {
  person: 'persons',
  event: 'events',
  place: 'places',
  organization: 'organizations',
  source: 'sources',
  list_row: 'list-rows',
};
