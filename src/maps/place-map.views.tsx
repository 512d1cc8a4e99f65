import type { Messages } from '../i18n/en.ts';
import { fill, type Lang, label } from '../i18n/i18n.ts';
import { clusterPlaces } from './clusters.ts';
import { fitView, unitsPerPixel } from './frame.ts';
import { MapFigure } from './map.views.tsx';
import type { MapModel } from './map-model.ts';
import type { MappedPlace, PlaceMap } from './place-map.ts';

type Props = { lang: Lang; t: Messages };

/** Marks closer than this many pixels are drawn as one. */
const GATHER_PIXELS = 14;

function placeMapModel(m: PlaceMap, t: Messages): MapModel {
  const located = [m.place, ...m.within].filter((p) => p.location);
  const view = fitView(located.map((p) => p.location?.point ?? [0, 0]));
  const groups = clusterPlaces(
    located.map((p) => ({ point: p.location?.point ?? [0, 0], n: 1, row: `within-${p.id}`, title: p.name })),
    GATHER_PIXELS * unitsPerPixel(view),
  );
  return {
    view,
    markers: groups.map((g) => {
      const here = g.members.some((p) => p.row === `within-${m.place.id}`);
      return {
        point: g.point,
        radius: here ? 9 : 7,
        label: g.members.length > 1 ? String(g.members.length) : null,
        title: g.members.map((p) => p.title).join(', '),
        name: g.members[0]?.title,
        style: here ? 'here' : 'place',
        uncertain: g.members.every((p) => located.find((l) => `within-${l.id}` === p.row)?.location?.via),
        rows: g.members.map((p) => p.row),
      };
    }),
    lines: [],
    title: fill(t.maps.placeTitle, { name: m.place.name }),
    description: fill(t.maps.placeDescription, { n: located.length }),
  };
}

function Row({ p, lang, t, self }: { p: MappedPlace; self?: boolean } & Props) {
  return (
    <li id={`within-${p.id}`}>
      {self ? <strong>{p.name}</strong> : <a href={`/${lang}/places/${p.id}`}>{p.name}</a>}{' '}
      <span class="kind">({label(t.placeKinds, p.kind)})</span>
      {p.location?.via && <span class="approximate"> · {t.maps.approximate}</span>}
      {p.invalid && <span class="invalid"> · {t.maps.invalidCoordinates}</span>}
    </li>
  );
}

/** A place page's map: the place and the places within it, listed beside it. */
export function PlaceMapSection({ m, lang, t }: { m: PlaceMap } & Props) {
  const located = m.within.filter((p) => p.location);
  const unlocated = m.within.filter((p) => !p.location);
  return (
    <section aria-labelledby="place-map-heading" class="place-map">
      <h2 id="place-map-heading">{t.maps.placeMap}</h2>
      {!m.place.location && located.length === 0 ? (
        <p>
          {t.maps.noCoordinates}
          {m.place.invalid && ` (${t.maps.invalidCoordinates})`}
        </p>
      ) : (
        <div class="map-layout">
          <MapFigure map={placeMapModel(m, t)} id="place-map" t={t} />
          <div class="map-side">
            <ul class="map-list">
              <Row p={m.place} self lang={lang} t={t} />
              {located.map((p) => (
                <Row p={p} lang={lang} t={t} />
              ))}
            </ul>
            {unlocated.length > 0 && (
              <>
                <h3>{t.maps.withinUnlocated}</h3>
                <ul class="map-list">
                  {unlocated.map((p) => (
                    <Row p={p} lang={lang} t={t} />
                  ))}
                </ul>
              </>
            )}
          </div>
        </div>
      )}
    </section>
  );
}
