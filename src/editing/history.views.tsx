import type { Messages } from '../i18n/en.ts';
import { fill, type Lang } from '../i18n/i18n.ts';
import { RECORD_PATHS, type RecordType } from '../revisions/revision.ts';
import { CsrfField } from '../web/csrf.tsx';
import { Notice } from '../web/form.tsx';
import { ChangeTable } from './edit-page.views.tsx';
import type { ChangeRow } from './field-words.ts';
import type { RevisionEntry } from './history.service.ts';

/*
 * A record's history: every revision with who, when, what and why; two revisions compared field
 * by field; going back to a revision or undoing one change; a removed record with what it held
 * and the button that restores it.
 */

interface Base {
  t: Messages;
  lang: Lang;
  type: RecordType;
  id: number;
  name: string;
  csrf: string;
  canEdit: boolean;
}

/** "12 March 2027 14:03" as stored (UTC), machine-readable too. */
export function At({ at }: { at: string }) {
  return <time datetime={`${at.replace(' ', 'T')}Z`}>{at.slice(0, 16)}</time>;
}

const actionWords = (t: Messages, a: string) => t.history.actions[a as keyof Messages['history']['actions']] ?? a;
const kindWords = (t: Messages, k: string) => t.history.setKinds[k as keyof Messages['history']['setKinds']] ?? k;

/** Who made a change: their name, or the system for loads. */
export function Who({ r, t }: { r: Pick<RevisionEntry, 'user'>; t: Messages }) {
  return <>{r.user ?? t.history.system}</>;
}

/** What a revision did, with its change set. */
export function What({ r, t, lang }: { r: RevisionEntry; t: Messages; lang: Lang }) {
  return (
    <>
      {actionWords(t, r.action)} (
      <a href={`/${lang}/changes/${r.changeSet}`}>
        {kindWords(t, r.changeSetKind)}, {fill(t.history.changeSet, { id: r.changeSet })}
      </a>
      ){r.revertedBy !== null && <> · {fill(t.history.revertedBy, { id: r.revertedBy })}</>}
    </>
  );
}

/** A small form of one button acting on a revision (go back to it, undo it, restore). */
function RevisionButton(p: Base & { action: string; revision: number; text: string; label: string }) {
  return (
    <form method="post" action={`/${p.lang}/${RECORD_PATHS[p.type]}/${p.id}/${p.action}`} class="inline-form">
      <CsrfField token={p.csrf} />
      <input type="hidden" name="revision" value={String(p.revision)} />
      <button type="submit" class="secondary" aria-label={p.label}>
        {p.text}
      </button>
    </form>
  );
}

export interface RemovedInfo {
  revision: RevisionEntry;
  rows: { field: string; value: string }[];
}

export interface HistoryProps extends Base {
  state: string;
  revisions: RevisionEntry[];
  notice?: { kind: 'success' | 'info' | 'error'; text: string };
  removed?: RemovedInfo;
  proposals: { id: number; user: string; at: string; reason: string | null }[];
}

const UNDOABLE = new Set(['update', 'revert', 'undo', 'restore']);

