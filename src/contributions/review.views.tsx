import type { Messages } from '../i18n/en.ts';
import { fill, formatNumber, type Lang, label } from '../i18n/i18n.ts';
import { licenceKey } from '../media/media.ts';
import { DateText, Pagination } from '../web/components.tsx';
import { CsrfField } from '../web/csrf.tsx';
import { Field, Notice } from '../web/form.tsx';
import { type ContributionState, STATES } from './contribution.ts';
import { TextArea } from './form-fields.views.tsx';
import { DatesList } from './mine.views.tsx';
import { ProposalText } from './proposal.views.tsx';
import { ProposeForms } from './propose.views.tsx';
import type { QueuePage, ReviewPage } from './review-page.ts';

type Props = { lang: Lang; t: Messages };

/** The queue: filters by state with their counts, and one row per contribution. */
export function QueueView({
  lang,
  t,
  queue,
  status,
  page,
  outbox,
}: Props & { queue: QueuePage; status: ContributionState | null; page: number; outbox: number | null }) {
  const m = t.moderation;
  const c = t.contribute;
  const all = Object.values(queue.counts).reduce((a, b) => a + b, 0);
  const href = (s: ContributionState | null, p = 1) =>
    `/${lang}/review${s ? `?status=${s}` : ''}${p > 1 ? `${s ? '&' : '?'}page=${p}` : ''}`;
  return (
    <article class="admin-page review-queue">
      <h1>{m.title}</h1>
      <p>{m.intro}</p>
      {outbox !== null && (
        <p>
          <a href={`/${lang}/admin/outbox`}>{fill(m.outbox, { n: outbox })}</a>
        </p>
      )}
      <nav class="state-filter" aria-label={m.counts}>
        <ul>
          <li>
            <a href={href(null)} aria-current={status === null ? 'page' : undefined}>
              {m.all} <span class="count">{formatNumber(all, lang)}</span>
            </a>
          </li>
          {STATES.map((s) => (
            <li>
              <a href={href(s)} aria-current={status === s ? 'page' : undefined}>
                {m.states[s]} <span class="count">{formatNumber(queue.counts[s], lang)}</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {queue.rows.length === 0 ? (
        <p>{m.empty}</p>
      ) : (
        <table class="queue stack-on-phone">
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{m.received}</th>
              <th scope="col">{m.about}</th>
              <th scope="col">{m.from}</th>
              <th scope="col">{m.files}</th>
              <th scope="col">{m.status}</th>
            </tr>
          </thead>
          <tbody>
            {queue.rows.map((r) => (
              <tr>
                <td data-label="#">
                  <a href={`/${lang}/review/${r.id}`}>{fill(m.open, { id: r.id })}</a>
                </td>
                <td data-label={m.received}>
                  <time datetime={r.received_at.slice(0, 10)}>{r.received_at.slice(0, 10)}</time>
                </td>
                <td data-label={m.about}>
                  {r.person_name ?? (r.subject_name ? fill(m.someoneNew, { name: r.subject_name }) : m.erased)}
                </td>
                <td data-label={m.from}>{label(c.relations, r.relation)}</td>
                <td data-label={m.files}>{r.files}</td>
                <td data-label={m.status}>
                  <span class={`state state-${r.status}`}>{label(m.states, r.status)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={page} pages={queue.pages} href={(p) => href(status, p)} t={t} />
    </article>
  );
}

function Sent({ lang, t, review }: Props & { review: ReviewPage }) {
  const m = t.moderation;
  const c = t.contribute;
  const row = review.contribution;
  const consents = [
    row.consent_name ? m.consentName : null,
    row.consent_contact ? m.consentContact : null,
    row.consent_publish && row.licence
      ? fill(m.consentPublish, { licence: c.licenceShort[licenceKey(row.licence)] })
      : null,
  ].filter(Boolean);
  return (
    <section class="review-sent" aria-labelledby="sent-heading">
      <h2 id="sent-heading">{m.message}</h2>
      {row.erased_at ? (
        <p class="muted">{m.erased}</p>
      ) : (
        <>
          <dl class="facts">
            <dt>{m.received}</dt>
            <dd>{row.received_at}</dd>
            <dt>{m.sender}</dt>
            <dd>
              {row.sender_name ?? <span class="muted">{m.anonymous}</span>}
              {row.sender_email && <> · {row.sender_email}</>}
              <br />
              {label(c.relations, row.relation)}
              {row.relation_detail && <> ({row.relation_detail})</>}
            </dd>
            <dt>{m.allows}</dt>
            <dd>{consents.length ? consents.join('; ') : m.consentNone}</dd>
            {row.subject_name && (
              <>
                <dt>{m.about}</dt>
                <dd>{row.subject_name}</dd>
              </>
            )}
          </dl>
          <p class="sent-text">{row.message}</p>
          {row.dates && (
            <>
              <h3>{m.dates}</h3>
              <DatesList json={row.dates} lang={lang} />
            </>
          )}
          {row.places && (
            <>
              <h3>{m.places}</h3>
              <p class="sent-text">{row.places}</p>
            </>
          )}
          {row.names && (
            <>
              <h3>{m.names}</h3>
              <p class="sent-text">{row.names}</p>
            </>
          )}
          {review.files.length > 0 && (
            <>
              <h3>{c.attachments}</h3>
              <ul class="review-files">
                {review.files.map((f) => (
                  <li>
                    {f.mime.startsWith('image/') && (
                      <img
                        src={`/${lang}/review/${row.id}/files/${f.id}/thumb`}
                        alt={f.name}
                        loading="lazy"
                        class="review-thumb"
                      />
                    )}
                    <a href={`/${lang}/review/${row.id}/files/${f.id}/original`}>{f.name}</a>{' '}
                    <span class="muted">({formatNumber(Math.ceil(f.bytes / 1024), lang)} KiB)</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      {review.messages.length > 0 && (
        <>
          <h3>{c.conversation}</h3>
          <ol class="messages">
            {review.messages.map((msg) => (
              <li class={`message message-${msg.author}`}>
                <p class="message-meta">
                  {msg.author === 'archive' ? (msg.display_name ?? msg.user_name ?? c.fromArchive) : m.sender},{' '}
                  {msg.created_at}
                </p>
                <p class="sent-text">{msg.body}</p>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function Draft({ status, t }: { status: string; t: Messages }) {
  return status === 'draft' ? <span class="rank rank-draft"> {t.moderation.draft}</span> : null;
}

function RecordColumn({ lang, t, review }: Props & { review: ReviewPage }) {
  const m = t.moderation;
  const r = review.record;
  return (
    <section class="review-record" aria-labelledby="record-heading">
      <h2 id="record-heading">{m.record}</h2>
      {!r ? (
        <p>{m.recordNone}</p>
      ) : (
        <>
          <p>
            <strong>{r.display}</strong>
            <Draft status={r.state} t={t} />
            {r.state === 'published' && (
              <>
                {' · '}
                <a href={`/${lang}/persons/${r.id}`}>{m.openRecord}</a>
              </>
            )}
          </p>
          <h3>{t.person.names}</h3>
          <ul>
            {r.names.map((n) => (
              <li>
                {n.text} <span class="muted">({label(t.nameKinds, n.kind)})</span>
                <Draft status={n.status} t={t} />
              </li>
            ))}
          </ul>
          {r.events.length > 0 && (
            <>
              <h3>{t.person.timeline}</h3>
              <ul>
                {r.events.map((e) => (
                  <li>
                    {label(t.eventTypes, e.type)}
                    {e.date && (
                      <>
                        {', '}
                        <DateText edtf={e.date} lang={lang} />
                      </>
                    )}
                    <Draft status={e.status} t={t} />
                  </li>
                ))}
              </ul>
            </>
          )}
          {r.attributes.length > 0 && (
            <>
              <h3>{t.person.attributes}</h3>
              <ul>
                {r.attributes.map((a) => (
                  <li>
                    {label(t.attributeTypes, a.type)}: {a.value}
                    {a.date && (
                      <>
                        {', '}
                        <DateText edtf={a.date} lang={lang} />
                      </>
                    )}
                    <Draft status={a.status} t={t} />
                  </li>
                ))}
              </ul>
            </>
          )}
          {r.relationships.length > 0 && (
            <>
              <h3>{t.person.relationships}</h3>
              <ul>
                {r.relationships.map((x) => (
                  <li>
                    {label(t.relationshipTypes, x.type)}: {x.name}
                    <Draft status={x.status} t={t} />
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}

function Proposals({ lang, t, review, csrf, editor }: Props & { review: ReviewPage; csrf: string; editor: boolean }) {
  const m = t.moderation;
  const base = `/${lang}/review/${review.contribution.id}/proposals`;
  return (
    <section aria-labelledby="proposals-heading">
      <h2 id="proposals-heading">{m.proposals}</h2>
      {review.proposals.length === 0 ? (
        <p>{m.proposalsNone}</p>
      ) : (
        <ul class="proposals">
          {review.proposals.map((p) => (
            <li class={`proposal proposal-${p.status}`}>
              <p>
                <ProposalText kind={p.kind} summary={p.summary} lang={lang} t={t} />
                {' — '}
                <span class="proposal-state">
                  {p.status === 'proposed' && !editor ? m.awaitingEditor : label(t.contribute.proposalStates, p.status)}
                </span>
                {p.decline_reason && <span class="muted"> ({p.decline_reason})</span>}
              </p>
              {p.status === 'proposed' && editor && (
                <div class="button-row">
                  <form method="post" action={`${base}/${p.id}/accept`}>
                    <CsrfField token={csrf} />
                    <button type="submit" class="small">
                      {m.accept}
                    </button>
                  </form>
                  <form method="post" action={`${base}/${p.id}/decline`} class="inline-form">
                    <CsrfField token={csrf} />
                    <Field name="reason" id={`reason-${p.id}`} label={m.proposalReason} maxlength={500} required />
                    <button type="submit" class="small secondary">
                      {m.declineProposal}
                    </button>
                  </form>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** One contribution beside the person's record now, with what reviewers and editors can do with it. */
export function ReviewView({
  lang,
  t,
  review,
  csrf,
  editor,
  notice,
  error,
}: Props & { review: ReviewPage; csrf: string; editor: boolean; notice: string | null; error: string | null }) {
  const m = t.moderation;
  const row = review.contribution;
  const base = `/${lang}/review/${row.id}`;
  const open = row.status !== 'withdrawn' && row.erased_at === null;
  return (
    <article class="admin-page review-page">
      <p>
        <a href={`/${lang}/review`}>← {m.title}</a>
      </p>
      <h1>
        {fill(m.open, { id: row.id })} <span class={`state state-${row.status}`}>{label(m.states, row.status)}</span>
      </h1>
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
      {row.decline_reason && (
        <p>
          {t.contribute.reason}: {row.decline_reason}
        </p>
      )}
      <div class="review-columns">
        <Sent lang={lang} t={t} review={review} />
        <RecordColumn lang={lang} t={t} review={review} />
      </div>
      <Proposals lang={lang} t={t} review={review} csrf={csrf} editor={editor} />
      {open && (
        <>
          {row.status === 'new' && (
            <form method="post" action={`${base}/review`}>
              <CsrfField token={csrf} />
              <button type="submit">{m.review}</button>
            </form>
          )}
          <ProposeForms lang={lang} t={t} review={review} csrf={csrf} />
          <section aria-labelledby="reply-heading">
            <h2 id="reply-heading">{m.reply}</h2>
            <form method="post" action={`${base}/reply`} class="stacked">
              <CsrfField token={csrf} />
              <TextArea name="text" label={m.replyText} hint={m.replyHint} rows={5} maxlength={20_000} required />
              <div class="actions">
                <button type="submit">{m.sendReply}</button>
              </div>
            </form>
          </section>
          {row.status !== 'declined' && (
            <section aria-labelledby="decline-heading">
              <h2 id="decline-heading">{m.decline}</h2>
              <form method="post" action={`${base}/decline`} class="stacked">
                <CsrfField token={csrf} />
                <TextArea name="reason" label={m.declineReason} rows={3} maxlength={2000} required />
                <div class="actions">
                  <button type="submit" class="danger">
                    {m.declineButton}
                  </button>
                </div>
              </form>
            </section>
          )}
        </>
      )}
    </article>
  );
}
