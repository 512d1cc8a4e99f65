import type { Storage } from '../db/connection.ts';
import { candidatesForRows, type LinkCandidate, linkageThresholds, type RowForLinkage } from '../linkage/link.ts';

export type { LinkCandidate, LinkEvidence, RowForLinkage } from '../linkage/link.ts';

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
    options?: { limit?: number },
  ): Promise<Map<number, LinkCandidate[]>>;
  /** At or above `suggest` a row is linked as suggested; between `review` and `suggest` it goes to review. */
  linkageThresholds(storage: Storage): Promise<{ suggest: number; review: number }>;
}

/** The archive's record linkage. */
const BUILT_IN: Linkage = { candidatesForRows, linkageThresholds };

/** The linkage lists use. */
export async function requireLinkage(): Promise<Linkage> {
  return BUILT_IN;
}
