import type { Storage } from '../../db/connection.ts';
import { describeTextRefs } from './text-doc.repository.ts';
import type { TextKind } from './text-index.ts';
import { textIndexFor } from './text-index-for.ts';

export interface TextResult {
  kind: TextKind;
  /** Where the hit is shown. */
  href: { kind: 'persons' | 'events' | 'sources'; id: number; anchor?: string };
  /** Person name, source title, or event type (a vocabulary value for the view to translate). */
  title: string;
  eventDate: string | null;
  rowPosition: number | null;
  /** For a list row: the person it is linked to. */
  person: { id: number; name: string } | null;
  lang: string | null;
  snippet: string;
}

const MAX_WORDS = 10;

/** The words of a full-text query; anything that is not a letter or digit separates words. */
export function textQueryWords(q: string): string[] {
  return q
    .slice(0, 1_000)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, MAX_WORDS)
    .map((w) => w.slice(0, 50));
}

/** Searches biographies, event descriptions, document texts and list rows. */
export async function searchTexts(
  storage: Storage,
  q: string,
  limit: number,
): Promise<{ total: number; results: TextResult[] }> {
  const { total, hits } = await textIndexFor(storage).search(textQueryWords(q), limit);
  const refs = (kind: TextKind) => hits.filter((h) => h.kind === kind).map((h) => h.ref);
  const d = await describeTextRefs(storage.db, {
    persons: refs('biography'),
    events: refs('event'),
    sources: refs('document'),
    rows: refs('list-row'),
  });
  const results = hits.flatMap((h): TextResult[] => {
    const base = { kind: h.kind, lang: h.lang, snippet: h.snippet, eventDate: null, rowPosition: null, person: null };
    if (h.kind === 'biography') {
      const p = d.persons.find((x) => x.id === h.ref);
      return p ? [{ ...base, href: { kind: 'persons', id: p.id }, title: p.display_name }] : [];
    }
    if (h.kind === 'event') {
      const e = d.events.find((x) => x.id === h.ref);
      return e ? [{ ...base, href: { kind: 'events', id: e.id }, title: e.type, eventDate: e.date_edtf }] : [];
    }
    if (h.kind === 'document') {
      const s = d.sources.find((x) => x.id === h.ref);
      return s ? [{ ...base, href: { kind: 'sources', id: s.id }, title: s.title }] : [];
    }
    const r = d.rows.find((x) => x.id === h.ref);
    return r
      ? [
          {
            ...base,
            href: { kind: 'sources', id: r.source_id, anchor: `row-${r.position}` },
            title: r.title,
            rowPosition: r.position,
            person: r.person_id && r.display_name ? { id: r.person_id, name: r.display_name } : null,
          },
        ]
      : [];
  });
  return { total, results };
}
