import type { Db } from '../db/connection.ts';
import { loadForEditing } from '../editing/editing.service.ts';
import { NotFoundError } from '../errors.ts';
import type { Doc } from '../revisions/document-diff.ts';
import {
  countByStatus,
  findContribution,
  listEventsForReview,
  listFiles,
  listMessages,
  listProposals,
  listQueue,
} from './contribution.repository.ts';
import { type ContributionState, STATES } from './contribution.ts';

export const QUEUE_PAGE = 50;

/** The reviewers' queue: a page of contributions in one state (or all), and how many are in each. */
export async function getQueue(db: Db, status: ContributionState | null, page: number) {
  const [counts, rows] = await Promise.all([
    countByStatus(db),
    listQueue(db, { status, limit: QUEUE_PAGE, offset: (page - 1) * QUEUE_PAGE }),
  ]);
  const total = status ? (counts[status] ?? 0) : Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    counts: Object.fromEntries(STATES.map((s) => [s, counts[s] ?? 0])) as Record<ContributionState, number>,
    total,
    pages: Math.max(1, Math.ceil(total / QUEUE_PAGE)),
    rows: rows.map((r) => ({ ...r, files: Number(r.files ?? 0) })),
  };
}

/** A person's record as reviewers compare a contribution with it: every statement, drafts marked. */
export interface RecordNow {
  id: number;
  display: string;
  state: string;
  names: { text: string; kind: string; status: string }[];
  attributes: { type: string; value: string; date: string | null; status: string }[];
  relationships: { type: string; name: string; date: string | null; status: string }[];
  events: { id: number; type: string; date: string | null; status: string }[];
}

function nameText(n: Doc): string {
  return String(n.full ?? ([n.given, n.patronymic, n.surname].filter(Boolean).join(' ') || '…'));
}

async function recordNow(db: Db, personId: number): Promise<RecordNow | null> {
  const loaded = await loadForEditing(db, 'person', personId).catch((error) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  if (!loaded) return null;
  const doc = loaded.doc;
  const list = (key: string) => (doc[key] as Doc[] | undefined) ?? [];
  const events = await listEventsForReview(db, personId);
  return {
    id: personId,
    display: String(doc.display ?? nameText(list('names')[0] ?? {})),
    state: loaded.state,
    names: list('names').map((n) => ({ text: nameText(n), kind: String(n.kind), status: String(n.status) })),
    attributes: list('attributes').map((a) => ({
      type: String(a.type),
      value: String(a.value),
      date: (a.date as string | null) ?? null,
      status: String(a.status),
    })),
    relationships: list('relationships').map((r) => ({
      type: String(r.type),
      name: String(r.relatedName ?? `#${r.relatedPerson}`),
      date: (r.date as string | null) ?? null,
      status: String(r.status),
    })),
    events: events.map((e) => ({ id: e.id, type: e.type, date: e.date_edtf, status: e.status })),
  };
}

/** Everything the review page of one contribution shows: what was sent, the record now, the proposals. */
export async function getReview(db: Db, id: number) {
  const row = await findContribution(db, id);
  if (!row) throw new NotFoundError(`contribution ${id}`);
  const [messages, files, proposals, record] = await Promise.all([
    listMessages(db, id),
    listFiles(db, id),
    listProposals(db, id),
    row.person_id === null ? null : recordNow(db, row.person_id),
  ]);
  return { contribution: row, messages, files, proposals, record };
}
export type ReviewPage = Awaited<ReturnType<typeof getReview>>;
export type QueuePage = Awaited<ReturnType<typeof getQueue>>;
