import { listUsers } from '../accounts/user.service.ts';
import { shownName } from '../accounts/user.ts';
import type { Db, Storage } from '../db/connection.ts';
import { NotFoundError } from '../errors.ts';
import type { Lang } from '../i18n/i18n.ts';
import { type Doc, diffDocuments, type FieldChange } from '../revisions/document-diff.ts';
import {
  findChangeSet,
  findRevision,
  listChangeSetRevisions,
  listRecentRevisions,
  listRecordRevisions,
  type RecentChangesFilter,
  type RevisionRow,
} from '../revisions/revision.repository.ts';
import type { RecordType } from '../revisions/revision.ts';
import { SearchService } from '../search/names/person-search.service.ts';
import type { LOOKUP_TYPES } from './editing.schemas.ts';
import { revisionChanges } from './editing.service.ts';
import { recordKind } from './record-kinds.ts';
import { recordLabels } from './record-labels.ts';
import { findOrganizationIdsByName, findPlaceIdsByName, findSourceIdsByTitle } from './reference.repository.ts';
import { loadReferences, type RefTarget, refKey } from './references.ts';

/*
 * What history pages and the history API show: a record's revisions with who made them and
 * what each changed, any two revisions compared, the archive's recent changes; and the
 * lookups behind the record-number fields of the edit forms.
 */

/** Users by id, as history names them. */
export async function userNames(db: Db): Promise<Map<number, string>> {
  return new Map((await listUsers(db)).map((u) => [u.id, shownName(u)]));
}

export interface RevisionEntry {
  id: number;
  action: string;
  at: string;
  userId: number | null;
  user: string | null;
  reason: string | null;
  changeSet: number;
  changeSetKind: string;
  revertedBy: number | null;
}

function entry(r: Awaited<ReturnType<typeof listRecordRevisions>>[number], names: Map<number, string>): RevisionEntry {
  return {
    id: r.id,
    action: r.action,
    at: r.created_at,
    userId: r.user_id,
    user: r.user_id === null ? null : (names.get(r.user_id) ?? `#${r.user_id}`),
    reason: r.reason,
    changeSet: r.change_set_id,
    changeSetKind: r.kind,
    revertedBy: r.reverted_by,
  };
}

/** A record's revisions, newest first, with what each changed. */
export async function recordHistory(
  db: Db,
  type: RecordType,
  id: number,
  page: { limit: number; before?: number },
): Promise<{
  revisions: (RevisionEntry & { changes: FieldChange[]; before: Doc | null; after: Doc | null })[];
  next: number | null;
}> {
  const rows = await listRecordRevisions(db, type, id, page.limit + 1, page.before);
  const shown = rows.slice(0, page.limit);
  const names = await userNames(db);
  const revisions = [];
  for (const r of shown) {
    const row = (await findRevision(db, r.id)) as RevisionRow;
    const diff = await revisionChanges(db, row);
    revisions.push({ ...entry(r, names), ...diff });
  }
  return { revisions, next: rows.length > page.limit ? (shown.at(-1)?.id ?? null) : null };
}

/** A record's revisions without their changes, newest first, for the history page's list. */
export async function listHistory(db: Db, type: RecordType, id: number, limit: number): Promise<RevisionEntry[]> {
  const names = await userNames(db);
  return (await listRecordRevisions(db, type, id, limit)).map((r) => entry(r, names));
}

/** The document a revision keeps (the record's present one where a bulk write left it unsaid). */
export async function snapshotDocument(db: Db, revision: RevisionRow): Promise<Doc | null> {
  if (revision.snapshot !== null) return JSON.parse(revision.snapshot) as Doc;
  return recordKind(revision.record_type as RecordType).load(db, revision.record_id);
}

/** The record as a revision left it: none after a removal. */
export async function revisionDocument(db: Db, revision: RevisionRow): Promise<Doc | null> {
  return revision.action === 'remove' ? null : snapshotDocument(db, revision);
}

/** A revision of this record, or not found. */
export async function recordRevision(db: Db, type: RecordType, id: number, revisionId: number): Promise<RevisionRow> {
  const r = await findRevision(db, revisionId);
  if (!r || r.record_type !== type || r.record_id !== id) throw new NotFoundError(`revision ${revisionId}`);
  return r;
}

