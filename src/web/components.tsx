import type { CiteMark } from '../citations/citation-index.ts';
import { formatEdtf } from '../dates/edtf.ts';
import type { Messages } from '../i18n/en.ts';
import { fill, type Lang } from '../i18n/i18n.ts';

/** Quotation marks as each language sets them. */
export function quote(text: string, lang: Lang): string {
  if (lang === 'de') return `„${text}“`;
  return lang === 'ru' ? `«${text}»` : `“${text}”`;
}

/** A date in words, with the EDTF value machine-readable where it is a plain ISO date. */
export function DateText({ edtf, text, lang }: { edtf: string | null; text?: string | null; lang: Lang }) {
  if (!edtf && !text) return null;
  const plain = edtf && /^\d{4}(-\d{2}){0,2}$/.test(edtf);
  return (
    <span class="date">
      {edtf &&
        (plain ? (
          <time datetime={edtf}>{formatEdtf(edtf, lang)}</time>
        ) : (
          <span title={edtf}>{formatEdtf(edtf, lang)}</span>
        ))}
      {text && <span class="date-text"> ({quote(text, lang)})</span>}
    </span>
  );
}

/** Footnote-style source numbers; each links to the source's own page. */
export function Cites({ cites, lang }: { cites: CiteMark[]; lang: Lang }) {
  if (cites.length === 0) return null;
  return (
    <sup class="cites">
      {cites.map((c, i) => {
        const where = [c.locator, c.row ? `#${c.row}` : null, c.note].filter(Boolean).join('; ');
        const href = `/${lang}/sources/${c.sourceId}${c.row ? `#row-${c.row}` : ''}`;
        return (
          <>
            {i > 0 && ' '}
            <a href={href} class="cite" title={where || undefined} aria-label={`[${c.n}]${where ? ` ${where}` : ''}`}>
              [{c.n}]
            </a>
          </>
        );
      })}
    </sup>
  );
}

export function RankTag({ rank, t }: { rank: string; t: Messages }) {
  if (rank === 'normal') return null;
  return <span class={`rank rank-${rank}`}>{t.ranks[rank as keyof Messages['ranks']] ?? rank}</span>;
}

/** A deprecated statement's correction, or any editorial note. */
export function Note({ note, rank, t }: { note: string | null; rank: string; t: Messages }) {
  if (!note) return null;
  return (
    <p class={rank === 'deprecated' ? 'note correction' : 'note'}>
      {rank === 'deprecated' && <strong>{t.person.correction}: </strong>}
      {note}
    </p>
  );
}

export function PlaceRef({
  place,
  lang,
  t,
}: {
  place: { id: number; name: string; today: string | null } | null;
  lang: Lang;
  t: Messages;
}) {
  if (!place) return null;
  return (
    <>
      <a href={`/${lang}/places/${place.id}`}>{place.name}</a>
      {place.today && <span class="today"> ({fill(t.place.today, { name: place.today })})</span>}
    </>
  );
}

export function Pagination({
  page,
  pages,
  href,
  t,
}: {
  page: number;
  pages: number;
  href: (page: number) => string;
  t: Messages;
}) {
  if (pages <= 1) return null;
  return (
    <nav class="pagination" aria-label={t.persons.pagination}>
      {page > 1 ? (
        <a href={href(page - 1)} rel="prev">
          ← {t.persons.previous}
        </a>
      ) : (
        <span />
      )}
      <span>{fill(t.persons.page, { page, pages })}</span>
      {page < pages ? (
        <a href={href(page + 1)} rel="next">
          {t.persons.next} →
        </a>
      ) : (
        <span />
      )}
    </nav>
  );
}
