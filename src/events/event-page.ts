import { listCitations } from '../citations/citation.repository.ts';
import { CitationIndex } from '../citations/citation-index.ts';
import type { Db } from '../db/connection.ts';
import { NotFoundError } from '../errors.ts';
import type { Lang } from '../i18n/i18n.ts';
import { loadSourceViews, type SourceView } from '../sources/source-view.ts';
import { assertPublic } from '../statements/status.ts';
import { findEventById } from './event.repository.ts';
import { type EventView, loadEventBundle } from './event-view.ts';

/** A variant has no page of its own: it is shown on the event it is an account of. */
export class EventVariantError extends Error {
  override name = 'EventVariantError';
  constructor(readonly mainId: number) {
    super(`variant of ${mainId}`);
  }
}

export interface EventPage {
  event: EventView;
  sources: SourceView[];
}

export async function getEventPage(db: Db, id: number, lang: Lang): Promise<EventPage> {
  const row = await findEventById(db, id);
  assertPublic('events', id, row);
  if (row.variant_of) throw new EventVariantError(row.variant_of);
  const bundle = await loadEventBundle(db, [id]);
  const cites = new CitationIndex(await listCitations(db, [{ type: 'event', ids: bundle.allIds }]));
  const [event] = bundle.build(lang, cites);
  if (!event) throw new NotFoundError(`event ${id}`);
  return { event, sources: await loadSourceViews(db, cites.sourceOrder()) };
}
