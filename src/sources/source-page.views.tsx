import { CiteThis } from '../citations/cite.views.tsx';
import type { CiteStyle } from '../citations/cite-styles.ts';
import type { Messages } from '../i18n/en.ts';
import { fill, type Lang, label } from '../i18n/i18n.ts';
import { DateText } from '../web/components.tsx';
import { ROWS_PER_PAGE, type SourcePage } from './source-page.ts';
import type { SourceView } from './source-view.ts';

type Props = { lang: Lang; t: Messages };

export function SourceIndexView({ sources, lang, t }: { sources: SourceView[] } & Props) {
  const kinds = [...new Set(sources.map((s) => s.kind))];
  return (
    <>
      <h1>{t.source.title}</h1>
      {kinds.map((k) => (
        <section aria-labelledby={`kind-${k}`}>
          <h2 id={`kind-${k}`}>{label(t.source.kinds, k)}</h2>
          <ul class="index-list">
            {sources
              .filter((s) => s.kind === k)
              .map((s) => (
                <li>
                  <a href={`/${lang}/sources/${s.id}`}>{s.reference}</a>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </>
  );
}

/** Links to the previous and next page of a long list's rows. */
function RowPages({ s, lang, t }: { s: SourcePage } & Props) {
  if (s.rowCount <= ROWS_PER_PAGE) return null;
  const href = (from: number) => `/${lang}/sources/${s.id}${from > 0 ? `?rows=${from}` : ''}#rows-heading`;
  const last = Math.min(s.rowOffset + s.rows.length, s.rowCount);
  return (
    <nav class="pagination" aria-label={t.persons.pagination}>
      <p>{fill(t.lists.rowsShown, { from: s.rowOffset + 1, to: last, n: s.rowCount })}</p>
      {s.rowOffset > 0 && <a href={href(Math.max(0, s.rowOffset - ROWS_PER_PAGE))}>{t.persons.previous}</a>}{' '}
      {last < s.rowCount && <a href={href(s.rowOffset + ROWS_PER_PAGE)}>{t.persons.next}</a>}
    </nav>
  );
}

function Rows({ s, lang, t }: { s: SourcePage } & Props) {
  const folios = s.rows.some((r) => r.folio);
  return (
    <section aria-labelledby="rows-heading">
      <h2 id="rows-heading">{t.source.rows}</h2>
      <p class="data-links">
        {t.openData.download}:{' '}
        <a href={`/api/v1/lists/${s.id}/rows?format=csv&bom=1`} download>
          {t.openData.csv}
        </a>{' '}
        · <a href={`/api/v1/lists/${s.id}/rows?limit=100`}>{t.openData.json}</a>
      </p>
      <div class="table-scroll">
        <table class="list-table">
          <thead>
            <tr>
              {folios && <th scope="col">{t.lists.folio}</th>}
              {s.columns.map((c) => (
                <th scope="col">{c.label}</th>
              ))}
              <th scope="col">{t.source.person}</th>
            </tr>
          </thead>
          <tbody>
            {s.rows.map((r) => (
              <tr id={`row-${r.position}`}>
                {folios && <td>{r.folio ?? ''}</td>}
                {s.columns.map((c) => (
                  <td class="as-written-cell">{r.cells[c.key] ?? ''}</td>
                ))}
                <td>
                  {r.persons.map((p, i) => (
                    <>
                      {i > 0 && '; '}
                      <a href={`/${lang}/persons/${p.id}`}>{p.name}</a>
                      {p.status !== 'confirmed' && (
                        <span class="link-status"> ({t.person.linkStatus[p.status as 'suggested']})</span>
                      )}
                    </>
                  ))}
                  {r.note && <p class="note">{r.note}</p>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <RowPages s={s} lang={lang} t={t} />
    </section>
  );
}

export function SourcePageView({
  s,
  lang,
  t,
  url,
  cite,
}: { s: SourcePage; url: string; cite: { style: CiteStyle; html: string } } & Props) {
  return (
    <article class="record source">
      <header class="record-header">
        <h1>{s.title}</h1>
        <p class="summary">{label(t.source.kinds, s.kind)}</p>
      </header>
      <p class="reference">{s.reference}</p>
      <dl class="facts">
        {s.authors && (
          <>
            <dt>{t.source.authors}</dt>
            <dd>{s.authors}</dd>
          </>
        )}
        {s.date && (
          <>
            <dt>{t.source.published}</dt>
            <dd>
              <DateText edtf={s.date} lang={lang} />
              {s.container && `, ${s.container}`}
            </dd>
          </>
        )}
        {s.asOf && (
          <>
            <dt>{t.lists.asOf}</dt>
            <dd>
              <DateText edtf={s.asOf} lang={lang} />
            </dd>
          </>
        )}
        {s.archival && (
          <>
            <dt>{t.source.archive}</dt>
            <dd class="archival">{s.archival}</dd>
          </>
        )}
        {s.url && (
          <>
            <dt>{t.source.url}</dt>
            <dd>
              <a href={s.url} rel="noopener" class="external">
                {s.url}
              </a>
              {s.accessed && <> ({fill(t.source.accessed, { date: s.accessed })})</>}
            </dd>
          </>
        )}
      </dl>
      <p class="persons-link">
        <a href={`/${lang}/persons?source=${s.id}`}>{t.persons.withFilter.source}</a>
      </p>
      {s.note && <p class="note">{s.note}</p>}
      {s.columns.length > 0 && <Rows s={s} lang={lang} t={t} />}
      {s.texts.map((x) => (
        <section class="document-text" aria-label={label(t.source.textKinds, x.kind)}>
          <h2>
            {label(t.source.textKinds, x.kind)} ({x.lang})
          </h2>
          <div lang={x.lang} class="transcription">
            {x.text}
          </div>
          {x.note && <p class="note">{x.note}</p>}
        </section>
      ))}
      {s.citing.length > 0 && (
        <section aria-labelledby="citing-heading">
          <h2 id="citing-heading">{t.source.citedBy}</h2>
          <ul class="citing">
            {s.citing.map((c) => (
              <li>
                <a href={`/${lang}/${c.href.kind}/${c.href.id}`}>
                  {c.eventType ? label(t.eventTypes, c.eventType) : c.label}
                </a>
                {c.edtf && (
                  <>
                    {', '}
                    <DateText edtf={c.edtf} lang={lang} />
                  </>
                )}
                {c.eventType ? '' : ` (${label(t.statementTypes, c.type)})`}
                {c.locator && <>, {c.locator}</>}
                {c.quote && <q>{c.quote}</q>}
              </li>
            ))}
          </ul>
        </section>
      )}
      <CiteThis
        heading={t.openData.citeSource}
        pagePath={`/${lang}/sources/${s.id}`}
        url={url}
        style={cite.style}
        html={cite.html}
        files={`/api/v1/sources/${s.id}/citation`}
        lang={lang}
        t={t}
      >
        <p class="data-links">
          {t.openData.asData}: <a href={`/api/v1/sources/${s.id}`}>{t.openData.json}</a>
        </p>
      </CiteThis>
    </article>
  );
}
