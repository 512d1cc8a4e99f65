import { formatEdtf } from '../../dates/edtf.ts';
import { EVENT_TYPES } from '../../events/event.ts';
import type { Messages } from '../../i18n/en.ts';
import { fill, formatNumber, type Lang, label } from '../../i18n/i18n.ts';
import { FATES, PERSON_ROLES } from '../../persons/person.ts';
import { Pagination } from '../../web/components.tsx';
import type { FacetCount } from '../index/stored-doc.ts';
import type { SearchFiltersInput } from './person-search.schema.ts';
import type { LifeDates, SearchResult } from './person-search.service.ts';

type Query = SearchFiltersInput & { page: number };
type FacetName = 'fate' | 'role' | 'sex' | 'event';

/** The persons URL for a query with some parameters changed (undefined removes one). */
function href(lang: Lang, q: Query, change: Partial<Record<keyof Query, string | number | undefined>>): string {
  const params = new URLSearchParams();
  const merged: Record<string, unknown> = { ...q, page: undefined, ...change };
  for (const [k, v] of Object.entries(merged)) {
    if (v !== undefined && v !== '' && !(k === 'page' && v === 1)) params.set(k, String(v));
  }
  const s = params.toString();
  return `/${lang}/persons${s ? `?${s}` : ''}`;
}

/** The same search in the API: as CSV for a spreadsheet, or as JSON. */
function DataLinks({ lang, t, q }: { lang: Lang; t: Messages; q: Query }) {
  const search = href(lang, q, {}).split('?')[1];
  const api = (extra: string) => `/api/v1/persons?${[search, `lang=${lang}`, extra].filter(Boolean).join('&')}`;
  return (
    <p class="data-links">
      {t.openData.download}:{' '}
      <a href={api('format=csv&bom=1')} download title={t.openData.csvLimit}>
        {t.openData.csv}
      </a>{' '}
      · <a href={api('limit=100')}>{t.openData.json}</a>
    </p>
  );
}

function facetLabel(t: Messages, facet: FacetName, value: string): string {
  const sections = { fate: t.fates, role: t.roles, sex: t.sexes, event: t.eventTypes };
  return label(sections[facet], value);
}

function FacetList({
  name,
  title,
  counts,
  lang,
  t,
  q,
}: {
  name: FacetName;
  title: string;
  counts: FacetCount[];
  lang: Lang;
  t: Messages;
  q: Query;
}) {
  if (counts.length === 0) return null;
  return (
    <section class="facet" aria-labelledby={`facet-${name}`}>
      <h3 id={`facet-${name}`}>{title}</h3>
      <ul>
        {counts.map((f) =>
          q[name] === f.value ? (
            <li aria-current="true">
              <strong>{facetLabel(t, name, f.value)}</strong> ({formatNumber(f.count, lang)}){' '}
              <a
                href={href(lang, q, { [name]: undefined })}
                aria-label={fill(t.persons.remove, { name: facetLabel(t, name, f.value) })}
              >
                ×
              </a>
            </li>
          ) : (
            <li>
              <a href={href(lang, q, { [name]: f.value })}>{facetLabel(t, name, f.value)}</a> (
              {formatNumber(f.count, lang)})
            </li>
          ),
        )}
      </ul>
    </section>
  );
}

/** Hidden fields that keep the other filters when one form changes some of them. */
function Kept({ q, keys }: { q: Query; keys: readonly (keyof Query)[] }) {
  return (
    <>
      {keys.map((k) =>
        q[k] === undefined || q[k] === '' || k === 'page' ? null : (
          <input type="hidden" name={k} value={String(q[k])} />
        ),
      )}
    </>
  );
}

const FORM_FILTERS = ['fate', 'role', 'event', 'from', 'to', 'sort'] as const;
const OTHER_FILTERS = ['sex', 'place', 'organization', 'source'] as const;

/** The name field first: on a phone the results follow it, and the filters come after them. */
function SearchBar({ lang, t, q }: { lang: Lang; t: Messages; q: Query }) {
  return (
    <form class="search-bar" role="search" aria-label={t.persons.title} method="get" action={`/${lang}/persons`}>
      <label for="q">{t.search.label}</label>
      <div class="search-row">
        <input
          id="q"
          type="search"
          name="q"
          value={q.q ?? ''}
          placeholder={t.search.placeholder}
          data-autocomplete={`/api/v1/persons`}
          autocomplete="off"
        />
        <button type="submit">{t.persons.searchAgain}</button>
      </div>
      <Kept q={q} keys={[...FORM_FILTERS, ...OTHER_FILTERS]} />
    </form>
  );
}

