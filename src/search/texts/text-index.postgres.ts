import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import type { TextHit, TextIndex, TextKind } from './text-index.ts';

/** The texts of the records with refs from `first` to `last` as (ref, lang, body): the SQL that makes the entries. */
function texts(kind: TextKind, first: number, last: number) {
  switch (kind) {
    case 'biography':
      return sql`SELECT t.person_id AS ref, t.lang, t.biography AS body
        FROM person_texts t JOIN persons p ON p.id = t.person_id
        WHERE t.person_id BETWEEN ${first} AND ${last} AND p.status = 'published'`;
    case 'event':
      // A variant's descriptions are found under its main event.
      return sql`SELECT e.id AS ref, t.lang, t.description AS body
        FROM event_texts t JOIN events e ON e.id = t.event_id
        WHERE t.event_id BETWEEN ${first} AND ${last} AND e.variant_of IS NULL
        UNION ALL
        SELECT v.variant_of, t.lang, t.description
        FROM events v JOIN event_texts t ON t.event_id = v.id
        WHERE v.variant_of BETWEEN ${first} AND ${last}`;
    case 'document':
      return sql`SELECT source_id AS ref, lang, text AS body FROM document_texts
        WHERE source_id BETWEEN ${first} AND ${last}`;
    case 'list-row':
      // The cells as written, in column order: json, not jsonb, keeps the keys' order.
      return sql`SELECT r.id AS ref, NULL::text AS lang,
          (SELECT string_agg(c.value, ' · ' ORDER BY c.n) FROM json_each_text(r.cells::json) WITH ORDINALITY c(key, value, n)) AS body
        FROM list_rows r WHERE r.id BETWEEN ${first} AND ${last}`;
  }
}

export class PostgresTextIndex implements TextIndex {
  constructor(private readonly db: Db) {}

  async replace(kind: TextKind, first: number, last: number): Promise<number> {
    await this.db
      .deleteFrom('text_docs')
      .where('kind', '=', kind)
      .where('ref', '>=', first)
      .where('ref', '<=', last)
      .execute();
    const result = await sql`INSERT INTO text_docs (kind, ref, lang, body, tsv)
      SELECT ${kind}, ref, lang, body, to_tsvector('fates_text', body)
      FROM (${texts(kind, first, last)}) t WHERE body IS NOT NULL AND body <> ''`.execute(this.db);
    return Number(result.numAffectedRows ?? 0);
  }

  async lastIndexedRef(kind: TextKind): Promise<number> {
    const row = await this.db
      .selectFrom('text_docs')
      .select((eb) => eb.fn.max('ref').as('last'))
      .where('kind', '=', kind)
      .executeTakeFirst();
    return Number(row?.last ?? 0);
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
