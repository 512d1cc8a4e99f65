import type { Messages } from '../i18n/en.ts';
import { fill, type Lang, label } from '../i18n/i18n.ts';
import type { LinkEvidenceItem } from '../sources/list-row.ts';
import { DateText } from '../web/components.tsx';
import { CsrfField } from '../web/csrf.tsx';
import { Notice } from '../web/form.tsx';
import { RowCells } from './list.views.tsx';
import type { CandidateView, ReviewPage } from './list-page.ts';

type Props = { lang: Lang; t: Messages };

const signed = (w: number) => `${w > 0 ? '+' : w < 0 ? '−' : '±'}${Math.abs(w).toFixed(1)}`;

/**
 * Each comparison's contribution to a candidate's match weight, as a waterfall: a table a screen
 * reader reads row by row, with bars drawn beside the numbers for the eye.
 */
export function Waterfall({ evidence, weight, t }: { evidence: LinkEvidenceItem[]; weight: number | null } & Props) {
  if (evidence.length === 0) return null;
  const largest = Math.max(1, ...evidence.map((e) => Math.abs(e.weight)));
  let running = 0;
  return (
    // Focusable, so that a keyboard can scroll it where a phone is narrower than the table.
    <div class="table-scroll" tabindex={0} role="region" aria-label={t.lists.evidence}>
      <table class="waterfall">
        <caption>{t.lists.evidence}</caption>
        <thead>
          <tr>
            <th scope="col">{t.lists.comparison}</th>
            <th scope="col">{t.lists.level}</th>
            <th scope="col">{t.lists.contribution}</th>
            <th scope="col">{t.lists.runningTotal}</th>
          </tr>
        </thead>
        <tbody>
          {evidence.map((e) => {
            running += e.weight;
            const width = `${Math.round((Math.abs(e.weight) / largest) * 50)}%`;
            return (
              <tr>
                <th scope="row">{label(t.lists.comparisons, e.comparison)}</th>
                <td>
                  {label(t.lists.levels, e.level)}
                  {e.detail && <span class="hint"> ({e.detail})</span>}
                </td>
                <td class="weight">
                  <span class="bar-track" aria-hidden="true">
                    <span
                      class={e.weight >= 0 ? 'bar bar-for' : 'bar bar-against'}
                      style={e.weight >= 0 ? `left:50%;width:${width}` : `right:50%;width:${width}`}
                    />
                  </span>
                  <span class="number">{signed(e.weight)}</span>
                </td>
                <td class="number">{signed(running)}</td>
              </tr>
            );
          })}
        </tbody>
        {weight !== null && (
          <tfoot>
            <tr>
              <th scope="row" colspan={3}>
                {t.lists.matchWeight}
              </th>
              <td class="number">{signed(weight)}</td>
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}

function DecisionForm({
  p,
  c,
  i,
  blind,
  csrf,
  lang,
  t,
}: { p: ReviewPage; c: CandidateView; i: number; blind: boolean; csrf: string } & Props) {
  const action = `/${lang}/lists/${p.list.id}/review`;
  return (
    <form method="post" action={action} class="decision">
      <CsrfField token={csrf} />
      <input type="hidden" name="row" value={String(p.row.position)} />
      <input type="hidden" name="person" value={String(c.personId)} />
      {blind && <input type="hidden" name="blind" value="1" />}
      <button type="submit" name="decision" value="confirmed" data-key="c" class="button-confirm">
        {t.lists.confirm}
      </button>{' '}
      <button type="submit" name="decision" value="rejected" data-key="r">
        {t.lists.reject}
      </button>{' '}
      <button type="submit" name="decision" value="unsure" data-key="u">
        {t.lists.unsure}
      </button>
      <span class="visually-hidden">{fill(t.lists.candidateN, { n: i + 1, name: c.name })}</span>
    </form>
  );
}

function Candidate({
  p,
  c,
  i,
  blind,
  csrf,
  lang,
  t,
}: { p: ReviewPage; c: CandidateView; i: number; blind: boolean; csrf: string } & Props) {
  return (
    <li class="candidate" id={`candidate-${i + 1}`} tabindex={-1} data-candidate={String(i + 1)}>
      <h3>
        <a href={`/${lang}/persons/${c.personId}`}>{c.name}</a>{' '}
        <span class="hint">({fill(t.lists.personNo, { id: c.personId })})</span>
      </h3>
      <dl class="facts">
        {c.names.length > 0 && (
          <>
            <dt>{t.lists.recordedNames}</dt>
            <dd>{c.names.join('; ')}</dd>
          </>
        )}
        {c.born && (
          <>
            <dt>{t.lists.born}</dt>
            <dd>
              <DateText edtf={c.born} lang={lang} />
              {c.birthPlace && `, ${c.birthPlace}`}
            </dd>
          </>
        )}
        {c.died && (
          <>
            <dt>{t.lists.died}</dt>
            <dd>
              <DateText edtf={c.died} lang={lang} />
            </dd>
          </>
        )}
        {c.status && (
          <>
            <dt>{t.lists.linkNow}</dt>
            <dd>{label(t.lists.states, c.status)}</dd>
          </>
        )}
      </dl>
      {!blind && <Waterfall evidence={c.evidence} weight={c.weight} lang={lang} t={t} />}
      <DecisionForm p={p} c={c} i={i} blind={blind} csrf={csrf} lang={lang} t={t} />
    </li>
  );
}

export function ReviewView({
  p,
  blind,
  csrf,
  notice,
  undo,
  lang,
  t,
}: { p: ReviewPage; blind: boolean; csrf: string; notice?: string; undo?: number } & Props) {
  const base = `/${lang}/lists/${p.list.id}/review`;
  const here = (position: number | null, blindness = blind) =>
    position === null ? null : `${base}?row=${position}${blindness ? '&blind=1' : ''}`;
  return (
    <article class="review" data-review="1">
      <p class="breadcrumb">
        <a href={`/${lang}/lists/${p.list.id}`}>{p.list.title}</a>
      </p>
      <h1>{fill(t.lists.reviewTitle, { n: p.row.position })}</h1>
      {notice && (
        <Notice kind="success">
          {notice}
          {undo !== undefined && (
            <form method="post" action={`/${lang}/lists/${p.list.id}/undo`} class="inline-form">
              <CsrfField token={csrf} />
              <input type="hidden" name="changeSet" value={String(undo)} />
              <input type="hidden" name="row" value={String(p.row.position)} />
              <button type="submit">{t.lists.undo}</button>
            </form>
          )}
        </Notice>
      )}
      <p>
        {fill(t.lists.waiting, { n: p.waiting })}{' '}
        <a href={here(p.row.position, !blind) ?? base}>{blind ? t.lists.showScores : t.lists.hideScores}</a>
      </p>
      <nav class="review-nav" aria-label={t.lists.reviewNav}>
        {p.previous !== null && (
          <a href={here(p.previous) ?? base} rel="prev">
            {t.lists.previousRow}
          </a>
        )}{' '}
        {p.next !== null && (
          <a href={here(p.next) ?? base} rel="next" data-key="j">
            {t.lists.nextToReview}
          </a>
        )}
      </nav>
      <div class="review-grid">
        <section aria-labelledby="row-heading" class="row-as-written">
          <h2 id="row-heading">{t.lists.asWritten}</h2>
          <RowCells columns={p.list.columns} cells={p.row.cells} t={t} />
          {p.row.folio && (
            <p>
              {t.lists.folio}: {p.row.folio}
            </p>
          )}
          {p.row.note && <p class="note">{p.row.note}</p>}
          <form method="post" action={`/${lang}/lists/${p.list.id}/review`}>
            <CsrfField token={csrf} />
            <input type="hidden" name="row" value={String(p.row.position)} />
            <input type="hidden" name="decision" value="new" />
            {blind && <input type="hidden" name="blind" value="1" />}
            <button type="submit" data-key="p">
              {t.lists.newPerson}
            </button>
          </form>
          <form method="post" action={`/${lang}/lists/${p.list.id}/review`} class="pick">
            <CsrfField token={csrf} />
            <input type="hidden" name="row" value={String(p.row.position)} />
            <input type="hidden" name="decision" value="confirmed" />
            {blind && <input type="hidden" name="blind" value="1" />}
            <label for="pick-person">{t.lists.pickPerson}</label>
            <input id="pick-person" name="person" type="number" min="1" required />
            <button type="submit">{t.lists.confirm}</button>
          </form>
        </section>
        <section aria-labelledby="candidates-heading">
          <h2 id="candidates-heading">{t.lists.candidates}</h2>
          {!p.linkage && <p class="hint">{t.lists.noLinkage}</p>}
          {p.candidates.length === 0 ? (
            <p>{t.lists.noCandidates}</p>
          ) : (
            <ol class="candidates">
              {p.candidates.map((c, i) => (
                <Candidate p={p} c={c} i={i} blind={blind} csrf={csrf} lang={lang} t={t} />
              ))}
            </ol>
          )}
        </section>
      </div>
      <section aria-labelledby="keys-heading" class="shortcuts">
        <h2 id="keys-heading">{t.lists.shortcuts}</h2>
        <p>{t.lists.shortcutsText}</p>
      </section>
      <script src="/static/review.js" defer />
    </article>
  );
}
