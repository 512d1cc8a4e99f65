import type { Messages } from '../i18n/en.ts';
import { fill, formatNumber, type Lang, label } from '../i18n/i18n.ts';
import { LIST_COLUMN_ROLES } from '../sources/list-row.ts';
import type { ListColumn } from '../sources/source.rows.ts';
import { DateText } from '../web/components.tsx';
import { CsrfField } from '../web/csrf.tsx';
import { Field, Notice, SelectField } from '../web/form.tsx';
import { describeProblem, type ImportReport } from './import-report.ts';
import { ROW_STATES } from './list.repository.ts';
import type { ComparePage, ListPage } from './list-page.ts';
import { LIST_ROWS_PER_PAGE } from './list-page.ts';

type Props = { lang: Lang; t: Messages };

/** A row's cells as written, each under its column's heading. */
export function RowCells({ columns, cells, t }: { columns: ListColumn[]; cells: Record<string, string>; t: Messages }) {
  return (
    <dl class="row-cells">
      {columns.map((c) => (
        <>
          <dt>
            {c.label}
            {c.role && <span class="hint"> ({label(t.lists.roles, c.role)})</span>}
          </dt>
          <dd class="as-written-cell">{cells[c.key] ?? ''}</dd>
        </>
      ))}
    </dl>
  );
}

export function ListIndexView({
  lists,
  lang,
  t,
}: { lists: { id: number; title: string; status: string; rows: number | string | null }[] } & Props) {
  return (
    <article>
      <h1>{t.lists.title}</h1>
      <p>
        <a href={`/${lang}/lists/import`}>{t.lists.importTitle}</a>
      </p>
      {lists.length === 0 ? (
        <p>{t.lists.none}</p>
      ) : (
        <form method="get" action={`/${lang}/lists/compare`} class="compare-form">
          <ul class="list-index">
            {lists.map((l) => (
              <li>
                <a href={`/${lang}/lists/${l.id}`}>{l.title}</a>{' '}
                <span class="hint">
                  ({fill(t.lists.rowsCount, { n: formatNumber(Number(l.rows ?? 0), lang) })}
                  {l.status !== 'published' && `, ${label(t.lists.listStatus, l.status)}`})
                </span>
              </li>
            ))}
          </ul>
          <SelectField name="a" label={t.lists.compareA} options={lists.map((l) => [String(l.id), l.title] as const)} />
          <SelectField
            name="b"
            label={t.lists.compareB}
            options={lists.map((l) => [String(l.id), l.title] as const)}
            value={String(lists[1]?.id ?? lists[0]?.id)}
          />
          <button type="submit">{t.lists.compare}</button>
        </form>
      )}
    </article>
  );
}

const ENCODING_OPTIONS = (t: Messages) =>
  [
    ['', t.lists.detect],
    ['utf-8', 'UTF-8'],
    ['windows-1251', 'Windows-1251'],
    ['koi8-r', 'KOI8-R'],
    ['windows-1252', 'Windows-1252'],
    ['utf-16le', 'UTF-16LE'],
  ] as const;

export function ImportFormView({ csrf, error, lang, t }: { csrf: string; error?: string } & Props) {
  return (
    <article class="import">
      <h1>{t.lists.importTitle}</h1>
      <p>{t.lists.importIntro}</p>
      {error && <Notice kind="error">{error}</Notice>}
      <form
        method="post"
        action={`/${lang}/lists/import`}
        enctype="multipart/form-data"
        class="stacked"
        data-upload="1"
      >
        <CsrfField token={csrf} />
        <div class="field">
          <label for="file">{t.lists.file}</label>
          <span class="hint" id="file-hint">
            {t.lists.fileHint}
          </span>
          <input
            id="file"
            name="file"
            type="file"
            required
            accept=".csv,.tsv,.tab,.txt,.xlsx"
            aria-describedby="file-hint"
          />
        </div>
        <SelectField name="encoding" label={t.lists.encoding} options={ENCODING_OPTIONS(t)} />
        <button type="submit">{t.lists.upload}</button>
        <p class="upload-progress" role="status" aria-live="polite" />
      </form>
      <script src="/static/review.js" defer />
    </article>
  );
}

