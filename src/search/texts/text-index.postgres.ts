import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { TextDoc, TextHit, TextIndex, TextKind } from './text-index.ts';

const BATCH = 500;

export class PostgresTextIndex implements TextIndex {
  constructor(private readonly db: Db) {}

  async clear(): Promise<void> {
    // TRUNCATE, which Kysely has no builder for: it frees the table at once, unlike DELETE.
    await sql`TRUNCATE text_docs`.execute(this.db);
  }

  async write(docs: TextDoc[]): Promise<void> {
    for (let i = 0; i < docs.length; i += BATCH) {
      const batch = docs.slice(i, i + BATCH);
      await this.db
        .insertInto('text_docs')
        .values(
          batch.map((d) => ({
            kind: d.kind,
            ref: d.ref,
            lang: d.lang,
            body: d.body,
            tsv: sql<string>`to_tsvector('fates_text', ${d.body})`,
          })),
        )
        .execute();
    }
  }

  async search(words: string[], limit: number): Promise<{ total: number; hits: TextHit[] }> {
    if (words.length === 0) return { total: 0, hits: [] };
    // Words become lexemes, never operators: plainto_tsquery ANDs them and ignores syntax.
    const query = sql`plainto_tsquery('fates_text', ${words.join(' ')})`;
    const [count, rows] = await Promise.all([
      sql<{ n: number }>`SELECT count(*)::int AS n FROM text_docs WHERE tsv @@ ${query}`.execute(this.db),
      sql<{ kind: TextKind; ref: number; lang: string | null; snippet: string }>`
        SELECT kind, ref, lang,
          ts_headline('fates_text', body, ${query}, 'StartSel=' || chr(1) || ', StopSel=' || chr(2) || ', MaxWords=30, MinWords=12') AS snippet
        FROM text_docs WHERE tsv @@ ${query} ORDER BY ts_rank(tsv, ${query}) DESC, id LIMIT ${limit}`.execute(this.db),
    ]);
    return { total: Number(count.rows[0]?.n ?? 0), hits: rows.rows.map((r) => ({ ...r, ref: Number(r.ref) })) };
  }
}
