import type { Messages } from '../i18n/en.ts';
import { fill, type Lang } from '../i18n/i18n.ts';
import { DateText } from '../web/components.tsx';
import { CsrfField } from '../web/csrf.tsx';
import { Notice } from '../web/form.tsx';
import type { senderView } from './contribution.service.ts';
import type { ContributionState } from './contribution.ts';
import { Checkbox, FileInput, TextArea } from './form-fields.views.tsx';
import { ProposalText } from './proposal.views.tsx';

type View = Awaited<ReturnType<typeof senderView>>;

/** Dates as the sender gave them, each read in words. */
export function DatesList({ json, lang }: { json: string | null; lang: Lang }) {
  const dates = json ? (JSON.parse(json) as { edtf: string | null; what: string | null }[]) : [];
  if (dates.length === 0) return null;
  return (
    <ul class="contributed-dates">
      {dates.map((d) => (
        <li>
          {d.edtf && <DateText edtf={d.edtf} lang={lang} />}
          {d.edtf && d.what && ': '}
          {d.what}
          {d.edtf && (
            <>
              {' '}
              <code class="edtf">{d.edtf}</code>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

export interface MineProps {
  lang: Lang;
  t: Messages;
  csrf: string;
  view: View;
  /** The page's own address (with its token), for its forms. */
  base: string;
  notice: string | null;
  error: string | null;
  limits: { count: number; mib: number };
}

/** The sender's private page: what they sent, where it stands, what became of it; add to it or withdraw it. */
export function MineView({ lang, t, csrf, view, base, notice, error, limits }: MineProps) {
  const c = t.contribute;
  const row = view.contribution;
  const state = row.status as ContributionState;
  return (
    <article class="contribute-page mine">
      <h1>{c.mineTitle}</h1>
      <p class="hint">{c.mineIntro}</p>
      {notice && (
        <Notice kind="success">
          <p>{notice}</p>
        </Notice>
      )}
      {error && (
        <Notice kind="error">
          <p>{error}</p>
        </Notice>
      )}
      <dl class="facts">
        <dt>{c.about}</dt>
        <dd>
          {view.person ? <a href={`/${lang}/persons/${view.person.id}`}>{view.person.name}</a> : row.subject_name}
        </dd>
        <dt>{c.received}</dt>
        <dd>
          <time datetime={row.received_at.slice(0, 10)}>{row.received_at.slice(0, 10)}</time>
        </dd>
        <dt>{c.status}</dt>
        <dd class={`state state-${state}`}>
          {c.states[state]}
          {row.decline_reason && (
            <p>
              {c.reason}: {row.decline_reason}
            </p>
          )}
        </dd>
      </dl>
      <section aria-labelledby="sent-heading">
        <h2 id="sent-heading">{c.message}</h2>
        <p class="sent-text">{row.message}</p>
        <DatesList json={row.dates} lang={lang} />
        {row.places && (
          <p>
            <strong>{c.places}:</strong> {row.places}
          </p>
        )}
        {row.names && (
          <p>
            <strong>{c.names}:</strong> {row.names}
          </p>
        )}
        {view.files.length > 0 && (
          <>
            <h3>{c.attachments}</h3>
            <ul>
              {view.files.map((f) => (
                <li>
                  {f.name} ({Math.ceil(f.bytes / 1024)} KiB)
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
      {view.proposals.length > 0 && (
        <section aria-labelledby="used-heading">
          <h2 id="used-heading">{c.used}</h2>
          <ul class="proposals">
            {view.proposals.map((p) => (
              <li class={`proposal proposal-${p.status}`}>
                <ProposalText kind={p.kind} summary={p.summary} lang={lang} t={t} />
                {' — '}
                <span class="proposal-state">{c.proposalStates[p.status as 'proposed']}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      {view.messages.length > 0 && (
        <section aria-labelledby="messages-heading">
          <h2 id="messages-heading">{c.conversation}</h2>
          <ol class="messages">
            {view.messages.map((m) => (
              <li class={`message message-${m.author}`}>
                <p class="message-meta">
                  {m.author === 'archive' ? c.fromArchive : c.fromYou},{' '}
                  <time datetime={m.at.slice(0, 10)}>{m.at.slice(0, 10)}</time>
                </p>
                <p class="sent-text">{m.body}</p>
              </li>
            ))}
          </ol>
        </section>
      )}
      <section aria-labelledby="add-heading">
        <h2 id="add-heading">{c.addTitle}</h2>
        <form method="post" action={`${base}/add`} enctype="multipart/form-data" class="stacked">
          <CsrfField token={csrf} />
          <TextArea name="message" label={c.addMessage} rows={5} required />
          <FileInput name="files" label={c.files} hint={fill(c.filesHint, limits)} />
          <div class="actions">
            <button type="submit">{c.add}</button>
          </div>
        </form>
      </section>
      <section aria-labelledby="withdraw-heading">
        <h2 id="withdraw-heading">{c.withdrawTitle}</h2>
        <p>{c.withdrawText}</p>
        <form method="post" action={`${base}/withdraw`} class="stacked">
          <CsrfField token={csrf} />
          <Checkbox name="confirm" label={c.withdrawConfirm} />
          <div class="actions">
            <button type="submit" class="danger">
              {c.withdraw}
            </button>
          </div>
        </form>
      </section>
    </article>
  );
}
