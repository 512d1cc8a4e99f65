import type { Storage } from '../db/connection.ts';
import {
  candidatesForRows,
  type FittedRows,
  fitToRows,
  type LinkCandidate,
  LinkingThread,
  type LinkModel,
  linkageThresholds,
  modelFor,
  type RowForLinkage,
} from '../linkage/link.ts';

export type {
  FittedRows,
  LinkCandidate,
  LinkEvidence,
  LinkingThread,
  LinkModel,
  ListFit,
  RowForLinkage,
} from '../linkage/link.ts';
export { FIT_ROWS } from '../linkage/link.ts';

/*
 * What lists need of record linkage (src/linkage/link.ts): candidates for rows with their match
 * weights and evidence, and the thresholds of suggestion and review. Lists take it through this
 * interface, so that tests can stand in a linkage of fixed candidates.
 */

export interface Linkage {
  /** Candidates for each row, best first; `weight` is the Fellegi–Sunter match weight (log2). */
  candidatesForRows(
    storage: Storage,
    rows: RowForLinkage[],
    options?: { limit?: number; model?: LinkModel; thread?: LinkingThread | null },
  ): Promise<Map<number, LinkCandidate[]>>;
  /** A second thread for a run's calls longer than a batch (LinkingThread), or null. */
  startThread?(storage: Storage): LinkingThread | null;
  /**
   * The model fitted to the archive as it is now, for a run that links many batches of rows: each
   * batch's writes give the archive a new version, and the run keeps the model it began with.
   */
  model?(storage: Storage): Promise<LinkModel>;
  /**
   * The model fitted to the list's first rows (up to FIT_ROWS of them), from `model`: how this
   * list writes names and how many of its rows name someone in the archive; and those rows'
   * candidates weighed by it. The model is returned as given for rows too few to learn from.
   */
  fitToRows?(
    storage: Storage,
    rows: RowForLinkage[],
    model: LinkModel,
    options?: { limit?: number; thread?: LinkingThread | null },
  ): Promise<FittedRows>;
  /** At or above `suggest` a row is linked as suggested; between `review` and `suggest` it goes to review. */
  linkageThresholds(storage: Storage): Promise<{ suggest: number; review: number }>;
}

/** The archive's record linkage. */
const BUILT_IN: Linkage = {
  candidatesForRows,
  linkageThresholds,
  model: modelFor,
  fitToRows,
  startThread: (storage) => LinkingThread.start(storage),
};

/** The linkage lists use. */
export async function requireLinkage(): Promise<Linkage> {
  return BUILT_IN;
}
