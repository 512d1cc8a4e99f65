import type { Messages } from '../../i18n/en.ts';
import { fill, type Lang, label } from '../../i18n/i18n.ts';
import { FILTER_KEYS, type SearchFiltersInput } from './person-search.schema.ts';

/** The query string of a search's name and filters (sort and page left out), with a leading '?', or ''. */
export function searchQuery(q: SearchFiltersInput, change: Partial<Record<string, string | number | undefined>> = {}) {
  const params = new URLSearchParams();
  const merged: Record<string, unknown> = {
    q: q.q,
    ...Object.fromEntries(FILTER_KEYS.map((k) => [k, q[k]])),
    ...change,
  };
  for (const [k, v] of Object.entries(merged)) if (v !== undefined && v !== '' && v !== null) params.set(k, String(v));
  const s = params.toString();
  return s ? `?${s}` : '';
}

/** Whether a search has a name or any filter. */
export function isFiltered(q: SearchFiltersInput): boolean {
  return Boolean(q.q) || FILTER_KEYS.some((k) => q[k] !== undefined);
}

/**
 * What a search asks for, in words, for the pages that show it another way (its map, its
 * statistics), with the way back to the search to change it.
 */
export function SearchSummary({ q, lang, t }: { q: SearchFiltersInput; lang: Lang; t: Messages }) {
  const parts: string[] = [];
  if (q.q) parts.push(`${t.search.label}: ${q.q}`);
  if (q.fate) parts.push(`${t.persons.fate}: ${label(t.fates, q.fate)}`);
  if (q.role) parts.push(`${t.persons.role}: ${label(t.roles, q.role)}`);
  if (q.sex) parts.push(`${t.persons.sex}: ${label(t.sexes, q.sex)}`);
  if (q.event) {
    const period =
      q.from && q.from === q.to ? ` ${q.from}` : [q.from, q.to].some(Boolean) ? ` ${q.from ?? '…'}–${q.to ?? '…'}` : '';
    parts.push(`${t.persons.event}: ${label(t.eventTypes, q.event)}${period}`);
  }
  for (const k of ['place', 'organization', 'source'] as const)
    if (q[k] !== undefined) parts.push(`${t.persons[k]} #${q[k]}`);
  return (
    <p class="search-summary">
      {parts.length === 0 ? t.views.wholeArchive : fill(t.views.ofSearch, { search: parts.join(' · ') })}{' '}
      <a href={`/${lang}/persons${searchQuery(q)}`}>{isFiltered(q) ? t.views.changeSearch : t.views.search}</a>
    </p>
  );
}

/** Links from a search to its map and its statistics. */
export function OtherViews({ q, lang, t }: { q: SearchFiltersInput; lang: Lang; t: Messages }) {
  const query = searchQuery(q);
  return (
    <p class="other-views">
      <a href={`/${lang}/map${query}`}>{t.views.mapLink}</a> ·{' '}
      <a href={`/${lang}/statistics${query}`}>{t.views.statisticsLink}</a>
    </p>
  );
}
