import type { ColumnType, Generated } from 'kysely';

/** One write to the archive by one person (or by a bulk load): who, when, why. */
export interface ChangeSetTable {
  id: Generated<number>;
  /** The editor; null for the system (loading the sample data). */
  user_id: number | null;
  kind: string;
  reason: string | null;
  created_at: ColumnType<string, string | undefined, never>;
  /** The change set that reverted this one as a whole. */
  reverted_by: number | null;
}

/** A record as it was after one change: what history lists, compares and reverts to. */
export interface RevisionTable {
  id: Generated<number>;
  change_set_id: number;
  record_type: string;
  record_id: number;
  action: string;
  /**
   * The record's document (JSON) after the change; null where a bulk write created the record and
   * it has not changed since (its current state is that document; the next edit stores it).
   */
  snapshot: string | null;
  created_at: ColumnType<string, string | undefined, never>;
}
