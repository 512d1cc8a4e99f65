import type { Messages } from '../i18n/en.ts';
import { fill, type Lang } from '../i18n/i18n.ts';
import { FORM_TYPES, RECORD_PATHS, RECORD_TYPES, type RecordType } from '../revisions/revision.ts';
import { CsrfField } from '../web/csrf.tsx';
import { Notice } from '../web/form.tsx';
import type { RecentChange } from './history.service.ts';
import { At, What, Who } from './history.views.tsx';

/* The archive's recent changes, filterable, and one change set with the button that reverts it whole. */

export interface ChangesFilter {
  user?: number;
  type?: RecordType;
  since?: string;
  until?: string;
}

function ChangeList({ changes, t, lang }: { changes: RecentChange[]; t: Messages; lang: Lang }) {
  return (
    <div class="table-scroll">
      <table class="history recent stack-on-phone">
        <thead>
          <tr>
            <th scope="col">{t.history.when}</th>
            <th scope="col">{t.history.record}</th>
            <th scope="col">{t.history.who}</th>
            <th scope="col">{t.history.what}</th>
            <th scope="col">{t.history.reason}</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((r) => {
            const base = `/${lang}/${RECORD_PATHS[r.type]}/${r.recordId}`;
            return (
              <tr>
                <td data-label={t.history.when}>
                  <a href={`${base}/compare?to=${r.id}`}>
                    <At at={r.at} />
                  </a>
                </td>
                <td data-label={t.history.record}>
                  {t.edit.types[r.type]} <a href={`${base}/history`}>{r.label}</a>
                </td>
                <td data-label={t.history.who}>
                  <Who r={r} t={t} />
                </td>
                <td data-label={t.history.what}>
                  <What r={r} t={t} lang={lang} />
                </td>
                <td data-label={t.history.reason}>{r.reason ?? ''}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function RecentChangesPage(p: {
  t: Messages;
  lang: Lang;
  changes: RecentChange[];
  users: { id: number; name: string }[];
  filter: ChangesFilter;
  /** The query of the next (older) page, when there is one. */
  older: string | null;
}) {
  const { t, lang, filter } = p;
  return (
    <article class="history-page">
      <h1>{t.history.recentTitle}</h1>
      <p class="lead-small">{t.history.recentIntro}</p>
      <p class="new-records">
        {FORM_TYPES.map((type, i) => (
          <>
            {i > 0 && ' · '}
            <a href={`/${lang}/${RECORD_PATHS[type]}/new`}>{t.edit.titleNew[type]}</a>
          </>
        ))}
      </p>
      <form method="get" action={`/${lang}/changes`} class="filters changes-filter">
        <div class="field">
          <label for="changes-user">{t.history.who}</label>
          <select id="changes-user" name="user">
            <option value="">{t.history.anyUser}</option>
            {p.users.map((u) => (
              <option value={String(u.id)} selected={filter.user === u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="changes-type">{t.history.record}</label>
          <select id="changes-type" name="type">
            <option value="">{t.history.anyType}</option>
            {RECORD_TYPES.map((type) => (
              <option value={type} selected={filter.type === type}>
                {t.edit.typesPlural[type]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="changes-since">{t.history.since}</label>
          <input
            id="changes-since"
            name="since"
            type="date"
            value={filter.since ?? ''}
            aria-describedby="changes-day-hint"
          />
        </div>
        <div class="field">
          <label for="changes-until">{t.history.until}</label>
          <input
            id="changes-until"
            name="until"
            type="date"
            value={filter.until ?? ''}
            aria-describedby="changes-day-hint"
          />
        </div>
        <span class="hint" id="changes-day-hint">
          {t.history.dayHint}
        </span>
        <div class="actions">
          <button type="submit">{t.history.filter}</button>
        </div>
      </form>
      {p.changes.length === 0 ? <p>{t.history.none}</p> : <ChangeList changes={p.changes} t={t} lang={lang} />}
      <nav class="pagination" aria-label={t.persons.pagination}>
        {p.older ? (
          <a href={`/${lang}/changes?${p.older}`} rel="next">
            {t.history.older} →
          </a>
        ) : (
          <span />
        )}
      </nav>
    </article>
  );
}

export function ChangeSetPage(p: {
  t: Messages;
  lang: Lang;
  csrf: string;
  canEdit: boolean;
  set: { id: number; kind: string; user: string | null; at: string; reason: string | null; revertedBy: number | null };
  changes: RecentChange[];
  total: number;
  notice?: { kind: 'success' | 'info' | 'error'; text: string };
}) {
  const { t, lang, set } = p;
  const kind = t.history.setKinds[set.kind as keyof Messages['history']['setKinds']] ?? set.kind;
  return (
    <article class="history-page">
      <h1>{fill(t.history.setTitle, { id: set.id })}</h1>
      {p.notice && <Notice kind={p.notice.kind}>{p.notice.text}</Notice>}
      <p>
        {fill(t.history.setIntro, {
          kind,
          who: set.user ?? t.history.system,
          when: set.at.slice(0, 16),
          n: p.total,
        })}
        {set.reason ? ` ${set.reason}` : ''}
      </p>
      {set.revertedBy !== null && (
        <p>
          <a href={`/${lang}/changes/${set.revertedBy}`}>{fill(t.history.revertedBy, { id: set.revertedBy })}</a>
        </p>
      )}
      {p.canEdit && set.kind === 'merge' && p.changes.length > 0 && (
        <p>
          {/* The merged person's merge page leads to its merge, where it is undone whole. */}
          <a href={`/${lang}/persons/${p.changes.reduce((a, b) => (a.id < b.id ? a : b)).recordId}/merge`}>
            {t.merges.undoFromPage}
          </a>
        </p>
      )}
      {p.canEdit && set.revertedBy === null && set.kind !== 'merge' && set.kind !== 'unmerge' && (
        <form method="post" action={`/${lang}/changes/${set.id}/revert`} class="stacked revert-set">
          <CsrfField token={p.csrf} />
          <p class="hint" id="revert-set-hint">
            {t.history.revertSetHint}
          </p>
          <div class="field">
            <label for="revert-reason">{t.history.revertReason}</label>
            <input id="revert-reason" name="reason" type="text" maxlength={500} aria-describedby="revert-set-hint" />
          </div>
          <div class="actions">
            <button type="submit" class="danger">
              {t.history.revertSet}
            </button>
          </div>
        </form>
      )}
      <ChangeList changes={p.changes} t={t} lang={lang} />
    </article>
  );
}
