import { Timeline } from '../events/event.views.tsx';
import type { Messages } from '../i18n/en.ts';
import { type Lang, label } from '../i18n/i18n.ts';
import type { PlaceMap } from '../maps/place-map.ts';
import { PlaceMapSection } from '../maps/place-map.views.tsx';
import { DateText } from '../web/components.tsx';
import type { PlacePage, PlaceSummary } from './place-page.ts';

type Props = { lang: Lang; t: Messages };

export function PlaceIndexView({ places, lang, t }: { places: PlaceSummary[] } & Props) {
  return (
    <>
      <h1>{t.place.title}</h1>
      <ul class="index-list">
        {places.map((p) => (
          <li>
            <a href={`/${lang}/places/${p.id}`}>{p.name}</a> <span class="kind">({label(t.placeKinds, p.kind)})</span>
          </li>
        ))}
      </ul>
    </>
  );
}

export function PlacePageView({ p, map, lang, t }: { p: PlacePage; map?: PlaceMap } & Props) {
  return (
    <article class="record place">
      <header class="record-header">
        <h1>{p.name}</h1>
        <p class="summary">{label(t.placeKinds, p.kind)}</p>
      </header>
      <dl class="facts">
        {p.parent && (
          <>
            <dt>{t.place.within}</dt>
            <dd>
              <a href={`/${lang}/places/${p.parent.id}`}>{p.parent.name}</a>
            </dd>
          </>
        )}
        {p.lat !== null && p.lon !== null && (
          <>
            <dt>{t.place.coordinates}</dt>
            <dd>
              <span class="geo">
                {p.lat.toFixed(3)}, {p.lon.toFixed(3)}
              </span>
            </dd>
          </>
        )}
        {p.wikidata && (
          <>
            <dt>Wikidata</dt>
            <dd>
              <a href={`https://www.wikidata.org/wiki/${p.wikidata}`}>{p.wikidata}</a>
            </dd>
          </>
        )}
      </dl>
      {p.note && <p class="note">{p.note}</p>}
      <p class="persons-link">
        <a href={`/${lang}/persons?place=${p.id}`}>{t.persons.withFilter.place}</a>
      </p>
      {map && <PlaceMapSection m={map} lang={lang} t={t} />}
      <section aria-labelledby="names-heading">
        <h2 id="names-heading">{t.place.names}</h2>
        <ul>
          {p.names.map((n) => (
            <li>
              <span lang={n.lang}>{n.name}</span> <span class="kind">({n.lang}</span>
              {n.valid_edtf && (
                <>
                  {', '}
                  <DateText edtf={n.valid_edtf} lang={lang} />
                </>
              )}
              )
            </li>
          ))}
        </ul>
      </section>
      {p.children.length > 0 && (
        <section aria-labelledby="children-heading">
          <h2 id="children-heading">{t.place.contains}</h2>
          <ul>
            {p.children.map((c) => (
              <li>
                <a href={`/${lang}/places/${c.id}`}>{c.name}</a>{' '}
                <span class="kind">({label(t.placeKinds, c.kind)})</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="events-heading">
        <h2 id="events-heading">{t.place.events}</h2>
        <Timeline events={p.events} lang={lang} t={t} />
      </section>
    </article>
  );
}
