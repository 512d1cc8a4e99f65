import type { Messages } from '../i18n/en.ts';
import { fill, type Lang, label } from '../i18n/i18n.ts';
import { SourceList } from '../sources/source.views.tsx';
import { Cites, DateText, Note, PlaceRef, RankTag } from '../web/components.tsx';
import { Disagreements } from './event.views.tsx';
import type { EventPage } from './event-page.ts';

export function EventPageView({ page, lang, t, title }: { page: EventPage; lang: Lang; t: Messages; title: string }) {
  const e = page.event;
  return (
    <article class="record event-page">
      <header class="record-header">
        <h1>{title}</h1>
        <p class="summary">
          <RankTag rank={e.rank} t={t} />
          <Cites cites={e.cites} lang={lang} />
        </p>
      </header>
      <dl class="facts">
        <dt>{t.event.date}</dt>
        <dd>
          <DateText edtf={e.edtf} text={e.dateText} lang={lang} />
        </dd>
        {(e.place || e.placeText) && (
          <>
            <dt>{t.event.place}</dt>
            <dd>
              <PlaceRef place={e.place} lang={lang} t={t} />
              {e.placeText && e.placeText !== e.place?.name && (
                <> ({fill(t.person.asWritten, { text: e.placeText })})</>
              )}
            </dd>
          </>
        )}
        {e.organization && (
          <>
            <dt>{t.event.organization}</dt>
            <dd>
              <a href={`/${lang}/organizations/${e.organization.id}`}>{e.organization.name}</a>
            </dd>
          </>
        )}
        {e.details && (
          <>
            <dt>{t.event.details}</dt>
            <dd>
              {Object.entries(e.details)
                .map(([k, v]) => `${label(t.detailKeys, k)}: ${v}`)
                .join(' · ')}
            </dd>
          </>
        )}
      </dl>
      {e.description && <p class="event-description">{e.description}</p>}
      <Note note={e.note} rank={e.rank} t={t} />
      <Disagreements e={e} lang={lang} t={t} />
      <section aria-labelledby="participants-heading">
        <h2 id="participants-heading">{t.event.participants}</h2>
        <p>{fill(t.event.count, { n: e.participantCount })}</p>
        {e.participants.length > 0 && (
          <table class="participants">
            <thead>
              <tr>
                <th scope="col">{t.person.name}</th>
                <th scope="col">{t.event.role}</th>
              </tr>
            </thead>
            <tbody>
              {e.participants.map((p) => (
                <tr>
                  <td>
                    <a href={`/${lang}/persons/${p.personId}`}>{p.name}</a>
                    {p.note && <p class="note">{p.note}</p>}
                  </td>
                  <td>{label(t.participantRoles, p.role)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <SourceList sources={page.sources} lang={lang} t={t} />
    </article>
  );
}
