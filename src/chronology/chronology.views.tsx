import { formatEdtf } from '../dates/edtf.ts';
import type { Messages } from '../i18n/en.ts';
import { fill, formatNumber, type Lang, label } from '../i18n/i18n.ts';
import { plural } from '../i18n/plural.ts';
import { uncertainDate } from '../maps/itinerary.ts';
import { SourceList } from '../sources/source.views.tsx';
import { Cites, DateText, Note, PlaceRef, RankTag } from '../web/components.tsx';
import { type Chronology, FIRST_YEAR, LAST_YEAR, type Lane } from './chronology.service.ts';

type Props = { lang: Lang; t: Messages };
type Entry = Chronology['events'][number];
type Count = Chronology['months'][number];

const LANES: Lane[] = ['expulsion', 'handover', 'agreement'];
const DAY = 86_400_000;
const day = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));

function ZoomNav({ c, lang, t }: { c: Chronology } & Props) {
  const years = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);
  const here = `/${lang}/chronology`;
  const current = (yes: boolean) => (yes ? 'page' : undefined);
  return (
    <nav class="zoom-nav" aria-label={t.chronology.zoom}>
      <ul>
        <li>
          <a href={here} aria-current={current(c.zoom.year === undefined)}>
            {`${FIRST_YEAR}–${LAST_YEAR}`}
          </a>
        </li>
        {years.map((y) => (
          <li>
            <a href={`${here}?year=${y}`} aria-current={current(c.zoom.year === y && c.zoom.month === undefined)}>
              {y}
            </a>
          </li>
        ))}
      </ul>
      {c.zoom.year !== undefined && (
        <ul>
          {Array.from({ length: 12 }, (_, i) => i + 1).map((m) => (
            <li>
              <a href={`${here}?year=${c.zoom.year}&month=${m}`} aria-current={current(c.zoom.month === m)}>
                {new Intl.DateTimeFormat(lang, { month: 'short', timeZone: 'UTC' }).format(
                  new Date(Date.UTC(c.zoom.year as number, m - 1, 1)),
                )}
              </a>
            </li>
          ))}
        </ul>
      )}
    </nav>
  );
}

/** Ticks of the time axis: years, months of a year, or days of a month. */
function ticks(c: Chronology, lang: Lang): { at: string; text: string }[] {
  if (c.zoom.year === undefined) {
    return Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => ({
      at: `${FIRST_YEAR + i}-01-01`,
      text: String(FIRST_YEAR + i),
    }));
  }
  if (c.zoom.month === undefined) {
    const short = new Intl.DateTimeFormat(lang, { month: 'short', timeZone: 'UTC' });
    return Array.from({ length: 12 }, (_, i) => ({
      at: `${c.zoom.year}-${String(i + 1).padStart(2, '0')}-01`,
      text: short.format(new Date(Date.UTC(c.zoom.year as number, i, 1))),
    }));
  }
  return [1, 5, 10, 15, 20, 25].map((d) => ({
    at: `${c.from.slice(0, 8)}${String(d).padStart(2, '0')}`,
    text: String(d),
  }));
}

/**
 * The period as a picture: a lane each for expulsions, handovers and the meetings and
 * agreements, every event a bar from its earliest to its latest possible day (an uncertain date
 * drawn open and dashed), single expulsions as a month's column.
 */
function Timeline({ c, lang, t }: { c: Chronology } & Props) {
  const width = 900;
  const left = 150;
  const right = width - 10;
  const start = day(c.from);
  const span = day(c.to) + DAY - start;
  const x = (iso: string) =>
    left + ((Math.min(Math.max(day(iso), start), start + span) - start) / span) * (right - left);
  const rowHeight = 11;
  const lanes = LANES.map((lane) => {
    const rows: number[] = [];
    const bars = c.events
      .filter((e) => e.lane === lane)
      .map((e) => {
        const x0 = x(e.min);
        const x1 = Math.max(x0 + 3, x(e.max) + ((right - left) * DAY) / span);
        let row = rows.findIndex((end) => end + 2 <= x0);
        if (row === -1) row = rows.length < 8 ? rows.length : rows.length - 1;
        rows[row] = Math.max(rows[row] ?? 0, x1);
        return { e, x0, x1, row };
      });
    const counts = c.months.filter((m) => m.lane === lane);
    return { lane, bars, counts, rows: Math.max(1, rows.length) + (counts.length > 0 ? 1 : 0) };
  });
  const most = Math.max(1, ...c.months.map((m) => m.n));
  let y = 8;
  const laid = lanes.map((l) => {
    const top = y;
    y += l.rows * rowHeight + 14;
    return { ...l, top };
  });
  const height = y + 22;
  const r1 = (n: number) => Math.round(n * 10) / 10;
  return (
    <svg
      class="chrono-svg"
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby="chrono-title chrono-desc"
      xmlns="http://www.w3.org/2000/svg"
      font-size="12"
    >
      <title id="chrono-title">{t.chronology.pictureTitle}</title>
      <desc id="chrono-desc">
        {fill(t.chronology.pictureDescription, {
          events: c.events.length,
          months: c.months.length,
          from: formatEdtf(c.from, lang),
          to: formatEdtf(c.to, lang),
        })}
      </desc>
      {ticks(c, lang).map((tick) => (
        <g>
          <line class="gridline" x1={r1(x(tick.at))} y1={4} x2={r1(x(tick.at))} y2={height - 20} />
          <text class="tick" x={r1(x(tick.at)) + 3} y={height - 6}>
            {tick.text}
          </text>
        </g>
      ))}
      {laid.map((l) => (
        <g>
          <text class="lane-label" x={left - 8} y={l.top + 9} text-anchor="end">
            {t.chronology.lanes[l.lane]}
          </text>
          <line
            class="axis"
            x1={left}
            y1={l.top + l.rows * rowHeight + 6}
            x2={right}
            y2={l.top + l.rows * rowHeight + 6}
          />
          {l.bars.map((b) => (
            <rect
              class={`span ${l.lane === 'agreement' ? 'meeting ' : ''}${b.e.edtf && uncertainDate(b.e.edtf) ? 'uncertain' : ''}`}
              x={r1(b.x0)}
              y={l.top + b.row * rowHeight}
              width={r1(b.x1 - b.x0)}
              height={rowHeight - 3}
            >
              <title>{`${label(t.eventTypes, b.e.type)}, ${b.e.edtf ? formatEdtf(b.e.edtf, lang) : ''}`}</title>
            </rect>
          ))}
          {l.counts.map((m) => {
            const h = 2 + Math.round((rowHeight - 2) * Math.sqrt(m.n / most));
            const x0 = x(`${m.month}-01`);
            const x1 = x(`${m.month}-28`) + ((right - left) * 3 * DAY) / span;
            return (
              <rect
                class="span many"
                x={r1(x0)}
                y={l.top + l.rows * rowHeight + 5 - h}
                width={r1(Math.max(2, x1 - x0 - 1))}
                height={h}
              >
                <title>{`${label(t.eventTypes, m.type)}, ${formatEdtf(m.month, lang)}: ${m.n}`}</title>
              </rect>
            );
          })}
        </g>
      ))}
    </svg>
  );
}

