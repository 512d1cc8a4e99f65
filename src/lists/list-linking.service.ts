import type { Storage } from '../db/connection.ts';
import { lockForWriting } from '../db/engine.ts';
import { NotFoundError } from '../errors.ts';
import { reindexPersons } from '../search/index/search-indexer.ts';
import { insertListRowLink } from '../sources/list-row.repository.ts';
import { listRowLinkValues, type NewListRowLink } from '../sources/source.rows.ts';
import {
  FIT_ROWS,
  type Linkage,
  type LinkCandidate,
  type LinkingThread,
  type LinkModel,
  type RowForLinkage,
} from './linkage.ts';
import { countUnlinkedRows, findList, listColumnsOf, listUnlinkedRows } from './list.repository.ts';

/*
 * The machine's proposals for a list: each row that has no link yet is given its candidates by
 * record linkage. The best one at or above the suggestion threshold becomes a suggested link;
 * candidates in the band below it become links to review. A person decides each (review.service).
 * Rows that have links, whatever their status, are left alone, so linking again adds only what
 * is new.
 */

/**
 * Rows asked about per call of the linkage module (a call of more than its batch of 500 rows
 * shares them with a second thread), and rows whose proposals are written per transaction.
 */
const ASKED = 1_000;
/** Rows a call of the linkage module compares on one thread (its batch); a longer call shares them. */
const ONE_THREAD_ROWS = 500;
const BATCH = 200;
/** Candidates kept per row for review. */
const CANDIDATES = 3;

export interface LinkingReport {
  /** Rows looked at, and how many got a suggested link, links to review, or nothing. */
  rows: number;
  suggested: number;
  review: number;
  unmatched: number;
  /** Rows without links after the last one looked at, when `maxRows` stopped the run. */
  remaining: number;
  /** The position of the last row looked at: where a next run goes on (`after`). */
  last: number;
  /**
   * How the model was fitted to the list's first rows: how many, and the share of them it takes
   * to name someone in the archive (absent when there were too few to learn from).
   */
  fit?: { rows: number; inArchive: number };
}

/** The row's roles by column key, for the linkage module. */
function rolesOf(columns: { key: string; role?: string | null }[]): Record<string, string> {
  return Object.fromEntries(columns.flatMap((c) => (c.role ? [[c.key, c.role]] : [])));
}

/** What the candidates of one row become: links with their weights and evidence. */
export function proposals(
  candidates: readonly LinkCandidate[],
  thresholds: { suggest: number; review: number },
): NewListRowLink[] {
  const out: NewListRowLink[] = [];
  for (const [i, c] of candidates.slice(0, CANDIDATES).entries()) {
    const status =
      i === 0 && c.weight >= thresholds.suggest ? 'suggested' : c.weight >= thresholds.review ? 'review' : null;
    if (status) out.push({ personId: c.personId, status, weight: c.weight, evidence: c.evidence });
  }
  return out;
}

/** Proposes links for the list's rows that have none, `maxRows` at most. */
export async function linkList(
  storage: Storage,
  linkage: Linkage,
  listId: number,
  options: { maxRows?: number; after?: number; onProgress?: (rows: number) => void } = {},
): Promise<LinkingReport> {
  const list = await findList(storage.db, listId);
  if (!list) throw new NotFoundError(`list ${listId}`);
  const roles = rolesOf(listColumnsOf(list));
  const thresholds = await linkage.linkageThresholds(storage);
  const report: LinkingReport = { rows: 0, suggested: 0, review: 0, unmatched: 0, remaining: 0, last: 0 };
  const max = options.maxRows ?? Number.POSITIVE_INFINITY;
  const touched = new Set<number>();
  let after = options.after ?? 0;
  const input = (rows: { id: number; cells: string }[]): RowForLinkage[] =>
    rows.map((r) => ({ id: r.id, cells: JSON.parse(r.cells), roles }));
  // One model for the whole run (see Linkage.model): fitted once there are rows and then to the
  // list's first rows (Linkage.fitToRows), which are linked with it at once; not fitted again
  // after every batch.
  let model: LinkModel | undefined;
  /** Writes a batch of rows' proposals in one transaction. */
  const writeProposals = async (batch: { id: number }[], candidates: Map<number, LinkCandidate[]>) => {
    await storage.db.transaction().execute(async (trx) => {
      await lockForWriting(trx, 'link');
      for (const row of batch) {
        const links = proposals(candidates.get(row.id) ?? [], thresholds);
        for (const link of links) {
          await insertListRowLink(trx, listRowLinkValues(row.id, link));
          if (link.status === 'suggested') touched.add(link.personId);
        }
        if (links.some((l) => l.status === 'suggested')) report.suggested++;
        else if (links.length > 0) report.review++;
        else report.unmatched++;
      }
    });
  };
  // A second thread for the run's calls longer than a batch, started with the first of them.
  let thread: LinkingThread | null | undefined;
  try {
    while (report.rows < max) {
      const first = report.rows === 0;
      const fitting = first && linkage.fitToRows !== undefined;
      const rows = await listUnlinkedRows(
        storage.db,
        listId,
        after,
        Math.min(fitting ? FIT_ROWS : ASKED, max - report.rows),
      );
      if (rows.length === 0) break;
      if (first) model = await linkage.model?.(storage);
      if (thread === undefined && rows.length > ONE_THREAD_ROWS) thread = linkage.startThread?.(storage) ?? null;
      const shared = { limit: CANDIDATES, thread };
      let candidates: Map<number, LinkCandidate[]>;
      if (fitting && model) {
        const fitted = await linkage.fitToRows!(storage, input(rows), model, shared);
        if (fitted.fit) report.fit = { rows: fitted.fit.rows, inArchive: fitted.model.inArchive };
        model = fitted.model;
        candidates = fitted.candidates;
      } else candidates = await linkage.candidatesForRows(storage, input(rows), { ...shared, model });
      for (let i = 0; i < rows.length; i += BATCH) await writeProposals(rows.slice(i, i + BATCH), candidates);
      after = rows[rows.length - 1]!.position;
      report.rows += rows.length;
      options.onProgress?.(report.rows);
    }
  } finally {
    await thread?.close();
  }
  report.last = after;
  report.remaining = report.rows < max ? 0 : await countUnlinkedRows(storage.db, listId, after);
  // A suggested link puts the list among the person's sources in search.
  if (touched.size > 0) await reindexPersons(storage, { ids: [...touched] });
  return report;
}
