import type { Messages } from '../i18n/en.ts';
import { fill, type Lang, label } from '../i18n/i18n.ts';
import { Cites, DateText, Note, PlaceRef, RankTag } from '../web/components.tsx';
import { type EventView, TIMELINE_PARTICIPANTS } from './event-view.ts';

type Props = { lang: Lang; t: Messages };

function Details({ details, t }: { details: EventView['details']; t: Messages }) {
  if (!details) return null;
  return (
    <span class="details">
      {Object.entries(details)
        .map(([k, v]) => `${label(t.detailKeys, k)}: ${v}`)
        .join(' · ')}
    </span>
  );
}

/** One account of an event: date, place, organization, details, note, sources. */
function Account({ e, lang, t }: { e: EventView } & Props) {
  return (
    <>
      <DateText edtf={e.edtf} text={e.dateText} lang={lang} />
      {(e.place || e.placeText) && ' · '}
      {e.placeText && (!e.place || e.placeText !== e.place.name) ? (
        <span class="as-written">{fill(t.person.asWritten, { text: e.placeText })}</span>
      ) : (
        <PlaceRef place={e.place} lang={lang} t={t} />
      )}
      {e.organization && (
        <>
          {' · '}
          <a href={`/${lang}/organizations/${e.organization.id}`}>
            {e.organization.abbreviation ?? e.organization.name}
          </a>
        </>
      )}
      {e.details && ' · '}
      <Details details={e.details} t={t} />
      <Cites cites={e.cites} lang={lang} />
    </>
  );
}

/** Other sources' accounts beside the preferred one, each with its rank, note and sources. */
export function Disagreements({ e, lang, t }: { e: EventView } & Props) {
  if (e.variants.length === 0) return null;
  return (
    <div class="disagree">
      <p class="disagree-title">{t.person.disagree}</p>
      <ul>
        {e.variants.map((v) => (
          <li class={`variant rank-${v.rank}-item`}>
            <RankTag rank={v.rank} t={t} /> <Account e={v} lang={lang} t={t} />
            {v.description && <p>{v.description}</p>}
            <Note note={v.note} rank={v.rank} t={t} />
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A person's or a place's events as a dated list; `selfId` leaves the person out of "with". */
export function Timeline({ events, selfId, lang, t }: { events: EventView[]; selfId?: number } & Props) {
  if (events.length === 0) return <p>{t.person.noEvents}</p>;
  return (
    <ol class="timeline">
      {events.map((e) => {
        const others = e.participants.filter((p) => p.personId !== selfId);
        const shown = others.slice(0, TIMELINE_PARTICIPANTS);
        const count = e.participantCount - (e.participants.length - others.length);
        return (
          <li class={`event rank-${e.rank}-item`} id={`event-${e.id}`}>
            <h3 class="event-title">
              <a href={`/${lang}/events/${e.id}`}>{label(t.eventTypes, e.type)}</a> <RankTag rank={e.rank} t={t} />
            </h3>
            <p class="event-line">
              <Account e={e} lang={lang} t={t} />
            </p>
            {e.description && <p class="event-description">{e.description}</p>}
            <Note note={e.note} rank={e.rank} t={t} />
            {shown.length > 0 && (
              <p class="with">
                {t.person.others}:{' '}
                {shown.map((p, i) => (
                  <>
                    {i > 0 && ', '}
                    <a href={`/${lang}/persons/${p.personId}`}>{p.name}</a>
                    {p.role !== 'subject' && <span class="role"> ({label(t.participantRoles, p.role)})</span>}
                  </>
                ))}
                {count > shown.length && ` … ${fill(t.event.count, { n: count })}`}
              </p>
            )}
            <Disagreements e={e} lang={lang} t={t} />
          </li>
        );
      })}
    </ol>
  );
}