export function HistoryPage(p: HistoryProps) {
  const { t, lang } = p;
  const base = `/${lang}/${RECORD_PATHS[p.type]}/${p.id}`;
  const latest = p.revisions[0]?.id;
  return (
    <article class="history-page">
      <header class="edit-header">
        <h1>
          {fill(t.history.title, { name: p.name })}
          {p.state === 'draft' && <span class="badge badge-draft">{t.edit.draftBadge}</span>}
          {p.state === 'removed' && <span class="badge badge-removed">{t.edit.removedBadge}</span>}
        </h1>
        <p class="edit-links">
          {p.state !== 'removed' && <a href={`${base}/edit`}>{t.edit.edit}</a>}
          {p.state === 'published' && (
            <>
              {' · '}
              <a href={base}>{t.edit.viewPage}</a>
            </>
          )}
        </p>
        <p class="lead-small">{t.history.intro}</p>
      </header>
      {p.notice && <Notice kind={p.notice.kind}>{p.notice.text}</Notice>}
      {p.removed && (
        <section class="removed" aria-labelledby="removed-heading">
          <h2 id="removed-heading">{t.edit.removedTitle}</h2>
          <p>
            {fill(t.edit.removedBy, {
              when: p.removed.revision.at.slice(0, 16),
              who: p.removed.revision.user ?? t.history.system,
              reason: p.removed.revision.reason ?? '—',
            })}
          </p>
          {p.canEdit && (
            <form method="post" action={`${base}/restore`} class="stacked">
              <CsrfField token={p.csrf} />
              <div class="actions">
                <button type="submit">{t.edit.restore}</button>
              </div>
            </form>
          )}
          <h3>{t.edit.wasThere}</h3>
          <dl class="facts was-there">
            {p.removed.rows.map((r) => (
              <>
                <dt>{r.field}</dt>
                <dd>{r.value}</dd>
              </>
            ))}
          </dl>
        </section>
      )}
      {p.proposals.length > 0 && (
        <section aria-labelledby="proposals-heading">
          <h2 id="proposals-heading">{t.edit.proposals}</h2>
          <ul>
            {p.proposals.map((pr) => (
              <li>
                <a href={`/${lang}/proposals/${pr.id}`}>{fill(t.edit.proposal.title, { id: pr.id })}</a> · {pr.user} ·{' '}
                <At at={pr.at} />
                {pr.reason ? ` · ${pr.reason}` : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
      <div class="table-scroll">
        <table class="history">
          <caption class="visually-hidden">{fill(t.history.title, { name: p.name })}</caption>
          <thead>
            <tr>
              <th scope="col">{t.history.from}</th>
              <th scope="col">{t.history.to}</th>
              <th scope="col">{t.history.revision}</th>
              <th scope="col">{t.history.when}</th>
              <th scope="col">{t.history.who}</th>
              <th scope="col">{t.history.what}</th>
              <th scope="col">{t.history.reason}</th>
              {p.canEdit && <th scope="col">{t.history.act}</th>}
            </tr>
          </thead>
          <tbody>
            {p.revisions.map((r, i) => (
              <tr>
                <td>
                  <label class="radio-cell">
                    <input type="radio" name="from" value={String(r.id)} form="compare" checked={i === 1} />
                    <span class="visually-hidden">
                      {t.history.from} {r.id}
                    </span>
                  </label>
                </td>
                <td>
                  <label class="radio-cell">
                    <input type="radio" name="to" value={String(r.id)} form="compare" checked={i === 0} />
                    <span class="visually-hidden">
                      {t.history.to} {r.id}
                    </span>
                  </label>
                </td>
                <th scope="row">
                  <a href={`${base}/compare?to=${r.id}`}>{r.id}</a>
                  {r.id === latest && <span class="badge">{t.history.current}</span>}
                </th>
                <td>
                  <At at={r.at} />
                </td>
                <td>
                  <Who r={r} t={t} />
                </td>
                <td>
                  <What r={r} t={t} lang={lang} />
                </td>
                <td>{r.reason ?? ''}</td>
                {p.canEdit && (
                  <td class="revision-actions">
                    {r.id !== latest && r.action !== 'remove' && p.state !== 'removed' && (
                      <RevisionButton
                        {...p}
                        action="revert"
                        revision={r.id}
                        text={t.history.revertTo}
                        label={`${t.history.revertTo}: ${r.id}`}
                      />
                    )}
                    {UNDOABLE.has(r.action) && p.state !== 'removed' && (
                      <RevisionButton
                        {...p}
                        action="undo"
                        revision={r.id}
                        text={t.history.undo}
                        label={`${t.history.undo}: ${r.id}`}
                      />
                    )}
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {p.revisions.length > 0 && (
        <form id="compare" method="get" action={`${base}/compare`} class="compare-form">
          <button type="submit">{t.history.compare}</button>
        </form>
      )}
    </article>
  );
}

export interface CompareProps extends Base {
  from: RevisionEntry | null;
  to: RevisionEntry;
  rows: ChangeRow[];
}

function RevisionSummary({ r, t, lang }: { r: RevisionEntry; t: Messages; lang: Lang }) {
  return (
    <>
      {t.history.revision} {r.id}: <At at={r.at} />, <Who r={r} t={t} />, <What r={r} t={t} lang={lang} />
      {r.reason ? ` — ${r.reason}` : ''}
    </>
  );
}

export function ComparePage(p: CompareProps) {
  const { t, lang } = p;
  const base = `/${lang}/${RECORD_PATHS[p.type]}/${p.id}`;
  const title = fill(t.history.compareTitle, { from: p.from?.id ?? '—', to: p.to.id, name: p.name });
  return (
    <article class="history-page">
      <header class="edit-header">
        <h1>{title}</h1>
        <p class="edit-links">
          <a href={`${base}/history`}>{t.edit.history}</a>
        </p>
      </header>
      <ul class="compared">
        {p.from && (
          <li>
            <RevisionSummary r={p.from} t={t} lang={lang} />
          </li>
        )}
        <li>
          <RevisionSummary r={p.to} t={t} lang={lang} />
        </li>
      </ul>
      {p.rows.length === 0 ? (
        <p>{t.history.noChanges}</p>
      ) : (
        <div class="table-scroll">
          <ChangeTable
            rows={p.rows}
            field={t.edit.field}
            before={p.from ? `${t.history.revision} ${p.from.id}` : t.history.before}
            after={`${t.history.revision} ${p.to.id}`}
            caption={t.history.changes}
          />
        </div>
      )}
    </article>
  );
}
