import type { CitationIndex, CiteMark } from '../citations/citation-index.ts';
import type { Db } from '../db/connection.ts';
import type { Lang } from '../i18n/i18n.ts';
import { listPublishedOrganizationNames } from '../organizations/organization.repository.ts';
import { organizationLabel } from '../organizations/organization-label.ts';
import { listPublishedPlaceNames } from '../places/place.repository.ts';
import { groupNames, type PlaceLabel, placeLabel } from '../places/place-label.ts';
import { byRank } from '../statements/rank.ts';
import {
  type EventRow,
  listEventsWithVariants,
  listEventTexts,
  listParticipantPreviews,
  listParticipants,
} from './event.repository.ts';
import { EVENT_TYPES } from './event.ts';

export interface ParticipantView {
  personId: number;
  name: string;
  role: string;
  note: string | null;
}

/** An event ready to show: labels resolved in the reader's language, sources numbered. */
export interface EventView {
  id: number;
  type: string;
  edtf: string | null;
  dateMin: string | null;
  dateText: string | null;
  place: (PlaceLabel & { id: number }) | null;
  placeText: string | null;
  organization: { id: number; name: string; abbreviation: string | null } | null;
  details: Record<string, string | number | boolean> | null;
  rank: string;
  note: string | null;
  description: string | null;
  /** Every published participant, or with a preview only the first of them. */
  participants: ParticipantView[];
  /** How many published participants there are in all (with a preview: besides the excluded person). */
  participantCount: number;
  /** Other sources' accounts of the same event, best rank first. */
  variants: EventView[];
  cites: CiteMark[];
  updatedAt: string;
}

export interface EventBundle {
  /** Ids of main events and variants, for loading their citations. */
  allIds: number[];
  build(lang: Lang, cites: CitationIndex): EventView[];
}

const TYPE_ORDER = new Map<string, number>(EVENT_TYPES.map((t, i) => [t, i]));

/**
 * Chronological, but within one year the course of a persecution decides: a sentence dated only
 * "1938" follows an arrest on 19 July 1938, though its earliest possible day is 1 January.
 */
function lifeOrder(a: EventRow, b: EventRow): number {
  const year = (e: EventRow) => (e.date_min ?? '9999').slice(0, 4);
  return (
    year(a).localeCompare(year(b)) ||
    (TYPE_ORDER.get(a.type) ?? 99) - (TYPE_ORDER.get(b.type) ?? 99) ||
    (a.date_min ?? '9999').localeCompare(b.date_min ?? '9999') ||
    a.id - b.id
  );
}

/** Participants a timeline names under each event; the rest are counted. */
export const TIMELINE_PARTICIPANTS = 12;

export interface EventBundleOptions {
  /**
   * For pages that list a few participants of each event and count the rest: how many to load,
   * and whose page it is (left out of both). Without it every participant is loaded.
   */
  preview?: { limit: number; exclude?: number };
}

interface LoadedParticipant {
  event_id: number;
  person_id: number;
  role: string;
  note: string | null;
  display_name: string;
}

async function loadParticipants(db: Db, mainIds: number[], preview: EventBundleOptions['preview']) {
  const counts = new Map<number, number>();
  let rows: LoadedParticipant[];
  if (preview) {
    const previews = await listParticipantPreviews(db, mainIds, preview.limit, preview.exclude);
    for (const [id, n] of previews.counts) counts.set(id, n);
    rows = previews.rows;
  } else {
    rows = (await listParticipants(db, mainIds)).filter((p) => p.status === 'published');
    for (const p of rows) counts.set(p.event_id, (counts.get(p.event_id) ?? 0) + 1);
  }
  const byEvent = new Map<number, ParticipantView[]>();
  for (const p of rows) {
    const list = byEvent.get(p.event_id) ?? [];
    list.push({ personId: p.person_id, name: p.display_name, role: p.role, note: p.note });
    byEvent.set(p.event_id, list);
  }
  return { byEvent, counts };
}

/** Loads main events with their variants, participants, texts and the names they refer to. */
export async function loadEventBundle(
  db: Db,
  mainIds: number[],
  options: EventBundleOptions = {},
): Promise<EventBundle> {
  const rows = await listEventsWithVariants(db, mainIds);
  const allIds = rows.map((r) => r.id);
  const [participants, texts, placeNames, orgNames] = await Promise.all([
    loadParticipants(db, mainIds, options.preview),
    listEventTexts(db, allIds),
    // A draft place or organization is not named on public pages: the event reads as if it had none.
    listPublishedPlaceNames(db, [...new Set(rows.flatMap((r) => (r.place_id ? [r.place_id] : [])))]),
    listPublishedOrganizationNames(db, [
      ...new Set(rows.flatMap((r) => (r.organization_id ? [r.organization_id] : []))),
    ]),
  ]);
  const places = groupNames(placeNames);

  return {
    allIds,
    build(lang, cites) {
      const view = (r: EventRow): EventView => {
        const text =
          texts.find((t) => t.event_id === r.id && t.lang === lang) ??
          texts.find((t) => t.event_id === r.id && t.lang === 'en');
        const orgs = orgNames.filter((o) => o.organization_id === r.organization_id);
        return {
          id: r.id,
          type: r.type,
          edtf: r.date_edtf,
          dateMin: r.date_min,
          dateText: r.date_text,
          place:
            r.place_id && places.has(r.place_id)
              ? { id: r.place_id, ...placeLabel(places.get(r.place_id) ?? [], lang, r.date_min) }
              : null,
          placeText: r.place_text,
          organization:
            r.organization_id && orgs.length > 0 ? { id: r.organization_id, ...organizationLabel(orgs, lang) } : null,
          details: r.details ? (JSON.parse(r.details) as Record<string, string | number | boolean>) : null,
          rank: r.rank,
          note: r.note,
          description: text?.description ?? null,
          participants: participants.byEvent.get(r.id) ?? [],
          participantCount: participants.counts.get(r.id) ?? 0,
          variants: [],
          cites: cites.marks('event', r.id),
          updatedAt: r.updated_at,
        };
      };
      const mains = rows.filter((r) => r.variant_of === null).sort(lifeOrder);
      return mains.map((m) => {
        const main = view(m);
        main.variants = rows
          .filter((r) => r.variant_of === m.id)
          .map(view)
          .sort(byRank);
        return main;
      });
    },
  };
}
