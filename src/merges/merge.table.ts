import type { ColumnType, Generated } from 'kysely';

/** One person merged into another, with what the merge moved (JSON, see merge.service.ts). */
export interface MergeTable {
  id: Generated<number>;
  source_id: number;
  target_id: number;
  change_set_id: number;
  moved: string;
  created_at: ColumnType<string, string | undefined, never>;
  /** The change set that unmerged it. */
  undone_by: number | null;
}

/** Two persons record linkage takes for one, awaiting an editor: `open`, `dismissed` or `merged`. */
export interface DuplicatePairTable {
  /** The smaller id of the two. */
  person_a: number;
  person_b: number;
  weight: number;
  /** The comparisons' waterfall, JSON. */
  evidence: string;
  status: ColumnType<string, string | undefined, string>;
  computed_at: ColumnType<string, string | undefined, string>;
}
