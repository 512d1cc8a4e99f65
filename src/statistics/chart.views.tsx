import type { Child } from 'hono/jsx';
import { fill, formatNumber, type Lang } from '../i18n/i18n.ts';
import type { Chart, ChartRow } from './statistics.service.ts';

/*
 * Charts drawn by the server as SVG: a picture with a title and a sentence saying what it shows
 * (role img); the table beside it holds the same numbers. Nothing here needs a script.
 */

/** Columns run along time and may be many: on a phone they scroll. Bars fit a phone's width. */
const WIDTH = 600;
const BARS_WIDTH = 440;
const FONT = 13;
/** A character's width, about, at the font size of the ticks (11) and at the chart's own (13). */
const TICK_CHAR = 6.8;
const CHAR = 8;

const truncate = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** A round number of ticks' worth above the largest value. */
function niceMax(n: number): number {
  if (n <= 5) return Math.max(1, n);
  const step = 10 ** Math.floor(Math.log10(n));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * step >= n) return m * step;
  return 10 * step;
}

interface ChartText {
  title: string;
  description: string;
}

function Frame({
  id,
  width,
  height,
  text,
  children,
}: {
  id: string;
  width: number;
  height: number;
  text: ChartText;
  children: Child;
}) {
  return (
    <svg
      class={`chart-svg ${width === WIDTH ? 'columns' : 'bars'}`}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      xmlns="http://www.w3.org/2000/svg"
      font-size={FONT}
    >
      <title id={`${id}-title`}>{text.title}</title>
      <desc id={`${id}-desc`}>{text.description}</desc>
      {children}
    </svg>
  );
}

/** Horizontal bars, one per category, labelled on the left and counted on the right. */
export function BarChart({ chart, id, text, lang }: { chart: Chart; id: string; text: ChartText; lang: Lang }) {
  const row = 24;
  const labelWidth = 200;
  const chars = Math.floor((labelWidth - 12) / CHAR);
  const barWidth = BARS_WIDTH - labelWidth - 60;
  const max = Math.max(1, ...chart.rows.map((r) => r.n));
  const height = chart.rows.length * row + 8;
  return (
    <Frame id={id} width={BARS_WIDTH} height={height} text={text}>
      <line class="axis" x1={labelWidth} y1={2} x2={labelWidth} y2={height - 2} />
      {chart.rows.map((r, i) => {
        const y = 4 + i * row;
        const w = Math.max(r.n > 0 ? 1 : 0, Math.round((r.n / max) * barWidth));
        return (
          <g>
            <text x={labelWidth - 8} y={y + row / 2} dy="0.35em" text-anchor="end">
              {r.label.length > chars && <title>{r.label}</title>}
              {truncate(r.label, chars)}
            </text>
            <rect class={r.unknown ? 'bar unknown' : 'bar'} x={labelWidth} y={y + 3} width={w} height={row - 8} />
            <text class="value" x={labelWidth + w + 6} y={y + row / 2} dy="0.35em">
              {formatNumber(r.n, lang)}
            </text>
          </g>
        );
      })}
    </Frame>
  );
}

/** Short labels under columns: years as they are, months by name with the year at each January. */
function columnLabel(r: ChartRow, i: number, lang: Lang): string {
  if (/^\d{4}-\d{2}$/.test(r.key)) {
    const date = new Date(Date.UTC(Number(r.key.slice(0, 4)), Number(r.key.slice(5, 7)) - 1, 1));
    const month = new Intl.DateTimeFormat(lang, { month: 'short', timeZone: 'UTC' }).format(date);
    return r.key.endsWith('-01') || i === 0 ? `${month} ${r.key.slice(0, 4)}` : month;
  }
  return r.unknown ? '?' : r.label;
}

/** Columns along time or an ordered scale, the unknown ones after a gap. */
export function ColumnChart({ chart, id, text, lang }: { chart: Chart; id: string; text: ChartText; lang: Lang }) {
  const months = chart.rows.some((r) => /^\d{4}-\d{2}$/.test(r.key));
  const left = months ? 60 : 44;
  const right = WIDTH - 8;
  const top = 18;
  const bottom = 178;
  const gaps = chart.rows.some((r) => r.unknown) ? 1 : 0;
  const slots = chart.rows.length + gaps;
  const slot = (right - left) / Math.max(1, slots);
  const max = niceMax(Math.max(1, ...chart.rows.map((r) => r.n)));
  const labels = chart.rows.map((r, i) => columnLabel(r, i, lang));
  // Labels wider than their column are written slanted, as months always are, so none runs into the next.
  const longest = Math.max(...labels.map((l) => l.length));
  const slanted = months || longest * TICK_CHAR > slot - 4;
  const every = Math.max(1, Math.ceil((chart.rows.length * 28) / (right - left)));
  const values = slot >= 22;
  // Room below the axis for the labels, slanted at 40°.
  const height = slanted ? bottom + 24 + Math.ceil(longest * TICK_CHAR * 0.65) : 204;
  return (
    <Frame id={id} width={WIDTH} height={height} text={text}>
      <line class="axis" x1={left} y1={bottom} x2={right} y2={bottom} />
      <line class="axis" x1={left} y1={top} x2={left} y2={bottom} />
      <text class="tick" x={left - 6} y={top} dy="0.35em" text-anchor="end">
        {formatNumber(max, lang)}
      </text>
      <text class="tick" x={left - 6} y={bottom} text-anchor="end">
        0
      </text>
      {chart.rows.map((r, i) => {
        const x = left + (i + (r.unknown ? gaps : 0)) * slot;
        const h = Math.round(((bottom - top) * r.n) / max);
        const cx = x + slot / 2;
        const labelled = r.unknown || i % every === 0 || (months && r.key.endsWith('-01'));
        return (
          <g>
            <rect
              class={r.unknown ? 'bar unknown' : 'bar'}
              x={Math.round((x + slot * 0.12) * 10) / 10}
              y={bottom - h}
              width={Math.max(1, Math.round(slot * 0.76 * 10) / 10)}
              height={h}
            />
            {values && r.n > 0 && (
              <text class="value" x={cx} y={bottom - h - 4} text-anchor="middle" font-size={11}>
                {formatNumber(r.n, lang)}
              </text>
            )}
            {labelled && (
              <text
                class="tick"
                x={cx}
                y={bottom + 14}
                text-anchor={slanted ? 'end' : 'middle'}
                font-size={11}
                transform={slanted ? `rotate(-40 ${cx} ${bottom + 14})` : undefined}
              >
                {labels[i]}
              </text>
            )}
          </g>
        );
      })}
    </Frame>
  );
}

/** The sentence a chart's picture is described by: the total and the largest values. */
export function describeChart(chart: Chart, unit: string, template: string, lang: Lang): string {
  const total = chart.rows.reduce((n, r) => n + r.n, 0);
  const largest = [...chart.rows]
    .filter((r) => !r.unknown && r.n > 0)
    .sort((a, b) => b.n - a.n)
    .slice(0, 3)
    .map((r) => `${r.label} (${formatNumber(r.n, lang)})`)
    .join(', ');
  return fill(template, { unit, total: formatNumber(total, lang), largest: largest || '–' });
}