function EventEntry({ e, lang, t }: { e: Entry } & Props) {
  const people = e.details?.people;
  const others = e.variants.flatMap((v) =>
    v.rank !== 'deprecated' && v.details?.people !== undefined && v.details.people !== people ? [v.details.people] : [],
  );
  return (
    <li class={`kind-${e.lane} rank-${e.rank}-item`} id={`event-${e.id}`}>
      <h3 class="entry-title">
        <a href={`/${lang}/events/${e.id}`}>
          {e.type === 'other' && typeof e.details?.kind === 'string' ? e.details.kind : label(t.eventTypes, e.type)}
        </a>{' '}
        <RankTag rank={e.rank} t={t} />
      </h3>
      <p class="entry-line">
        <DateText edtf={e.edtf} text={e.dateText} lang={lang} />
        {e.place && ' · '}
        <PlaceRef place={e.place} lang={lang} t={t} />
        {e.organization && (
          <>
            {' · '}
            <a href={`/${lang}/organizations/${e.organization.id}`}>
              {e.organization.abbreviation ?? e.organization.name}
            </a>
          </>
        )}
        <Cites cites={e.cites} lang={lang} />
      </p>
      {(e.participantCount > 0 || people !== undefined) && (
        <p class="entry-line">
          {e.participantCount > 0 && (
            <>
              {fill(t.chronology.named, { persons: plural(lang, e.participantCount, t.maps.persons) })}:{' '}
              {e.participants.map((p, i) => (
                <>
                  {i > 0 && ', '}
                  <a href={`/${lang}/persons/${p.personId}`}>{p.name}</a>
                </>
              ))}
              {e.participantCount > e.participants.length && ' …'}
            </>
          )}
          {people !== undefined && (
            <>
              {e.participantCount > 0 && '; '}
              {fill(t.chronology.sourceCounts, { n: String(people) })}
              {others.length > 0 && ` (${fill(t.chronology.otherCounts, { n: others.join(', ') })})`}
            </>
          )}
        </p>
      )}
      {e.description && <p class="event-description">{e.description}</p>}
      <Note note={e.note} rank={e.rank} t={t} />
    </li>
  );
}

function CountEntry({ m, lang, t }: { m: Count } & Props) {
  const period = m.month;
  return (
    <li class={`kind-${m.lane}`}>
      <h3 class="entry-title">
        {label(t.eventTypes, m.type)}: {plural(lang, m.n, t.maps.persons, formatNumber(m.n, lang))}
      </h3>
      <p class="entry-line">
        <DateText edtf={m.month} lang={lang} /> · {t.chronology.singles}
      </p>
      <p class="entry-line">
        {m.persons.length > 0 ? (
          m.persons.map((p, i) => (
            <>
              {i > 0 && ', '}
              <a href={`/${lang}/persons/${p.id}`}>{p.name}</a> (
              <a href={`/${lang}/events/${p.eventId}`}>{label(t.eventTypes, m.type)}</a>)
            </>
          ))
        ) : (
          <a href={`/${lang}/persons?event=${m.type}&from=${period}&to=${period}`}>{t.chronology.whom}</a>
        )}
      </p>
    </li>
  );
}

export function ChronologyView({ c, title, lang, t }: { c: Chronology; title: string } & Props) {
  const entries: ({ at: string; e: Entry } | { at: string; m: Count })[] = [
    ...c.events.map((e) => ({ at: e.min, e })),
    ...c.months.map((m) => ({ at: `${m.month}-01`, m })),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <article class="views-page chronology-page">
      <h1>{title}</h1>
      <p class="lead">{t.chronology.intro}</p>
      <ZoomNav c={c} lang={lang} t={t} />
      {entries.length === 0 ? (
        <p>{t.chronology.empty}</p>
      ) : (
        <>
          <div class="chart-scroll" tabindex={0}>
            <Timeline c={c} lang={lang} t={t} />
          </div>
          <p class="hint">{t.chronology.legend}</p>
          <h2>{t.chronology.entries}</h2>
          <ol class="chrono-list">
            {entries.map((x) =>
              'e' in x ? <EventEntry e={x.e} lang={lang} t={t} /> : <CountEntry m={x.m} lang={lang} t={t} />,
            )}
          </ol>
          <SourceList sources={c.sources} lang={lang} t={t} />
        </>
      )}
    </article>
  );
}