function FilterForm({ lang, t, q }: { lang: Lang; t: Messages; q: Query }) {
  return (
    <form class="filters" method="get" action={`/${lang}/persons`}>
      <Kept q={q} keys={['q']} />
      <div class="field">
        <label for="fate">{t.persons.fate}</label>
        <select id="fate" name="fate">
          <option value="">{t.persons.any}</option>
          {FATES.map((f) => (
            <option value={f} selected={q.fate === f}>
              {label(t.fates, f)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="role">{t.persons.role}</label>
        <select id="role" name="role">
          <option value="">{t.persons.any}</option>
          {PERSON_ROLES.map((r) => (
            <option value={r} selected={q.role === r}>
              {label(t.roles, r)}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="event">{t.persons.event}</label>
        <select id="event" name="event">
          <option value="">{t.persons.any}</option>
          {EVENT_TYPES.map((e) => (
            <option value={e} selected={q.event === e}>
              {label(t.eventTypes, e)}
            </option>
          ))}
        </select>
      </div>
      <div class="field field-period">
        <label for="from">{t.persons.from}</label>
        <input
          id="from"
          name="from"
          value={q.from ?? ''}
          size={8}
          inputmode="numeric"
          pattern="\d{4}(-\d{2})?"
          aria-describedby="period-hint"
        />
      </div>
      <div class="field field-period">
        <label for="to">{t.persons.to}</label>
        <input
          id="to"
          name="to"
          value={q.to ?? ''}
          size={8}
          inputmode="numeric"
          pattern="\d{4}(-\d{2})?"
          aria-describedby="period-hint"
        />
      </div>
      <div class="field">
        <label for="sort">{t.persons.sort}</label>
        <select id="sort" name="sort">
          <option value="">–</option>
          <option value="relevance" selected={q.sort === 'relevance'}>
            {t.persons.sortRelevance}
          </option>
          <option value="name" selected={q.sort === 'name'}>
            {t.persons.sortName}
          </option>
        </select>
      </div>
      <Kept q={q} keys={OTHER_FILTERS} />
      <button type="submit">{t.persons.filter}</button>
      <p id="period-hint" class="hint">
        {t.persons.periodHint}
      </p>
    </form>
  );
}

function ActiveIdFilters({ lang, t, q }: { lang: Lang; t: Messages; q: Query }) {
  const active = (['place', 'organization', 'source'] as const).filter((k) => q[k] !== undefined);
  if (active.length === 0) return null;
  return (
    <p class="active-filters">
      {t.persons.active}:{' '}
      {active.map((k) => (
        <span class="chip">
          {t.persons[k]}{' '}
          <a href={`/${lang}/${k === 'place' ? 'places' : k === 'organization' ? 'organizations' : 'sources'}/${q[k]}`}>
            #{q[k]}
          </a>{' '}
          <a href={href(lang, q, { [k]: undefined })} aria-label={fill(t.persons.remove, { name: t.persons[k] })}>
            ×
          </a>
        </span>
      ))}
    </p>
  );
}

/** Born and died, in words, with the birth place: what tells namesakes apart. */
function Life({ life, lang, t }: { life: LifeDates; lang: Lang; t: Messages }) {
  if (!life.born && !life.died && !life.birthPlace) return null;
  const born = [life.born && formatEdtf(life.born, lang), life.birthPlace].filter(Boolean).join(', ');
  const parts = [
    born && fill(t.persons.born, { date: born }),
    life.died && fill(t.persons.died, { date: formatEdtf(life.died, lang) }),
  ];
  return <span class="life"> ({parts.filter(Boolean).join('; ')})</span>;
}

export function PersonIndexView(props: {
  lang: Lang;
  t: Messages;
  title: string;
  query: Query;
  result: SearchResult;
  pageSize: number;
}) {
  const { lang, t, query, result } = props;
  // A total that is a lower bound may have more pages than it counts: a full page links to the next.
  const more = result.totalIsLowerBound && result.results.length === props.pageSize ? query.page + 1 : 0;
  const pages = Math.max(1, Math.min(200, Math.max(Math.ceil(result.total / props.pageSize), more)));
  const facets = result.facets;
  return (
    <>
      <h1>{props.title}</h1>
      <SearchBar lang={lang} t={t} q={query} />
      <ActiveIdFilters lang={lang} t={t} q={query} />
      <div class="results-layout">
        <div class="results">
          <p class="count" role="status">
            {fill(result.totalIsLowerBound ? t.persons.countAtLeast : t.persons.count, {
              n: formatNumber(result.total, lang),
            })}
          </p>
          {query.q && (
            <p>
              <a href={`/${lang}/search?q=${encodeURIComponent(query.q)}`}>{t.texts.inTexts}</a>
            </p>
          )}
          {result.results.length === 0 ? (
            <p>{t.persons.none}</p>
          ) : (
            <ol class="person-index" start={(query.page - 1) * props.pageSize + 1}>
              {result.results.map((r) => (
                <li>
                  <a href={`/${lang}/persons/${r.id}`}>{r.sortName}</a>
                  <Life life={r.life} lang={lang} t={t} />
                  {r.fate && <span class={`fate fate-${r.fate}`}> · {label(t.fates, r.fate)}</span>}
                  {r.matched && (r.matched.name !== r.name || r.matched.how !== 'exact') && (
                    <span class="matched">
                      {' '}
                      · {label(t.persons.how, r.matched.how)} <span class="matched-name">{r.matched.name}</span>
                    </span>
                  )}
                </li>
              ))}
            </ol>
          )}
          <Pagination page={query.page} pages={pages} href={(p) => href(lang, query, { page: p })} t={t} />
          {result.results.length > 0 && <DataLinks lang={lang} t={t} q={query} />}
        </div>
        <aside class="facets" aria-label={t.persons.refine}>
          <h2>{t.persons.refine}</h2>
          <FilterForm lang={lang} t={t} q={query} />
          {result.facetBase < result.total && (
            <p class="hint">{fill(t.persons.facetBase, { n: formatNumber(result.facetBase, lang) })}</p>
          )}
          <FacetList name="fate" title={t.persons.fate} counts={facets.fate} lang={lang} t={t} q={query} />
          <FacetList name="role" title={t.persons.role} counts={facets.role} lang={lang} t={t} q={query} />
          <FacetList name="sex" title={t.persons.sex} counts={facets.sex} lang={lang} t={t} q={query} />
          <FacetList name="event" title={t.persons.event} counts={facets.event} lang={lang} t={t} q={query} />
        </aside>
      </div>
    </>
  );
}
