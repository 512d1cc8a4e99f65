import type { Storage } from '../db/connection.ts';
import { InputError } from '../errors.ts';

/*
 * What lists need of record linkage (src/linkage/link.ts): candidates for rows with their match
 * weights and evidence, and the thresholds of suggestion and review. The types repeat that module's
 * interface so that lists build whether or not it is part of this build; `linkageModule` loads it
 * where it is, and says plainly where it is not.
 */

export interface LinkEvidence {
  comparison: string;
  level: string;
  weight: number;
  detail?: string;
}

export interface LinkCandidate {
  personId: number;
  weight: number;
  probability: number;
  evidence: LinkEvidence[];
}

export interface RowForLinkage {
  id: number;
  cells: Record<string, string>;
  /** Column key → role. */
  roles: Record<string, string>;
}

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

/** Linkage is asked for but this build does not have it. */
export class LinkageUnavailableError extends InputError {
  override name = 'LinkageUnavailableError';
  constructor() {
    super('Record linkage is not available in this build: lists can be imported and linked by hand.');
  }
}

// A variable, not a literal: the module is looked for when asked for, not when this one loads.
const LINK_MODULE = '../linkage/link.ts';
let loaded: Promise<Linkage | null> | undefined;

/** The record-linkage module of this build, or null where it has none. */
export function linkageModule(): Promise<Linkage | null> {
  loaded ??= import(/* @vite-ignore */ LINK_MODULE).then(
    (m: Partial<Linkage>) =>
      typeof m.candidatesForRows === 'function' && typeof m.linkageThresholds === 'function' ? (m as Linkage) : null,
    (error: unknown) => {
      if (
        (error as { code?: string }).code === 'ERR_MODULE_NOT_FOUND' ||
        /Cannot find module|Failed to load/.test(String(error))
      )
        return null;
      throw error;
    },
  );
  return loaded;
}

/** The linkage module, or LinkageUnavailableError. */
export async function requireLinkage(): Promise<Linkage> {
  const linkage = await linkageModule();
  if (!linkage) throw new LinkageUnavailableError();
  return linkage;
}