/** Two revisions of one record compared, the older first. */
export async function compareRevisions(db: Db, type: RecordType, id: number, a: number, b: number) {
  const [older, newer] = [Math.min(a, b), Math.max(a, b)];
  const from = await recordRevision(db, type, id, older);
  const to = await recordRevision(db, type, id, newer);
  const [before, after] = [await revisionDocument(db, from), await revisionDocument(db, to)];
  return { from, to, before, after, changes: diffDocuments(before, after) };
}

export interface RecentChange extends RevisionEntry {
  type: RecordType;
  recordId: number;
  label: string;
}

/** The archive's latest revisions, newest first, each with its record named. */
export async function recentChanges(db: Db, filter: RecentChangesFilter, lang: Lang): Promise<RecentChange[]> {
  const rows = await listRecentRevisions(db, filter);
  const names = await userNames(db);
  const labels = await recordLabels(
    db,
    rows.map((r) => ({ type: r.record_type as RecordType, id: r.record_id })),
    lang,
  );
  return rows.map((r) => ({
    ...entry(r, names),
    type: r.record_type as RecordType,
    recordId: r.record_id,
    label: labels.get(`${r.record_type}:${r.record_id}`) ?? `#${r.record_id}`,
  }));
}

export interface LookupResult {
  id: number;
  label: string;
  status: 'published' | 'draft';
  detail: string | null;
}

/**
 * Records of a kind whose name (or number) matches, for the record-number fields' suggestions:
 * persons through the name search (published ones) and by number (drafts too), the others by
 * a part of their name or title.
 */
export async function lookupRecords(
  storage: Storage,
  type: (typeof LOOKUP_TYPES)[number],
  q: string,
  lang: Lang,
): Promise<LookupResult[]> {
  const limit = 10;
  const db = storage.db;
  const ids: number[] = [];
  const details = new Map<number, string>();
  if (/^\d{1,15}$/.test(q)) ids.push(Number(q));
  else if (type === 'person') {
    const found = await new SearchService(storage).search({ q, sort: 'relevance', limit, offset: 0 });
    for (const r of found.results) {
      ids.push(r.id);
      const life = [r.life.born, r.life.died].filter(Boolean).join('–');
      if (life) details.set(r.id, life);
    }
  } else if (type === 'place') ids.push(...(await findPlaceIdsByName(db, q, limit)));
  else if (type === 'organization') ids.push(...(await findOrganizationIdsByName(db, q, limit)));
  else ids.push(...(await findSourceIdsByTitle(db, q, limit)));
  const target: RefTarget = type;
  const rows = await loadReferences(
    db,
    ids.map((id) => ({ path: '', target, id })),
    lang,
  );
  const out: LookupResult[] = [];
  for (const id of ids) {
    const row = rows.get(refKey(target, id));
    if (!row || (row.status !== 'published' && row.status !== 'draft')) continue;
    const extra = typeof row.extra === 'string' ? row.extra : null;
    out.push({ id, label: row.label, status: row.status, detail: details.get(id) ?? extra });
  }
  return out;
}

/** One change set with its revisions (the first `limit`), each record named. */
export async function changeSetDetail(db: Db, id: number, lang: Lang, limit: number) {
  const set = await findChangeSet(db, id);
  if (!set) throw new NotFoundError(`change set ${id}`);
  const revisions = await listChangeSetRevisions(db, id);
  const names = await userNames(db);
  const shown = revisions.slice(0, limit);
  const labels = await recordLabels(
    db,
    shown.map((r) => ({ type: r.record_type as RecordType, id: r.record_id })),
    lang,
  );
  const user = set.user_id === null ? null : (names.get(set.user_id) ?? `#${set.user_id}`);
  const changes: RecentChange[] = shown.map((r) => ({
    id: r.id,
    action: r.action,
    at: r.created_at,
    userId: set.user_id,
    user,
    reason: set.reason,
    changeSet: set.id,
    changeSetKind: set.kind,
    revertedBy: set.reverted_by,
    type: r.record_type as RecordType,
    recordId: r.record_id,
    label: labels.get(`${r.record_type}:${r.record_id}`) ?? `#${r.record_id}`,
  }));
  return {
    set: { id: set.id, kind: set.kind, user, at: set.created_at, reason: set.reason, revertedBy: set.reverted_by },
    changes,
    total: revisions.length,
  };
}
