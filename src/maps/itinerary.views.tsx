import { formatEdtf } from '../dates/edtf.ts';
import type { Messages } from '../i18n/en.ts';
import { fill, type Lang, label } from '../i18n/i18n.ts';
import { DateText, PlaceRef } from '../web/components.tsx';
import { type Itinerary, type ItineraryEvent, itineraryMap, type Step } from './itinerary.ts';
import { MapFigure } from './map.views.tsx';

type Props = { lang: Lang; t: Messages };

/** A place in words as it was called then, "Stalinsk (today Novokuznetsk)", or as the source wrote it. */
function Where({ e, lang, t }: { e: ItineraryEvent } & Props) {
  if (e.place) return <PlaceRef place={e.place} lang={lang} t={t} />;
  return e.placeText ? <span class="as-written">{fill(t.maps.asWritten, { text: e.placeText })}</span> : null;
}

/** The date in words and a separator, or nothing for an undated event. */
function Dated({ edtf, lang }: { edtf: string | null; lang: Lang }) {
  if (!edtf) return null;
  return (
    <>
      <DateText edtf={edtf} lang={lang} />
      {' · '}
    </>
  );
}

function StepItem({ s, lang, t, names }: { s: Omit<Step, 'n'>; names: Map<number, string> } & Props) {
  return (
    <>
      <Dated edtf={s.event.edtf} lang={lang} />
      <a href={`#event-${s.event.id}`}>{label(t.eventTypes, s.event.type)}</a>
      {' · '}
      <Where e={s.event} lang={lang} t={t} />
      {s.via !== null && (
        <span class="approximate"> ({fill(t.maps.drawnAt, { place: names.get(s.via) ?? `#${s.via}` })})</span>
      )}
      {s.uncertain && <span class="uncertain-tag"> · {t.maps.uncertain}</span>}
    </>
  );
}

/**
 * A life's road on a map, with its steps listed in order beside it: the date in words and the
 * place as it was called then. `names` names the places that stand in for others.
 */
export function ItinerarySection({
  itinerary,
  name,
  names,
  lang,
  t,
}: { itinerary: Itinerary; name: string; names: Map<number, string> } & Props) {
  const { steps, undated, unmapped } = itinerary;
  if (steps.length === 0 && undated.length === 0) {
    return unmapped.length === 0 ? null : (
      <section aria-labelledby="itinerary-heading" class="itinerary-section">
        <h2 id="itinerary-heading">{t.maps.itinerary}</h2>
        <p>{t.maps.noPlaces}</p>
      </section>
    );
  }
  const places = new Set([...steps, ...undated].map((s) => `${s.point[0]},${s.point[1]}`)).size;
  const map = itineraryMap(itinerary, {
    title: fill(t.maps.itineraryTitle, { name }),
    description: fill(t.maps.itineraryDescription, { steps: steps.length, places }),
    label: (s) =>
      `${s.n ? `${s.n}. ` : ''}${label(t.eventTypes, s.event.type)}, ${s.event.place?.name ?? ''}${s.event.edtf ? `, ${formatEdtf(s.event.edtf, lang)}` : ''}`,
  });
  return (
    <section aria-labelledby="itinerary-heading" class="itinerary-section">
      <h2 id="itinerary-heading">{t.maps.itinerary}</h2>
      <div class="map-layout">
        <MapFigure map={map} id="itinerary-map" t={t} />
        <div class="map-side">
          <ol class="itinerary">
            {steps.map((s) => (
              <li id={`step-${s.event.id}`} value={s.n}>
                <StepItem s={s} names={names} lang={lang} t={t} />
              </li>
            ))}
          </ol>
          {undated.length > 0 && (
            <>
              <h3>{t.maps.undated}</h3>
              <ul class="itinerary">
                {undated.map((s) => (
                  <li id={`step-${s.event.id}`}>
                    <StepItem s={s} names={names} lang={lang} t={t} />
                  </li>
                ))}
              </ul>
            </>
          )}
          {unmapped.length > 0 && (
            <>
              <h3>{t.maps.unmapped}</h3>
              <ul class="itinerary">
                {unmapped.map((e) => (
                  <li>
                    <Dated edtf={e.edtf} lang={lang} />
                    {label(t.eventTypes, e.type)} · <Where e={e} lang={lang} t={t} />
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      </div>
    </section>
  );
}
