import type { Storage } from '../db/connection.ts';
import { PostgresTextIndex } from './text-index.postgres.ts';
import { SqliteTextIndex } from './text-index.sqlite.ts';

export type TextKind = 'biography' | 'event' | 'document' | 'list-row';

/** One searchable text: a biography, an event description, a document text or a list row. */
export interface TextDoc {
  kind: TextKind;
  ref: number;
  lang: string | null;
  body: string;
}

export interface TextHit {
  kind: TextKind;
  ref: number;
  lang: string | null;
  /** The matching passage; the matched words are wrapped in \u0001 … \u0002 for the view to mark. */
  snippet: string;
}

/** Full-text index over the archive's prose, one implementation per engine. */
export interface TextIndex {
  clear(): Promise<void>;
  write(docs: TextDoc[]): Promise<void>;
  /** Every word must occur (diacritics and case ignored), best matches first. */
  search(words: string[], limit: number): Promise<{ total: number; hits: TextHit[] }>;
}

/** Chooses the implementation for the storage engine. */
export function textIndexFor(storage: Storage): TextIndex {
  return storage.engine === 'postgres' ? new PostgresTextIndex(storage.db) : new SqliteTextIndex(storage.db);
}