export interface PreviewDraft {
  title: string;
  asOf: string;
  encoding: string;
  draft: boolean;
}

export function ImportPreviewView({
  uploadId,
  report,
  draft,
  csrf,
  error,
  lang,
  t,
}: { uploadId: number; report: ImportReport; draft: PreviewDraft; csrf: string; error?: string } & Props) {
  const f = report.file;
  const action = `/${lang}/lists/import/${uploadId}`;
  const roleOptions = [
    ['none', t.lists.asWrittenOnly] as const,
    ...LIST_COLUMN_ROLES.map((r) => [r, label(t.lists.roles, r)] as const),
  ];
  return (
    <article class="import">
      <h1>{fill(t.lists.previewTitle, { name: f.name })}</h1>
      {error && <Notice kind="error">{error}</Notice>}
      <dl class="facts">
        <dt>{t.lists.fileFacts}</dt>
        <dd>
          {fill(t.lists.fileSummary, { size: formatNumber(f.size, lang), format: (f.format ?? '?').toUpperCase() })}
          {f.encoding && `, ${f.encoding}${f.encodingDetected ? ` (${t.lists.detected})` : ''}`}
        </dd>
        <dt>SHA-256</dt>
        <dd class="digest">{f.sha256}</dd>
        <dt>{t.lists.rows}</dt>
        <dd>{formatNumber(report.rows, lang)}</dd>
      </dl>
      <section aria-labelledby="report-heading">
        <h2 id="report-heading">{t.lists.dryRun}</h2>
        {report.errors === 0 && report.warnings === 0 ? (
          <Notice kind="success">{t.lists.noProblems}</Notice>
        ) : (
          <>
            <p>{fill(t.lists.problemCount, { errors: report.errors, warnings: report.warnings })}</p>
            <ul class="problems">
              {report.problems.map((p) => (
                <li class={`problem-${p.level}`}>
                  <strong>{p.level === 'error' ? t.lists.error : t.lists.warning}:</strong> {describeProblem(p, t)}
                </li>
              ))}
            </ul>
          </>
        )}
        {report.duplicateOf && (
          <p>
            <a href={`/${lang}/lists/${report.duplicateOf.id}`}>{report.duplicateOf.title}</a>
          </p>
        )}
      </section>
      <form method="post" action={action} class="stacked">
        <CsrfField token={csrf} />
        <Field name="title" label={t.lists.listTitle} value={draft.title} required maxlength={500} />
        <Field name="asOf" label={t.lists.asOf} value={draft.asOf} hint={t.lists.asOfHint} maxlength={100} />
        {report.file.format !== 'xlsx' && (
          <SelectField name="encoding" label={t.lists.encoding} options={ENCODING_OPTIONS(t)} value={draft.encoding} />
        )}
        <fieldset>
          <legend>{t.lists.columnRoles}</legend>
          <div class="table-scroll">
            <table class="list-table preview">
              <thead>
                <tr>
                  <th scope="col">{t.lists.line}</th>
                  {report.columns.map((c, i) => (
                    <th scope="col">
                      <label for={`role-${i}`}>{c.label}</label>
                      <select id={`role-${i}`} name={`role.${i}`}>
                        {roleOptions.map(([value, text]) => (
                          <option value={value} selected={(c.role ?? 'none') === value}>
                            {text}
                          </option>
                        ))}
                      </select>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {report.preview.map((r) => (
                  <tr>
                    <td>{r.line}</td>
                    {report.columns.map((_, i) => (
                      <td class="as-written-cell">{r.cells[i] ?? ''}</td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </fieldset>
        <div class="field">
          <label>
            <input type="checkbox" name="draft" value="1" checked={draft.draft} /> {t.lists.keepDraft}
          </label>
        </div>
        {report.duplicateOf && (
          <div class="field">
            <label>
              <input type="checkbox" name="again" value="1" /> {t.lists.importAgain}
            </label>
          </div>
        )}
        <button type="submit" name="step" value="check">
          {t.lists.checkAgain}
        </button>{' '}
        <button type="submit" name="step" value="import" class="button-confirm">
          {t.lists.importButton}
        </button>
      </form>
    </article>
  );
}

function Percent({ part, whole, lang }: { part: number; whole: number; lang: Lang }) {
  return <>{whole === 0 ? '0' : formatNumber(Math.round((part / whole) * 1000) / 10, lang)} %</>;
}

export function ListPageView({
  p,
  csrf,
  notice,
  after,
  lang,
  t,
}: { p: ListPage; csrf: string; notice?: string; after?: number } & Props) {
  const base = `/${lang}/lists/${p.id}`;
  const filterHref = (state: string | null, offset = 0) =>
    `${base}?${new URLSearchParams({ ...(state ? { state } : {}), ...(offset ? { offset: String(offset) } : {}) })}`;
  const last = Math.min(p.offset + p.rows.length, p.matching);
  return (
    <article class="list-page">
      <h1>{p.title}</h1>
      {notice && <Notice kind="success">{notice}</Notice>}
      <p>
        <a href={`/${lang}/sources/${p.id}`}>{t.lists.publicPage}</a> ·{' '}
        <a href={`${base}/review`}>{t.lists.reviewLink}</a>
        {p.asOf && (
          <>
            {' '}
            · {t.lists.asOf} <DateText edtf={p.asOf} lang={lang} />
          </>
        )}
      </p>
      <section aria-labelledby="progress-heading">
        <h2 id="progress-heading">{t.lists.progress}</h2>
        <p>
          {fill(t.lists.linkedOf, { linked: formatNumber(p.linked, lang), total: formatNumber(p.total, lang) })} (
          <Percent part={p.linked} whole={p.total} lang={lang} />)
        </p>
        <meter min={0} max={Math.max(1, p.total)} value={p.linked} aria-label={t.lists.progress}>
          {p.linked}
        </meter>
        <ul class="state-counts">
          <li>
            <a href={filterHref(null)} aria-current={p.filter === null ? 'true' : undefined}>
              {t.lists.allRows}
            </a>{' '}
            {formatNumber(p.total, lang)}
          </li>
          {[...ROW_STATES].reverse().map((s) => (
            <li>
              <a href={filterHref(s)} aria-current={p.filter === s ? 'true' : undefined}>
                {label(t.lists.states, s)}
              </a>{' '}
              {formatNumber(p.counts[s], lang)}
            </li>
          ))}
        </ul>
        <form method="post" action={`${base}/link`} class="inline-form">
          <CsrfField token={csrf} />
          {after !== undefined && <input type="hidden" name="after" value={String(after)} />}
          <button type="submit">
            {after !== undefined ? fill(t.lists.linkRowsAfter, { n: formatNumber(after, lang) }) : t.lists.linkRows}
          </button>
        </form>
      </section>
      {p.file && (
        <p class="hint">
          {fill(t.lists.originalFile, { name: p.file.name, size: formatNumber(p.file.size, lang) })}{' '}
          <span class="digest">SHA-256 {p.file.sha256}</span>
        </p>
      )}
      <section aria-labelledby="rows-heading">
        <h2 id="rows-heading">
          {p.filter ? label(t.lists.states, p.filter) : t.lists.allRows} ({formatNumber(p.matching, lang)})
        </h2>
        <div class="table-scroll">
          <table class="list-table">
            <thead>
              <tr>
                <th scope="col">{t.lists.row}</th>
                {p.columns.map((c) => (
                  <th scope="col">{c.label}</th>
                ))}
                <th scope="col">{t.lists.state}</th>
                <th scope="col">{t.lists.persons}</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr id={`row-${r.position}`}>
                  <td>
                    <a href={`${base}/review?row=${r.position}`}>{r.position}</a>
                  </td>
                  {p.columns.map((c) => (
                    <td class="as-written-cell">{r.cells[c.key] ?? ''}</td>
                  ))}
                  <td>
                    <span class={`state state-${r.state}`}>{label(t.lists.states, r.state)}</span>
                  </td>
                  <td>
                    {r.links
                      .filter((l) => l.status !== 'rejected')
                      .map((l, i) => (
                        <>
                          {i > 0 && '; '}
                          <a href={`/${lang}/persons/${l.personId}`}>{l.name}</a> ({label(t.lists.states, l.status)})
                        </>
                      ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {p.matching > LIST_ROWS_PER_PAGE && (
          <nav class="pagination" aria-label={t.persons.pagination}>
            <p>{fill(t.lists.rowsShown, { from: p.offset + 1, to: last, n: p.matching })}</p>
            {p.offset > 0 && (
              <a href={filterHref(p.filter, Math.max(0, p.offset - LIST_ROWS_PER_PAGE))}>{t.persons.previous}</a>
            )}{' '}
            {last < p.matching && <a href={filterHref(p.filter, p.offset + LIST_ROWS_PER_PAGE)}>{t.persons.next}</a>}
          </nav>
        )}
      </section>
    </article>
  );
}

function Positions({ rows, listId, lang }: { rows: number[]; listId: number; lang: Lang }) {
  return (
    <>
      {rows.map((n, i) => (
        <>
          {i > 0 && ', '}
          <a href={`/${lang}/lists/${listId}/review?row=${n}`}>{n}</a>
        </>
      ))}
    </>
  );
}

export function CompareView({ p, lang, t }: { p: ComparePage } & Props) {
  const person = (id: number, name: string) => <a href={`/${lang}/persons/${id}`}>{name}</a>;
  return (
    <article class="compare">
      <h1>{t.lists.compareTitle}</h1>
      <p>
        <a href={`/${lang}/lists/${p.a.id}`}>{p.a.title}</a> · <a href={`/${lang}/lists/${p.b.id}`}>{p.b.title}</a>
      </p>
      <section aria-labelledby="both-heading">
        <h2 id="both-heading">{fill(t.lists.onBoth, { n: p.both.length })}</h2>
        <div class="table-scroll">
          <table class="list-table">
            <thead>
              <tr>
                <th scope="col">{t.lists.person}</th>
                <th scope="col">{fill(t.lists.rowsIn, { title: p.a.title })}</th>
                <th scope="col">{fill(t.lists.rowsIn, { title: p.b.title })}</th>
              </tr>
            </thead>
            <tbody>
              {p.both.map((x) => (
                <tr>
                  <td>{person(x.personId, x.name)}</td>
                  <td>
                    <Positions rows={x.inA} listId={p.a.id} lang={lang} />
                  </td>
                  <td>
                    <Positions rows={x.inB} listId={p.b.id} lang={lang} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {(
        [
          [p.a, p.onlyA, 'only-a'],
          [p.b, p.onlyB, 'only-b'],
        ] as const
      ).map(([list, only, id]) => (
        <section aria-labelledby={`${id}-heading`}>
          <h2 id={`${id}-heading`}>{fill(t.lists.onlyOn, { title: list.title, n: only.length })}</h2>
          <ul>
            {only.map((x) => (
              <li>
                {person(x.personId, x.name)}: <Positions rows={x.rows} listId={list.id} lang={lang} />
              </li>
            ))}
          </ul>
          <p>
            <a href={`/${lang}/lists/${list.id}?state=unlinked`}>
              {fill(t.lists.stillUnlinked, {
                n: formatNumber(list.unlinked, lang),
                total: formatNumber(list.total, lang),
              })}
            </a>
          </p>
        </section>
      ))}
    </article>
  );
}
