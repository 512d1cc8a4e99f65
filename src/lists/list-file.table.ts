import type { ColumnType, Generated } from 'kysely';

/** A list's original file as uploaded or imported, kept so that the list can be checked against it. */
export interface ListFileTable {
  id: Generated<number>;
  /** The list made from it; null while an upload waits for its import. */
  source_id: number | null;
  /** Hex SHA-256 of the file's bytes: the same file imported again is told by it. */
  sha256: string;
  /** The file's name as the editor gave it. */
  name: string;
  size: number;
  /** 1 once every chunk is stored. */
  complete: ColumnType<number, number | undefined, number>;
  created_by: number | null;
  created_at: ColumnType<string, string | undefined, never>;
}

/** A file's bytes in order, in chunks, so that neither storing nor reading it needs it whole in memory. */
export interface ListFileChunkTable {
  file_id: number;
  seq: number;
  data: Uint8Array;
}
