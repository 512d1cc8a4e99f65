import type { Context } from 'hono';
import { archiveCounts } from '../archive/archive-counts.ts';
import { CitationIndex } from '../citations/citation-index.ts';
import { listEventIdsByType } from '../events/event.repository.ts';
import { loadEventBundle } from '../events/event-view.ts';
import { ldContext } from '../linked-data/respond.ts';
import { datasetLd } from '../linked-data/source-ld.ts';
import { listSourceViews } from '../sources/source-page.ts';
import type { Env } from '../web/env.ts';
import { publicOrigin } from '../web/origin.ts';
import { renderPage } from '../web/render.tsx';
import { AboutView, HomeView } from './site.views.tsx';

export async function homePage(c: Context<Env>) {
  const { db, lang, t } = c.var;
  const [counts, fates, handoverIds, sources] = await Promise.all([
    archiveCounts.records(db),
    archiveCounts.byFate(db),
    listEventIdsByType(db, 'handover', 20),
    listSourceViews(db),
  ]);
  const handovers = (await loadEventBundle(db, handoverIds, { preview: { limit: 0 } })).build(
    lang,
    new CitationIndex([]),
  );
  return renderPage(
    c,
    <HomeView
      lang={lang}
      t={t}
      counts={counts}
      fates={fates}
      handovers={handovers}
      lists={sources.filter((s) => s.kind === 'list' || s.kind === 'document')}
    />,
    {
      title: t.home.title,
      description: t.site.tagline,
      jsonLd: datasetLd(ldContext(c, publicOrigin(c)), { name: t.site.name, description: t.site.tagline }),
    },
  );
}

export function aboutPage(c: Context<Env>) {
  return renderPage(c, <AboutView t={c.var.t} />, { title: c.var.t.about.title });
}
