import type { Messages } from '../i18n/en.ts';
import { fill, formatNumber, type Lang, label } from '../i18n/i18n.ts';
import { plural } from '../i18n/plural.ts';
import type { PlaceFact } from '../search/facts/person-facts.ts';
import type { SearchFiltersInput } from '../search/names/person-search.schema.ts';
import { SearchSummary, searchQuery } from '../search/names/search-summary.views.tsx';
import { type Cluster, type Counted, clusterPlaces, radiusFor } from './clusters.ts';
import { fitView, unitsPerPixel } from './frame.ts';
import { MapFigure } from './map.views.tsx';
import type { MapModel } from './map-model.ts';
import { MAP_LAYERS, type PlaceCount, type SearchMap } from './search-map.ts';

/** Places listed beside a map at most; the map draws them all. */
const LISTED = 200;
/** Marks closer than this many pixels are drawn as one. */
const CLUSTER_PIXELS = 28;
/** Marks named beside them, the largest first (map.js names as many). */
const NAMED = 8;

const compact = (n: number, lang: Lang) =>
  new Intl.NumberFormat(lang, { notation: 'compact', maximumFractionDigits: 1 }).format(n);

function clusterTitle(c: Cluster, lang: Lang, t: Messages): string {
  const first = c.members[0] as Counted;
  const n = formatNumber(c.n, lang);
  return c.members.length === 1
    ? fill(t.maps.placeCount, { place: first.title, n })
    : fill(t.maps.clusterCount, { place: first.title, more: c.members.length - 1, n });
}

/** The map model of a search's places: each place a mark sized by its count, near ones gathered. */
export function searchMapModel(m: SearchMap, title: string, lang: Lang, t: Messages): MapModel {
  const counted: Counted[] = m.located.map((p) => ({
    point: p.location?.point ?? [0, 0],
    n: p.n,
    row: `place-${p.id}`,
    title: p.name,
  }));
  const view = fitView(counted.map((c) => c.point));
  const clusters = clusterPlaces(counted, CLUSTER_PIXELS * unitsPerPixel(view));
  const named = new Set([...clusters].sort((a, b) => b.n - a.n).slice(0, NAMED));
  return {
    view,
    markers: clusters.map((c) => ({
      name: named.has(c) ? c.members[0]?.title : undefined,
      point: c.point,
      radius: radiusFor(c.n),
      label: compact(c.n, lang),
      title: clusterTitle(c, lang, t),
      style: 'cluster',
      uncertain: false,
      rows: c.members.map((p) => p.row),
    })),
    lines: [],
    title,
    description: fill(t.maps.searchDescription, {
      places: formatNumber(m.located.length, lang),
      unlocated: formatNumber(m.unlocated.length, lang),
    }),
    points: counted.map((c) => ({
      x: Math.round(c.point[0] * 10) / 10,
      y: Math.round(c.point[1] * 10) / 10,
      n: c.n,
      row: c.row,
      title: c.title,
    })),
  };
}

function Kinds({ p, t, lang }: { p: PlaceCount; t: Messages; lang: Lang }) {
  const kinds = Object.entries(p.byKind) as [PlaceFact, number][];
  if (kinds.length < 2) return null;
  return (
    <span class="kinds">
      {' '}
      ({kinds.map(([k, n]) => `${label(t.maps.kinds, k)} ${formatNumber(n, lang)}`).join(', ')})
    </span>
  );
}

function PlaceRows({ places, q, lang, t }: { places: PlaceCount[]; q: SearchFiltersInput; lang: Lang; t: Messages }) {
  return (
    <>
      <ol class="map-list">
        {places.slice(0, LISTED).map((p) => (
          <li id={`place-${p.id}`}>
            <a href={`/${lang}/places/${p.id}`}>{p.name}</a>
            {p.today && <span class="today"> ({fill(t.place.today, { name: p.today })})</span>}:{' '}
            <a href={`/${lang}/persons${searchQuery(q, { place: p.id })}`}>
              {plural(lang, p.n, t.maps.persons, formatNumber(p.n, lang))}
            </a>
            <Kinds p={p} t={t} lang={lang} />
            {p.location?.via && <span class="approximate"> · {t.maps.approximate}</span>}
            {p.invalid && <span class="invalid"> · {t.maps.invalidCoordinates}</span>}
          </li>
        ))}
      </ol>
      {places.length > LISTED && (
        <p class="more">{fill(t.maps.morePlaces, { n: formatNumber(places.length - LISTED, lang) })}</p>
      )}
    </>
  );
}

export function SearchMapView({
  m,
  q,
  title,
  lang,
  t,
}: {
  m: SearchMap;
  q: SearchFiltersInput;
  title: string;
  lang: Lang;
  t: Messages;
}) {
  const query = searchQuery(q);
  return (
    <article class="views-page map-page">
      <h1>{title}</h1>
      <SearchSummary q={q} lang={lang} t={t} />
      <form class="layer-form" method="get" action={`/${lang}/map`}>
        {Object.entries(q).map(([k, v]) =>
          v === undefined || v === '' || k === 'sort' ? null : <input type="hidden" name={k} value={String(v)} />,
        )}
        <label for="show">{t.maps.show}</label>
        <select id="show" name="show">
          {MAP_LAYERS.map((l) => (
            <option value={l} selected={m.layer === l}>
              {label(t.maps.layers, l)}
            </option>
          ))}
        </select>
        <button type="submit">{t.maps.apply}</button>
      </form>
      <p class="count" role="status">
        {fill(m.capped ? t.maps.countCapped : t.maps.count, {
          persons: plural(lang, m.persons, t.maps.persons, formatNumber(m.persons, lang)),
          places: plural(lang, m.located.length + m.unlocated.length, t.maps.placesAt),
        })}
        {m.withoutPlace > 0 && <> {fill(t.maps.withoutPlace, { n: formatNumber(m.withoutPlace, lang) })}</>}
      </p>
      <p class="other-views">
        <a href={`/${lang}/persons${query}`}>{t.views.personsLink}</a> ·{' '}
        <a href={`/${lang}/statistics${query}`}>{t.views.statisticsLink}</a>
      </p>
      {m.persons === 0 ? (
        <p>{t.persons.none}</p>
      ) : (
        <div class="map-layout">
          <MapFigure map={searchMapModel(m, title, lang, t)} id="search-map" t={t} />
          <div class="map-side">
            <h2>{t.maps.placesHeading}</h2>
            {m.located.length === 0 ? (
              <p>{t.maps.nothingDrawn}</p>
            ) : (
              <PlaceRows places={m.located} q={q} lang={lang} t={t} />
            )}
            {m.unlocated.length > 0 && (
              <section aria-labelledby="unlocated-heading">
                <h3 id="unlocated-heading">{t.maps.unlocated}</h3>
                <PlaceRows places={m.unlocated} q={q} lang={lang} t={t} />
              </section>
            )}
          </div>
        </div>
      )}
    </article>
  );
}
