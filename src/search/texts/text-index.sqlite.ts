import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import { ftsQuote } from '../index/sqlite/fts-query.sqlite.ts';
import type { TextDoc, TextHit, TextIndex, TextKind } from './text-index.ts';

const BATCH = 500;

export class SqliteTextIndex implements TextIndex {
  constructor(private readonly db: Db) {}

  async clear(): Promise<void> {
    await this.db.deleteFrom('text_fts').execute();
  }

  async write(docs: TextDoc[]): Promise<void> {
    for (let i = 0; i < docs.length; i += BATCH) {
      const batch = docs.slice(i, i + BATCH);
      await this.db
        .insertInto('text_fts')
        .values(batch.map((d) => ({ body: d.body, kind: d.kind, ref: d.ref, lang: d.lang })))
        .execute();
    }
  }

  async search(words: string[], limit: number): Promise<{ total: number; hits: TextHit[] }> {
    if (words.length === 0) return { total: 0, hits: [] };
    // Each word quoted, so FTS5 syntax typed by a user is only text.
    const match = words.map(ftsQuote).join(' AND ');
    const [count, rows] = await Promise.all([
      sql<{ n: number }>`SELECT count(*) AS n FROM text_fts WHERE text_fts MATCH ${match}`.execute(this.db),
      sql<{ kind: TextKind; ref: number; lang: string | null; snippet: string }>`
        SELECT kind, ref, lang, snippet(text_fts, 0, char(1), char(2), '…', 24) AS snippet
        FROM text_fts WHERE text_fts MATCH ${match} ORDER BY rank LIMIT ${limit}`.execute(this.db),
    ]);
    return { total: Number(count.rows[0]?.n ?? 0), hits: rows.rows.map((r) => ({ ...r, ref: Number(r.ref) })) };
  }
}
