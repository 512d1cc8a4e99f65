import type { Messages } from '../i18n/en.ts';
import { fill, type Lang } from '../i18n/i18n.ts';
import { RECORD_PATHS } from '../revisions/revision.ts';
import { CsrfField } from '../web/csrf.tsx';
import { Notice } from '../web/form.tsx';
import { ChangeTable } from './edit-page.views.tsx';
import type { ChangeRow } from './field-words.ts';
import type { Proposal } from './proposal.service.ts';

/* Reviewers' proposals: the list waiting for an editor, and one proposal with what it would change. */

export interface ProposalItem {
  proposal: Proposal;
  user: string;
  decidedBy: string | null;
  /** The record's name, or null for a proposed new record. */
  record: string | null;
}

function RecordOf({ item, t, lang }: { item: ProposalItem; t: Messages; lang: Lang }) {
  const p = item.proposal;
  if (p.recordId === null) return <>{fill(t.edit.proposal.newRecord, { type: t.edit.types[p.type] })}</>;
  return (
    <>
      {t.edit.types[p.type]}{' '}
      <a href={`/${lang}/${RECORD_PATHS[p.type]}/${p.recordId}/history`}>{item.record ?? `#${p.recordId}`}</a>
    </>
  );
}

export function ProposalsPage({ t, lang, items }: { t: Messages; lang: Lang; items: ProposalItem[] }) {
  return (
    <article class="history-page">
      <h1>{t.edit.proposal.listTitle}</h1>
      <p class="lead-small">{t.edit.proposal.intro}</p>
      {items.length === 0 ? (
        <p>{t.edit.proposal.none}</p>
      ) : (
        <ul class="proposals">
          {items.map((item) => (
            <li>
              <a href={`/${lang}/proposals/${item.proposal.id}`}>
                {fill(t.edit.proposal.title, { id: item.proposal.id })}
              </a>{' '}
              {t.edit.proposal.forRecord} <RecordOf item={item} t={t} lang={lang} /> ·{' '}
              {fill(t.edit.proposal.by, { who: item.user, when: item.proposal.createdAt.slice(0, 16) })}
              {item.proposal.reason ? ` · ${item.proposal.reason}` : ''}
            </li>
          ))}
        </ul>
      )}
    </article>
  );
}

export function ProposalPage(p: {
  t: Messages;
  lang: Lang;
  csrf: string;
  canDecide: boolean;
  item: ProposalItem;
  rows: ChangeRow[];
  notice?: { kind: 'success' | 'info' | 'error'; text: string };
}) {
  const { t, lang, item } = p;
  const pr = item.proposal;
  const base = `/${lang}/proposals/${pr.id}`;
  const statusWords = t.edit.proposal.statuses[pr.status];
  return (
    <article class="history-page">
      <h1>
        {fill(t.edit.proposal.title, { id: pr.id })} <span class="badge">{statusWords}</span>
      </h1>
      {p.notice && <Notice kind={p.notice.kind}>{p.notice.text}</Notice>}
      <p>
        {t.edit.proposal.forRecord} <RecordOf item={item} t={t} lang={lang} /> ·{' '}
        {fill(t.edit.proposal.by, { who: item.user, when: pr.createdAt.slice(0, 16) })}
      </p>
      {pr.reason && <p class="reason">{pr.reason}</p>}
      {item.decidedBy && pr.decidedAt && (
        <p>
          {fill(t.edit.proposal.decided, { who: item.decidedBy, when: pr.decidedAt.slice(0, 16) })}
          {pr.note ? `: ${pr.note}` : ''}
        </p>
      )}
      <h2>{t.edit.proposal.changes}</h2>
      <div class="table-scroll">
        <ChangeTable rows={p.rows} field={t.edit.field} before={t.edit.proposal.now} after={t.edit.proposal.proposed} />
      </div>
      {p.canDecide && pr.status === 'pending' && (
        <div class="proposal-actions">
          <form method="post" action={`${base}/accept`} class="inline-form">
            <CsrfField token={p.csrf} />
            <button type="submit">{t.edit.proposal.accept}</button>
          </form>
          {pr.recordId !== null && (
            <a
              class="button-link secondary"
              href={`/${lang}/${RECORD_PATHS[pr.type]}/${pr.recordId}/edit?proposal=${pr.id}`}
            >
              {t.edit.proposal.openInForm}
            </a>
          )}
          <form method="post" action={`${base}/decline`} class="stacked decline">
            <CsrfField token={p.csrf} />
            <div class="field">
              <label for="decline-note">{t.edit.proposal.note}</label>
              <input id="decline-note" name="note" type="text" maxlength={500} />
            </div>
            <div class="actions">
              <button type="submit" class="secondary">
                {t.edit.proposal.decline}
              </button>
            </div>
          </form>
        </div>
      )}
      <p>
        <a href={`/${lang}/proposals`}>{t.edit.proposal.listTitle}</a>
      </p>
    </article>
  );
}
