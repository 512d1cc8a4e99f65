import type { Selectable } from 'kysely';
import type { Db } from '../db/connection.ts';
import { listSourcesByIds } from './source.repository.ts';
import type { SourceTable } from './source.table.ts';

export type SourceRecord = Selectable<SourceTable>;

export interface SourceView {
  id: number;
  kind: string;
  title: string;
  /** The full reference as text, archival form for archival units. */
  reference: string;
  url: string | null;
}

const cyrillic = /[\u0400-\u04FF]/;

/**
 * An archival unit cited the way archivists cite it: `ГА РФ. Ф. 10035. Оп. 1. Д. 12. Л. 3 об.`
 * Russian abbreviations for archives named in Cyrillic, English ones (f., op., d., l.) otherwise.
 */
export function archivalReference(s: Pick<SourceRecord, 'archive' | 'fond' | 'opis' | 'delo' | 'folios'>): string {
  const ru = cyrillic.test(s.archive ?? '');
  const [f, o, d, l] = ru ? ['Ф.', 'Оп.', 'Д.', 'Л.'] : ['f.', 'op.', 'd.', 'l.'];
  return [
    s.archive,
    s.fond && `${f} ${s.fond}`,
    s.opis && `${o} ${s.opis}`,
    s.delo && `${d} ${s.delo}`,
    s.folios && `${l} ${s.folios}`,
  ]
    .filter(Boolean)
    .join('. ')
    .concat('.');
}

/** A bibliographic reference in a plain humanities style. */
export function formatReference(s: SourceRecord): string {
  const parts: string[] = [];
  if (s.authors) parts.push(`${s.authors}:`);
  parts.push(s.kind === 'book' ? `${s.title}.` : `“${s.title}”.`);
  if (s.container_title) parts.push(`${s.container_title}.`);
  const imprint = [s.publication_place, s.publisher].filter(Boolean).join(': ');
  const year = s.date_edtf ?? '';
  if (imprint || year) parts.push(`${[imprint, year].filter(Boolean).join(', ')}.`);
  if (s.archive || s.fond) parts.push(archivalReference(s));
  return parts.join(' ');
}

export function toSourceView(s: SourceRecord): SourceView {
  return { id: s.id, kind: s.kind, title: s.title, reference: formatReference(s), url: s.url };
}

/** Sources in the order of the ids given (footnote order). */
export async function loadSourceViews(db: Db, ids: number[]): Promise<SourceView[]> {
  const rows = await listSourcesByIds(db, ids);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.flatMap((id) => {
    const s = byId.get(id);
    return s ? [toSourceView(s)] : [];
  });
}
