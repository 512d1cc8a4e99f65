import type { Messages } from '../i18n/en.ts';
import { fill, type Lang } from '../i18n/i18n.ts';
import { CsrfField } from '../web/csrf.tsx';
import { Notice } from '../web/form.tsx';
import type { DuplicatePair, MergeDetail } from './merge-review.service.ts';

/* The merge pages: picking the other person, both records side by side, one merge with its undo, and the likely duplicates. */

type NoticeView = { kind: 'success' | 'info' | 'error'; text: string };

/** One person as the merge pages show it. */
export interface PersonSide {
  id: number;
  name: string;
  state: string;
  rows: { field: string; value: string }[];
  events: { id: number; label: string; role: string; state: string }[];
}

/** A merge as the pages list it. */
export type MergeItem = MergeDetail;

function Earlier({ t, lang, merges }: { t: Messages; lang: Lang; merges: MergeItem[] }) {
  if (merges.length === 0) return null;
  return (
    <section aria-labelledby="earlier-heading">
      <h2 id="earlier-heading">{t.merges.earlier}</h2>
      <ul>
        {merges.map((m) => (
          <li>
            <a href={`/${lang}/merges/${m.id}`}>{fill(t.merges.mergeTitle, { id: m.id })}</a>:{' '}
            {fill(t.merges.mergeSummary, { source: m.source, target: m.target })}
            {m.undone && ` ${t.merges.undoneNote}`}
          </li>
        ))}
      </ul>
    </section>
  );
}

export function PickPage(p: {
  t: Messages;
  lang: Lang;
  person: { id: number; name: string };
  value: string;
  problem?: string;
  merges: MergeItem[];
}) {
  const { t, lang } = p;
  return (
    <article class="merge-page">
      <h1>{fill(t.merges.pickTitle, { name: p.person.name })}</h1>
      <p class="lead-small">{t.merges.intro}</p>
      <form method="get" action={`/${lang}/persons/${p.person.id}/merge`} class="stacked" novalidate>
        <div class={p.problem ? 'field field-invalid' : 'field'}>
          <label for="merge-into">{t.merges.pickLabel}</label>
          <span class="hint" id="merge-into-hint">
            {t.merges.pickHint}
          </span>
          <input
            id="merge-into"
            name="into"
            type="text"
            inputmode="numeric"
            autocomplete="off"
            maxlength={16}
            required
            value={p.value}
            aria-invalid={p.problem ? 'true' : undefined}
            aria-describedby={p.problem ? 'merge-into-hint merge-into-problem' : 'merge-into-hint'}
          />
          {p.problem && (
            <span class="field-error" id="merge-into-problem">
              {p.problem}
            </span>
          )}
        </div>
        <div class="actions">
          <button type="submit">{t.merges.pickButton}</button>
        </div>
      </form>
      <p>
        <a href={`/${lang}/duplicates`}>{t.merges.duplicatesLink}</a>
      </p>
      <Earlier t={t} lang={lang} merges={p.merges} />
    </article>
  );
}

