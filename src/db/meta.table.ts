/** Settings and state of the archive as a whole, by key (copied with the archive). */
export interface MetaTable {
  key: string;
  value: string;
}

/**
 * Marks every writer renews, such as the archive's version (engine.ts); derived, not copied, as a
 * copy's target gets marks of its own.
 */
export interface ArchiveMarkTable {
  key: string;
  value: string;
}
