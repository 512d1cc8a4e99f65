import type { ColumnType, Generated } from 'kysely';

/** A reviewer's edit of a record, waiting for an editor to accept or decline it. */
export interface ProposalTable {
  id: Generated<number>;
  record_type: string;
  /** The record changed; null for a record the proposal would create. */
  record_id: number | null;
  /** The revision the reviewer started from (0: the record had no history yet). */
  base_revision: number | null;
  /** The record's whole document as proposed (JSON), validated when it was proposed. */
  document: string;
  reason: string | null;
  user_id: number;
  created_at: ColumnType<string, string | undefined, never>;
  /** `pending`, `accepting` (an editor is saving it), `accepted`, `declined`. */
  status: ColumnType<string, string | undefined, string>;
  decided_by: number | null;
  decided_at: string | null;
  decision_note: string | null;
  /** The revision an accepted proposal became. */
  revision_id: number | null;
}
