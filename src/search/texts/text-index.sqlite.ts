import { sql } from 'kysely';
import type { Db } from '../../db/connection.ts';
import { ftsQuote } from '../../db/fts5.ts';
import { TEXT_KINDS, type TextHit, type TextIndex, type TextKind } from './text-index.ts';

/*
 * Each entry's rowid says whose it is: the kind in the high bits, then the record, then the
 * entry's place among the record's texts (a biography per language, a document's texts). The
 * entries of a run of records are then one run of rowids, which FTS5 finds and deletes without
 * reading the rest of the index.
 */
const KIND_BITS = 2 ** 51;
const TEXTS_PER_REF = 2 ** 16;

/** The first rowid of the entries of `kind` for `ref`. */
function rowid(kind: TextKind, ref: number): number {
  return TEXT_KINDS.indexOf(kind) * KIND_BITS + ref * TEXTS_PER_REF;
}

/**
 * A rowid bound as an SQL integer: FTS5 finds a range of rowids bound as integers in the index,
 * but scans every entry for one bound as a floating-point number, which is how a JavaScript
 * number is bound.
 */
function bound(n: number): bigint {
  return BigInt(n);
}

/**
 * The texts of the records with refs from `first` to `last` as (ref, body, lang), each with the
 * columns that order a record's texts: the SQL that makes the index's entries.
 */
function texts(kind: TextKind, first: number, last: number) {
  switch (kind) {
    case 'biography':
      // `+p.status`: the persons' status index is not the way in; the range of texts is (else
      // SQLite walks every published person to write one person's biography).
      return sql`SELECT t.person_id AS ref, t.lang AS o1, NULL AS o2, t.biography AS body, t.lang AS lang
        FROM person_texts t JOIN persons p ON p.id = t.person_id
        WHERE t.person_id BETWEEN ${first} AND ${last} AND +p.status = 'published'`;
    case 'event':
      // A variant's descriptions are found under its main event.
      return sql`SELECT e.id AS ref, t.event_id AS o1, t.lang AS o2, t.description AS body, t.lang AS lang
        FROM event_texts t JOIN events e ON e.id = t.event_id
        WHERE t.event_id BETWEEN ${first} AND ${last} AND e.variant_of IS NULL
        UNION ALL
        SELECT v.variant_of, t.event_id, t.lang, t.description, t.lang
        FROM events v JOIN event_texts t ON t.event_id = v.id
        WHERE v.variant_of BETWEEN ${first} AND ${last}`;
    case 'document':
      return sql`SELECT source_id AS ref, id AS o1, NULL AS o2, text AS body, lang
        FROM document_texts WHERE source_id BETWEEN ${first} AND ${last}`;
    case 'list-row':
      // The cells as written, in column order.
      return sql`SELECT r.id AS ref, NULL AS o1, NULL AS o2,
          (SELECT group_concat(c.value, ' · ' ORDER BY c.id) FROM json_each(r.cells) c) AS body, NULL AS lang
        FROM list_rows r WHERE r.id BETWEEN ${first} AND ${last}`;
  }
}

export class SqliteTextIndex implements TextIndex {
  constructor(private readonly db: Db) {}

  async replace(kind: TextKind, first: number, last: number): Promise<number> {
    await sql`DELETE FROM text_fts WHERE rowid BETWEEN ${bound(rowid(kind, first))} AND ${bound(rowid(kind, last + 1) - 1)}`.execute(
      this.db,
    );
    const result = await sql`INSERT INTO text_fts (rowid, body, kind, ref, lang)
      SELECT ${TEXT_KINDS.indexOf(kind) * KIND_BITS} + ref * ${TEXTS_PER_REF}
          + row_number() OVER (PARTITION BY ref ORDER BY o1, o2) - 1, body, ${kind}, ref, lang
      FROM (${texts(kind, first, last)}) WHERE body IS NOT NULL AND body <> ''`.execute(this.db);
    return Number(result.numAffectedRows ?? 0);
  }

  async lastIndexedRef(kind: TextKind): Promise<number> {
    const { rows } = await sql<{ last: number | null }>`SELECT max(rowid) AS last FROM text_fts
      WHERE rowid BETWEEN ${bound(rowid(kind, 0))} AND ${bound(rowid(kind, 0) + KIND_BITS - 1)}`.execute(this.db);
    const last = rows[0]?.last;
    return last === null || last === undefined ? 0 : Math.floor((Number(last) - rowid(kind, 0)) / TEXTS_PER_REF);
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
