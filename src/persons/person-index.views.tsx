import { Pagination } from '../web/components.tsx';
import type { Messages } from '../web/i18n/en.ts';
import { fill, formatNumber, type Lang, label } from '../web/i18n/i18n.ts';
import type { PersonIndexRow } from './person-index.repository.ts';
import { FATES, PERSON_ROLES } from './person.ts';

interface Query {
  q?: string;
  fate?: string;
  role?: string;
  page: number;
}

function indexHref(lang: Lang, q: Query, page: number): string {
  const params = new URLSearchParams();
  if (q.q) params.set('q', q.q);
  if (q.fate) params.set('fate', q.fate);
  if (q.role) params.set('role', q.role);
  if (page > 1) params.set('page', String(page));
  const s = params.toString();
  return `/${lang}/persons${s ? `?${s}` : ''}`;
}

export function PersonIndexView(props: {
  lang: Lang;
  t: Messages;
  title: string;
  query: Query;
  total: number;
  rows: PersonIndexRow[];
  pageSize: number;
}) {
  const { lang, t, query, total, rows } = props;
  const pages = Math.max(1, Math.ceil(total / props.pageSize));
  return (
    <>
      <h1>{props.title}</h1>
      <form class="filters" method="get" action={`/${lang}/persons`}>
        <div class="field">
          <label for="q">{t.search.label}</label>
          <input id="q" type="search" name="q" value={query.q ?? ''} placeholder={t.search.placeholder} />
        </div>
        <div class="field">
          <label for="fate">{t.persons.fate}</label>
          <select id="fate" name="fate">
            <option value="">{t.persons.any}</option>
            {FATES.map((f) => (
              <option value={f} selected={query.fate === f}>
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
              <option value={r} selected={query.role === r}>
                {label(t.roles, r)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t.persons.filter}</button>
      </form>
      <p class="count" role="status">
        {fill(t.persons.count, { n: formatNumber(total, lang) })}
      </p>
      {rows.length === 0 ? (
        <p>{t.persons.none}</p>
      ) : (
        <ul class="person-index">
          {rows.map((r) => (
            <li>
              <a href={`/${lang}/persons/${r.id}`}>{r.sort_name}</a>
              {r.fate && <span class={`fate fate-${r.fate}`}> · {label(t.fates, r.fate)}</span>}
              {r.matched && r.matched !== r.display_name && (
                <span class="matched"> · {fill(t.persons.matchedAs, { name: r.matched })}</span>
              )}
            </li>
          ))}
        </ul>
      )}
      <Pagination page={query.page} pages={pages} href={(p) => indexHref(lang, query, p)} t={t} />
    </>
  );
}
