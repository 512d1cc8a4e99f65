import type { Messages } from '../../i18n/en.ts';
import { fill, formatNumber, type Lang, label } from '../../i18n/i18n.ts';
import { DateText } from '../../web/components.tsx';
import { snippetParts } from './text-index.ts';
import type { TextResult } from './text-search.service.ts';

/** A snippet with its matched words marked; the text itself is escaped by JSX. */
function Snippet({ text }: { text: string }) {
  return <p class="snippet">{snippetParts(text).map((p) => (p.matched ? <mark>{p.text}</mark> : p.text))}</p>;
}

export function TextSearchView({
  q,
  total,
  results,
  lang,
  t,
}: {
  q: string;
  total: number;
  results: TextResult[];
  lang: Lang;
  t: Messages;
}) {
  return (
    <>
      <h1>{q ? fill(t.texts.resultsFor, { q }) : t.texts.title}</h1>
      <form class="filters" method="get" action={`/${lang}/search`} role="search">
        <div class="field field-q">
          <label for="tq">{t.texts.label}</label>
          <input id="tq" type="search" name="q" value={q} />
        </div>
        <button type="submit">{t.home.searchButton}</button>
      </form>
      <p>
        <a href={`/${lang}/persons?q=${encodeURIComponent(q)}`}>{t.texts.byName}</a>
      </p>
      {q && (
        <p class="count" role="status">
          {fill(t.texts.count, { n: formatNumber(total, lang) })}
        </p>
      )}
      <ol class="text-results">
        {results.map((r) => (
          <li>
            <p class="text-result-title">
              <span class="kind">{label(t.texts.kinds, r.kind)}: </span>
              <a href={`/${lang}/${r.href.kind}/${r.href.id}${r.href.anchor ? `#${r.href.anchor}` : ''}`}>
                {r.kind === 'event' ? label(t.eventTypes, r.title) : r.title}
              </a>
              {r.eventDate && (
                <>
                  {', '}
                  <DateText edtf={r.eventDate} lang={lang} />
                </>
              )}
              {r.rowPosition !== null && <>, {fill(t.person.listRow, { n: r.rowPosition })}</>}
              {r.person && (
                <>
                  {' → '}
                  <a href={`/${lang}/persons/${r.person.id}`}>{r.person.name}</a>
                </>
              )}
            </p>
            <Snippet text={r.snippet} />
          </li>
        ))}
      </ol>
    </>
  );
}
