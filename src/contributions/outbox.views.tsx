import type { Messages } from '../i18n/en.ts';
import type { Lang } from '../i18n/i18n.ts';
import { CsrfField } from '../web/csrf.tsx';
import type { listOutbox } from './outbox.repository.ts';

type Row = Awaited<ReturnType<typeof listOutbox>>[number];

/** The mail waiting in the outbox, whole, for an administrator to forward by hand. */
export function OutboxView({ lang, t, rows, csrf }: { lang: Lang; t: Messages; rows: Row[]; csrf: string }) {
  const m = t.moderation;
  return (
    <article class="admin-page outbox">
      <p>
        <a href={`/${lang}/review`}>← {m.title}</a>
      </p>
      <h1>{m.outboxTitle}</h1>
      <p>{m.outboxIntro}</p>
      {rows.length === 0 ? (
        <p>{m.outboxEmpty}</p>
      ) : (
        <ol class="outbox-list">
          {rows.map((r) => (
            <li>
              <dl class="facts">
                <dt>{m.to}</dt>
                <dd>{r.recipient}</dd>
                <dt>{m.subject}</dt>
                <dd>{r.subject}</dd>
                <dt>{m.received}</dt>
                <dd>{r.created_at}</dd>
                {r.error && (
                  <>
                    <dt>{m.error}</dt>
                    <dd>{r.error}</dd>
                  </>
                )}
              </dl>
              <pre class="mail-body">{r.body}</pre>
              <form method="post" action={`/${lang}/admin/outbox/${r.id}/remove`}>
                <CsrfField token={csrf} />
                <button type="submit" class="small secondary">
                  {m.remove}
                </button>
              </form>
            </li>
          ))}
        </ol>
      )}
    </article>
  );
}