function Side({
  t,
  lang,
  side,
  heading,
  id,
}: {
  t: Messages;
  lang: Lang;
  side: PersonSide;
  heading: string;
  id: string;
}) {
  return (
    <section class="merge-side" aria-labelledby={id}>
      <h2 id={id}>
        <span class="merge-role">{heading}</span> <a href={`/${lang}/persons/${side.id}/edit`}>{side.name}</a> (
        {side.id}){side.state === 'draft' && <span class="badge badge-draft">{t.edit.draftBadge}</span>}
      </h2>
      {side.rows.length === 0 ? (
        <p>{t.merges.nothing}</p>
      ) : (
        <dl class="facts">
          {side.rows.map((r) => (
            <>
              <dt>{r.field}</dt>
              <dd>{r.value}</dd>
            </>
          ))}
        </dl>
      )}
      <h3>{t.merges.events}</h3>
      {side.events.length === 0 ? (
        <p>{t.merges.noEvents}</p>
      ) : (
        <ul>
          {side.events.map((e) => (
            <li>
              <a href={`/${lang}/events/${e.id}/edit`}>{e.label}</a> (
              {t.participantRoles[e.role as keyof typeof t.participantRoles] ?? e.role})
              {e.state === 'draft' && <span class="badge badge-draft">{t.edit.draftBadge}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function ComparePage(p: {
  t: Messages;
  lang: Lang;
  csrf: string;
  source: PersonSide;
  target: PersonSide;
  reason: string;
  notice?: NoticeView;
}) {
  const { t, lang } = p;
  return (
    <article class="merge-page">
      <h1>{fill(t.merges.compareTitle, { source: p.source.id, target: p.target.id })}</h1>
      <p class="lead-small">{t.merges.compareIntro}</p>
      {p.notice && <Notice kind={p.notice.kind}>{p.notice.text}</Notice>}
      <div class="merge-sides">
        <Side t={t} lang={lang} side={p.source} heading={t.merges.merged} id="merged-heading" />
        <Side t={t} lang={lang} side={p.target} heading={t.merges.stays} id="stays-heading" />
      </div>
      <p>
        <a href={`/${lang}/persons/${p.target.id}/merge?into=${p.source.id}`}>{t.merges.swap}</a>
      </p>
      <form method="post" action={`/${lang}/persons/${p.source.id}/merge`} class="stacked">
        <CsrfField token={p.csrf} />
        <input type="hidden" name="into" value={String(p.target.id)} />
        <div class="field">
          <label for="merge-reason">{t.merges.reason}</label>
          <span class="hint" id="merge-reason-hint">
            {t.merges.reasonHint}
          </span>
          <input
            id="merge-reason"
            name="reason"
            type="text"
            required
            maxlength={500}
            value={p.reason}
            aria-describedby="merge-reason-hint"
          />
        </div>
        <div class="actions">
          <button type="submit" class="danger">
            {t.merges.confirm}
          </button>
        </div>
      </form>
    </article>
  );
}

export function MergePage(p: { t: Messages; lang: Lang; csrf: string; merge: MergeItem; notice?: NoticeView }) {
  const { t, lang, merge: m } = p;
  return (
    <article class="merge-page">
      <h1>{fill(t.merges.mergeTitle, { id: m.id })}</h1>
      {p.notice && <Notice kind={p.notice.kind}>{p.notice.text}</Notice>}
      <p>
        {fill(t.merges.mergeSummary, { source: m.source, target: m.target })}{' '}
        {m.by ? fill(t.merges.by, { who: m.by, when: m.at.slice(0, 16) }) : m.at.slice(0, 16)}
        {m.reason ? ` · ${m.reason}` : ''}
      </p>
      <ul>
        <li>
          <a href={`/${lang}/persons/${m.source}/history`}>{m.sourceName}</a> ({m.source})
        </li>
        <li>
          <a href={`/${lang}/persons/${m.target}/edit`}>{m.targetName}</a> ({m.target})
        </li>
      </ul>
      {m.undone ? (
        <p>{t.merges.undoneNote}</p>
      ) : (
        <section class="remove-record" aria-labelledby="unmerge-heading">
          <h2 id="unmerge-heading">{t.merges.unmergeTitle}</h2>
          <p>{t.merges.unmergeIntro}</p>
          <form method="post" action={`/${lang}/merges/${m.id}/unmerge`} class="stacked">
            <CsrfField token={p.csrf} />
            <div class="field">
              <label for="unmerge-reason">{t.merges.unmergeReason}</label>
              <input id="unmerge-reason" name="reason" type="text" maxlength={500} />
            </div>
            <div class="actions">
              <button type="submit">{t.merges.unmergeButton}</button>
            </div>
          </form>
        </section>
      )}
    </article>
  );
}

function signed(n: number, lang: Lang): string {
  const s = n.toLocaleString(lang, { maximumFractionDigits: 1, minimumFractionDigits: 1 });
  return n > 0 ? `+${s}` : s.replace('-', '−');
}

export function DuplicatesPage(p: {
  t: Messages;
  lang: Lang;
  csrf: string;
  pairs: DuplicatePair[];
  notice?: NoticeView;
}) {
  const { t, lang } = p;
  const comparisons = t.merges.comparisons as Record<string, string>;
  return (
    <article class="merge-page">
      <h1>{t.merges.duplicatesTitle}</h1>
      <p class="lead-small">{t.merges.duplicatesIntro}</p>
      {p.notice && <Notice kind={p.notice.kind}>{p.notice.text}</Notice>}
      {p.pairs.length === 0 ? (
        <p>{t.merges.noDuplicates}</p>
      ) : (
        <ol class="duplicate-pairs">
          {p.pairs.map((pair) => (
            <li>
              <h2>
                <a href={`/${lang}/persons/${pair.a}/edit`}>{pair.aName}</a> ({pair.a}) ·{' '}
                <a href={`/${lang}/persons/${pair.b}/edit`}>{pair.bName}</a> ({pair.b})
              </h2>
              <p>{fill(t.merges.weight, { weight: signed(pair.weight, lang) })}</p>
              <ul class="evidence">
                {pair.evidence.map((e) => (
                  <li class={e.weight >= 0 ? 'for' : 'against'}>
                    {comparisons[e.comparison] ?? e.comparison}
                    {e.comparison === 'prior' ? '' : `: ${e.level}`}
                    {e.detail ? ` (${e.detail})` : ''} {signed(e.weight, lang)}
                  </li>
                ))}
              </ul>
              <form method="post" action={`/${lang}/duplicates/${pair.a}/${pair.b}/dismiss`} class="inline-actions">
                <CsrfField token={p.csrf} />
                <a class="button-link" href={`/${lang}/persons/${pair.b}/merge?into=${pair.a}`}>
                  {t.merges.compare}
                </a>{' '}
                <button type="submit" class="secondary">
                  {t.merges.notDuplicate}
                </button>
              </form>
            </li>
          ))}
        </ol>
      )}
    </article>
  );
}
