import { edtfBounds, formatEdtf } from '../dates/edtf.ts';
import { PERSECUTION_TYPES } from '../events/event.ts';
import type { Messages } from '../i18n/en.ts';
import { fill, type Lang, label } from '../i18n/i18n.ts';
import { uncertainDate } from '../maps/itinerary.ts';

/** What the strip needs of an event: its type, date and whether it is a main account. */
export interface StripEvent {
  id: number;
  type: string;
  edtf: string | null;
}

const WIDTH = 420;
/** Room at each end for half a year's label, which is centred on its tick. */
const LEFT = 16;
const RIGHT = WIDTH - 16;
const year = (iso: string) => {
  const d = Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
  return Number(iso.slice(0, 4)) + (d - Date.UTC(Number(iso.slice(0, 4)), 0, 1)) / (366 * 86_400_000);
};

/**
 * A life's dated events on one line from its first to its last year: a compact picture above the
 * timeline, which is its text alternative. Each event is a mark over the days its date allows;
 * an uncertain date is drawn faint and dashed.
 */
export function LifeStrip({ events, name, lang, t }: { events: StripEvent[]; name: string; lang: Lang; t: Messages }) {
  const dated = events.flatMap((e) => {
    if (!e.edtf) return [];
    try {
      const { min, max } = edtfBounds(e.edtf);
      return min && max ? [{ e, from: year(min), to: year(max) + 1 / 366 }] : [];
    } catch {
      return [];
    }
  });
  if (dated.length < 2) return null;
  const first = Math.floor(Math.min(...dated.map((d) => d.from)));
  const last = Math.ceil(Math.max(...dated.map((d) => d.to)));
  const span = Math.max(1, last - first);
  const x = (y: number) => LEFT + ((y - first) / span) * (RIGHT - LEFT);
  const step = span > 60 ? 10 : span > 20 ? 5 : span > 8 ? 2 : 1;
  const ticks: number[] = [];
  for (let y = Math.ceil(first / step) * step; y <= last; y += step) ticks.push(y);
  const r1 = (n: number) => Math.round(n * 10) / 10;
  return (
    <figure class="life-strip">
      <svg
        viewBox={`0 0 ${WIDTH} 46`}
        role="img"
        aria-labelledby="life-strip-title life-strip-desc"
        xmlns="http://www.w3.org/2000/svg"
        font-size="10"
      >
        <title id="life-strip-title">{fill(t.lifeStrip.title, { name })}</title>
        <desc id="life-strip-desc">
          {fill(t.lifeStrip.description, { n: dated.length, from: first, to: last - 1 })}
        </desc>
        <rect class="life-span" x={LEFT} y={8} width={RIGHT - LEFT} height={16} />
        {ticks.map((y) => (
          <g>
            <line class="life-axis" x1={r1(x(y))} y1={6} x2={r1(x(y))} y2={28} />
            <text class="tick" x={r1(x(y))} y={40} text-anchor="middle">
              {y}
            </text>
          </g>
        ))}
        {dated.map((d) => (
          <rect
            class={`ev${PERSECUTION_TYPES.has(d.e.type) ? ' persecution' : ''}${d.e.edtf && uncertainDate(d.e.edtf) ? ' uncertain' : ''}`}
            x={r1(x(d.from))}
            y={10}
            width={r1(Math.max(2.5, x(d.to) - x(d.from)))}
            height={12}
          >
            <title>{`${label(t.eventTypes, d.e.type)}, ${formatEdtf(d.e.edtf as string, lang)}`}</title>
          </rect>
        ))}
      </svg>
      <figcaption class="strip-legend">
        <span class="key">
          <span class="swatch persecution" aria-hidden="true" />
          {t.lifeStrip.persecution}
        </span>{' '}
        <span class="key">
          <span class="swatch" aria-hidden="true" />
          {t.lifeStrip.life}
        </span>{' '}
        <span class="key">{t.lifeStrip.uncertain}</span>
      </figcaption>
    </figure>
  );
}
