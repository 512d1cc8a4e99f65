import type { Messages } from '../i18n/en.ts';
import { fill, formatNumber, type Lang } from '../i18n/i18n.ts';
import { plural } from '../i18n/plural.ts';
import type { SearchFiltersInput } from '../search/names/person-search.schema.ts';
import { COUNT_CAP } from '../search/names/person-search.service.ts';
import { SearchSummary, searchQuery } from '../search/names/search-summary.views.tsx';
import { BarChart, ColumnChart, describeChart } from './chart.views.tsx';
import type { Chart, Statistics } from './statistics.service.ts';

type Props = { lang: Lang; t: Messages; q: SearchFiltersInput };

function ChartSection({ chart, lang, t, q }: { chart: Chart } & Props) {
  const s = t.statistics;
  const title = s.charts[chart.id];
  const unit = chart.unit === 'persons' ? s.unitPersons : s.unitSentences;
  const id = `chart-${chart.id}`;
  const text = { title, description: describeChart(chart, unit, s.describe, lang) };
  const query = searchQuery(q);
  return (
    <section class="chart" id={chart.id} aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      <p class="hint">{s.notes[chart.id]}</p>
      {chart.rows.length === 0 ? (
        <p>{s.empty}</p>
      ) : (
        <>
          {/* Focusable, so that a keyboard can scroll a chart wider than a phone. */}
          <div class="chart-scroll" tabindex={0}>
            {chart.shape === 'bars' ? (
              <BarChart chart={chart} id={id} text={text} lang={lang} />
            ) : (
              <ColumnChart chart={chart} id={id} text={text} lang={lang} />
            )}
          </div>
          <details class="chart-data">
            <summary>{s.table}</summary>
            <div class="table-scroll">
              <table>
                <caption class="visually-hidden">
                  {title}: {s.table}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{s.value}</th>
                    <th scope="col">{unit}</th>
                  </tr>
                </thead>
                <tbody>
                  {chart.rows.map((r) => (
                    <tr>
                      <td>
                        {r.filter ? <a href={`/${lang}/persons${searchQuery(q, r.filter)}`}>{r.label}</a> : r.label}
                      </td>
                      <td class="n">{formatNumber(r.n, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </>
      )}
      {chart.without > 0 && <p class="hint">{fill(s.without, { n: formatNumber(chart.without, lang) })}</p>}
      <p class="chart-links">
        <a href={`/${lang}/statistics/${chart.id}.csv${query}`} download={`${chart.id}.csv`}>
          {s.csv}
        </a>
      </p>
    </section>
  );
}

export function StatisticsView({ stats, title, lang, t, q }: { stats: Statistics; title: string } & Props) {
  const s = t.statistics;
  const query = searchQuery(q);
  return (
    <article class="views-page statistics-page">
      <h1>{title}</h1>
      <SearchSummary q={q} lang={lang} t={t} />
      <p class="count" role="status">
        {fill(s.counted, { persons: plural(lang, stats.persons, t.maps.persons, formatNumber(stats.persons, lang)) })}
        {stats.capped && <> {fill(s.capped, { n: formatNumber(COUNT_CAP, lang) })}</>}
      </p>
      <p class="hint">{s.rules}</p>
      <p class="other-views">
        <a href={`/${lang}/persons${query}`}>{t.views.personsLink}</a> ·{' '}
        <a href={`/${lang}/map${query}`}>{t.views.mapLink}</a>
      </p>
      {stats.persons === 0 ? (
        <p>{t.persons.none}</p>
      ) : (
        <>
          <nav class="stat-nav" aria-label={s.nav}>
            <ul>
              {stats.charts.map((c) => (
                <li>
                  <a href={`#${c.id}`}>{s.charts[c.id]}</a>
                </li>
              ))}
            </ul>
          </nav>
          {stats.charts.map((c) => (
            <ChartSection chart={c} lang={lang} t={t} q={q} />
          ))}
        </>
      )}
    </article>
  );
}
