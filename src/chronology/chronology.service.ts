import { listCitations } from '../citations/citation.repository.ts';
import { CitationIndex } from '../citations/citation-index.ts';
import { aggregate } from '../db/aggregate-cache.ts';
import type { Db } from '../db/connection.ts';
import { type EventView, loadEventBundle } from '../events/event-view.ts';
import type { Lang } from '../i18n/i18n.ts';
import { loadSourceViews, type SourceView } from '../sources/source-view.ts';
import { listChronologyPersons, listChronologyRows } from './chronology.repository.ts';

/** The years the chronology tells: from the Great Terror's expulsions to the German invasion. */
export const FIRST_YEAR = 1937;
export const LAST_YEAR = 1941;
/** Participants named under each entry; the others are counted. */
const NAMED = 8;
/** Persons named in a month's count of single expulsions; past this, the count links to them. */
const NAMED_SINGLES = 5;

/** The lanes of the timeline, by what an entry is. */
export type Lane = 'expulsion' | 'handover' | 'agreement';

const LANE_OF: Record<string, Lane> = {
  'expulsion-order': 'expulsion',
  expulsion: 'expulsion',
  handover: 'handover',
  meeting: 'agreement',
  other: 'agreement',
};

/** An event that concerns many, or that the archive tells of in its own right: listed on its own. */
interface SharedRow {
  id: number;
  type: string;
  lane: Lane;
  edtf: string | null;
  min: string;
  max: string;
}

/** Events of one person each (an expulsion order for one man), counted by type and month. */
export interface MonthCount {
  type: string;
  lane: Lane;
  /** YYYY-MM */
  month: string;
  n: number;
  /** The first events of the month, whose persons are named when there are few. */
  eventIds: number[];
}

interface ChronologyIndex {
  shared: SharedRow[];
  months: MonthCount[];
}

/**
 * Every entry of 1937–1941, kept for the archive's version (a few hundred shared events and a
 * count per month however many single ones there are): reading the events of a large archive
 * takes seconds, zooming in then takes none.
 */
async function chronologyIndex(db: Db): Promise<ChronologyIndex> {
  const rows = await listChronologyRows(db, `${FIRST_YEAR - 1}-01-01`, `${LAST_YEAR}-12-31`);
  const shared: SharedRow[] = [];
  const months = new Map<string, MonthCount>();
  for (const r of rows) {
    if (!r.date_min || !r.date_max || r.date_max < `${FIRST_YEAR}-01-01`) continue;
    const lane = LANE_OF[r.type] ?? 'agreement';
    const people = r.details ? (JSON.parse(r.details) as Record<string, unknown>).people : undefined;
    const single = Number(r.participants) === 1 && Number(r.texts) === 0 && people === undefined;
    if (single && lane !== 'agreement') {
      const month = r.date_min.slice(0, 7);
      const key = `${r.type} ${month}`;
      const count = months.get(key) ?? { type: r.type, lane, month, n: 0, eventIds: [] };
      count.n++;
      if (count.eventIds.length < NAMED_SINGLES) count.eventIds.push(r.id);
      months.set(key, count);
    } else {
      shared.push({ id: r.id, type: r.type, lane, edtf: r.date_edtf, min: r.date_min, max: r.date_max });
    }
  }
  return { shared, months: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)) };
}

/** A zoom: the whole period, a year, or a month of a year. */
export interface Zoom {
  year?: number;
  month?: number;
}

export function zoomBounds(zoom: Zoom): { from: string; to: string } {
  if (zoom.year === undefined) return { from: `${FIRST_YEAR}-01-01`, to: `${LAST_YEAR}-12-31` };
  const y = String(zoom.year);
  if (zoom.month === undefined) return { from: `${y}-01-01`, to: `${y}-12-31` };
  const m = String(zoom.month).padStart(2, '0');
  const last = new Date(Date.UTC(zoom.year, zoom.month, 0)).getUTCDate();
  return { from: `${y}-${m}-01`, to: `${y}-${m}-${last}` };
}

export interface Chronology {
  zoom: Zoom;
  from: string;
  to: string;
  /** Shared events of the period, as their pages show them (place named as it was called then). */
  events: (EventView & { lane: Lane; min: string; max: string })[];
  months: (MonthCount & { persons: { id: number; name: string; eventId: number }[] })[];
  /** Sources of the events, in the order of their numbers. */
  sources: SourceView[];
}

/** The chronology of the expulsions and handovers in a period, with the meetings and agreements around them. */
export async function getChronology(db: Db, zoom: Zoom, lang: Lang): Promise<Chronology> {
  const { from, to } = zoomBounds(zoom);
  const index = await aggregate(db, 'chronology', () => chronologyIndex(db));
  const shared = index.shared.filter((e) => e.min <= to && e.max >= from);
  const months = index.months.filter((m) => m.month >= from.slice(0, 7) && m.month <= to.slice(0, 7));
  const bundle = await loadEventBundle(
    db,
    shared.map((e) => e.id),
    { preview: { limit: NAMED } },
  );
  const cites = new CitationIndex(await listCitations(db, [{ type: 'event', ids: bundle.allIds }]));
  const byId = new Map(shared.map((e) => [e.id, e]));
  const views = bundle
    .build(lang, cites)
    .map((v) => {
      const row = byId.get(v.id) as SharedRow;
      return { ...v, lane: row.lane, min: row.min, max: row.max };
    })
    .sort((a, b) => a.min.localeCompare(b.min) || a.id - b.id);
  const singles = await listChronologyPersons(
    db,
    months.filter((m) => m.n <= NAMED_SINGLES).flatMap((m) => m.eventIds),
  );
  return {
    zoom,
    from,
    to,
    events: views,
    months: months.map((m) => ({
      ...m,
      persons:
        m.n <= NAMED_SINGLES
          ? singles
              .filter((p) => m.eventIds.includes(p.event_id))
              .map((p) => ({ id: p.id, name: p.display_name, eventId: p.event_id }))
          : [],
    })),
    sources: await loadSourceViews(db, cites.sourceOrder()),
  };
}
