import { Timeline } from '../events/event.views.tsx';
import type { Messages } from '../i18n/en.ts';
import { type Lang, label } from '../i18n/i18n.ts';
import type { OrganizationPage, OrganizationSummary } from './organization-page.ts';

type Props = { lang: Lang; t: Messages };

export function OrganizationIndexView({ orgs, lang, t }: { orgs: OrganizationSummary[] } & Props) {
  return (
    <>
      <h1>{t.organization.title}</h1>
      <ul class="index-list">
        {orgs.map((o) => (
          <li>
            <a href={`/${lang}/organizations/${o.id}`}>{o.name}</a>
            {o.abbreviation && <span class="kind"> ({o.abbreviation})</span>}
          </li>
        ))}
      </ul>
    </>
  );
}

export function OrganizationPageView({ o, lang, t }: { o: OrganizationPage } & Props) {
  return (
    <article class="record organization">
      <header class="record-header">
        <h1>{o.name}</h1>
        <p class="summary">
          {o.abbreviation}
          {o.parent && (
            <>
              {' · '}
              {t.organization.parent}: <a href={`/${lang}/organizations/${o.parent.id}`}>{o.parent.name}</a>
            </>
          )}
        </p>
      </header>
      <p class="persons-link">
        <a href={`/${lang}/persons?organization=${o.id}`}>{t.persons.withFilter.organization}</a>
      </p>
      {o.note && <p class="note">{o.note}</p>}
      <ul>
        {o.names.map((n) => (
          <li lang={n.lang}>
            {n.name}
            {n.abbreviation && ` (${n.abbreviation})`}
          </li>
        ))}
      </ul>
      {o.members.length > 0 && (
        <section aria-labelledby="members-heading">
          <h2 id="members-heading">{t.organization.members}</h2>
          <ul>
            {o.members.map((m) => (
              <li>
                <a href={`/${lang}/persons/${m.personId}`}>{m.name}</a> ({label(t.attributeTypes, m.type)}: {m.value})
              </li>
            ))}
          </ul>
        </section>
      )}
      <section aria-labelledby="events-heading">
        <h2 id="events-heading">{t.organization.events}</h2>
        <Timeline events={o.events} lang={lang} t={t} />
      </section>
    </article>
  );
}
