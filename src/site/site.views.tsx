import type { EventView } from '../events/event-view.ts';
import type { Messages } from '../i18n/en.ts';
import { fill, formatNumber, type Lang, label } from '../i18n/i18n.ts';
import type { SourceView } from '../sources/source-view.ts';
import { DateText, PlaceRef } from '../web/components.tsx';

export function HomeView(props: {
  lang: Lang;
  t: Messages;
  counts: { persons: number; events: number; sources: number; places: number };
  fates: { fate: string; n: number }[];
  handovers: EventView[];
  lists: SourceView[];
}) {
  const { lang, t, counts } = props;
  const n = (x: number) => formatNumber(x, lang);
  return (
    <>
      <section class="hero">
        <h1>{t.home.title}</h1>
        <p class="lead">{t.home.intro}</p>
        <form class="big-search" role="search" aria-label={t.home.searchLabel} action={`/${lang}/persons`} method="get">
          <label for="home-q">{t.home.searchLabel}</label>
          <div class="search-row">
            <input
              id="home-q"
              type="search"
              name="q"
              placeholder={t.search.placeholder}
              aria-describedby="home-q-hint"
              autocomplete="off"
              data-autocomplete="/api/v1/persons"
            />
            <button type="submit">{t.home.searchButton}</button>
          </div>
          <p id="home-q-hint" class="hint">
            {t.home.searchHint}
          </p>
        </form>
        <p class="counts">
          {fill(t.home.counts, {
            persons: n(counts.persons),
            events: n(counts.events),
            sources: n(counts.sources),
            places: n(counts.places),
          })}
        </p>
      </section>
      <h2 class="visually-hidden">{t.home.entry}</h2>
      <div class="entry-points">
        <section aria-labelledby="fates-heading">
          <h3 id="fates-heading">{t.home.byFate}</h3>
          <ul>
            {props.fates.map((f) => (
              <li>
                <a href={`/${lang}/persons?fate=${f.fate}`}>{label(t.fates, f.fate)}</a> ({n(f.n)})
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="handovers-heading">
          <h3 id="handovers-heading">{t.home.handovers}</h3>
          <ul>
            {props.handovers.map((e) => (
              <li>
                <a href={`/${lang}/events/${e.id}`}>
                  <DateText edtf={e.edtf} lang={lang} />
                </a>
                {e.place && (
                  <>
                    {', '}
                    <PlaceRef place={e.place} lang={lang} t={t} />
                  </>
                )}{' '}
                ({fill(t.event.count, { n: e.participantCount })})
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="lists-heading">
          <h3 id="lists-heading">{t.home.recent}</h3>
          <ul>
            {props.lists.map((s) => (
              <li>
                <a href={`/${lang}/sources/${s.id}`}>{s.title}</a>
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}

export function AboutView({ t }: { t: Messages }) {
  return (
    <article class="prose">
      <h1>{t.about.title}</h1>
      {t.about.body.map((p) => (
        <p>{p}</p>
      ))}
    </article>
  );
}
