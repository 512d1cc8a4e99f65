import type { Child } from 'hono/jsx';
import { EVENT_TYPES } from '../events/event.ts';
import type { Messages } from '../i18n/en.ts';
import { type Lang, label } from '../i18n/i18n.ts';
import { MEDIA_KINDS } from '../media/media.ts';
import { NAME_KINDS } from '../names/name.ts';
import { ATTRIBUTE_TYPES, RELATIONSHIP_TYPES, SEXES } from '../persons/person.ts';
import { CsrfField } from '../web/csrf.tsx';
import { Field, SelectField } from '../web/form.tsx';
import type { ProposalKind } from './contribution.ts';
import type { ReviewPage } from './review-page.ts';

type Props = { lang: Lang; t: Messages; review: ReviewPage; csrf: string };

const options = (values: readonly string[], section: Record<string, string>) =>
  values.map((v) => [v, label(section, v)] as const);

/** One kind's form, folded away until opened (a details element: no script needed). */
function KindForm({
  kind,
  action,
  csrf,
  t,
  children,
}: {
  kind: ProposalKind;
  action: string;
  csrf: string;
  t: Messages;
  children: Child;
}) {
  return (
    <details class="propose">
      <summary>{t.moderation.kinds[kind]}</summary>
      <form method="post" action={action} class="stacked">
        <CsrfField token={csrf} />
        <input type="hidden" name="kind" value={kind} />
        {children}
        <div class="actions">
          <button type="submit">{t.moderation.proposeButton}</button>
        </div>
      </form>
    </details>
  );
}

/** The forms that turn parts of a contribution into draft statements; ids are kept apart per kind. */
export function ProposeForms({ lang, t, review, csrf }: Props) {
  const m = t.moderation;
  const row = review.contribution;
  const action = `/${lang}/review/${row.id}/proposals`;
  const dates = row.dates ? (JSON.parse(row.dates) as { edtf: string | null; what: string | null }[]) : [];
  const files = review.files;
  return (
    <section aria-labelledby="propose-heading">
      <h2 id="propose-heading">{m.propose}</h2>
      <p class="hint">{m.proposeHint}</p>
      {row.person_id === null ? (
        <>
          <p>{m.needsPerson}</p>
          <KindForm kind="person" action={action} csrf={csrf} t={t}>
            <Field name="given" id="person-given" label={m.given} maxlength={500} />
            <Field name="surname" id="person-surname" label={m.surname} maxlength={500} />
            <SelectField name="sex" id="person-sex" label={m.sex} options={options(SEXES, t.sexes)} value="unknown" />
          </KindForm>
        </>
      ) : (
        <>
          {dates
            .filter((d) => d.edtf)
            .map((d, i) => (
              <form method="post" action={action} class="inline-form turn-date">
                <CsrfField token={csrf} />
                <input type="hidden" name="kind" value="event" />
                <Field name="date" id={`turn-${i}-date`} label={m.date} value={d.edtf ?? ''} maxlength={100} />
                <SelectField
                  name="type"
                  id={`turn-${i}-type`}
                  label={m.eventType}
                  options={options(EVENT_TYPES, t.eventTypes)}
                />
                <button type="submit">{m.turnDate}</button>
              </form>
            ))}
          <KindForm kind="name" action={action} csrf={csrf} t={t}>
            <SelectField name="nameKind" id="name-kind" label={m.nameKind} options={options(NAME_KINDS, t.nameKinds)} />
            <Field name="given" id="name-given" label={m.given} maxlength={500} />
            <Field name="patronymic" id="name-patronymic" label={m.patronymic} maxlength={500} />
            <Field name="surname" id="name-surname" label={m.surname} maxlength={500} />
            <Field name="full" id="name-full" label={m.asWritten} maxlength={500} />
          </KindForm>
          <KindForm kind="event" action={action} csrf={csrf} t={t}>
            <SelectField name="type" id="event-type" label={m.eventType} options={options(EVENT_TYPES, t.eventTypes)} />
            <Field name="date" id="event-date" label={m.date} maxlength={100} />
            <Field name="placeText" id="event-place" label={m.placeText} maxlength={500} />
            <Field name="note" id="event-note" label={m.note} maxlength={500} />
          </KindForm>
          <KindForm kind="attribute" action={action} csrf={csrf} t={t}>
            <SelectField
              name="type"
              id="attribute-type"
              label={m.attributeType}
              options={options(ATTRIBUTE_TYPES, t.attributeTypes)}
            />
            <Field name="value" id="attribute-value" label={m.value} maxlength={500} required />
            <Field name="date" id="attribute-date" label={m.date} maxlength={100} />
          </KindForm>
          <KindForm kind="relationship" action={action} csrf={csrf} t={t}>
            <SelectField
              name="type"
              id="relationship-type"
              label={m.relationshipType}
              options={options(RELATIONSHIP_TYPES, t.relationshipTypes)}
            />
            <Field name="relatedName" id="relationship-name" label={m.relatedName} maxlength={500} required />
            <Field name="date" id="relationship-date" label={m.date} maxlength={100} />
          </KindForm>
          {files.length > 0 &&
            (row.consent_publish ? (
              <KindForm kind="media" action={action} csrf={csrf} t={t}>
                <SelectField
                  name="file"
                  id="media-file"
                  label={m.file}
                  options={files.map((f) => [String(f.id), f.name] as const)}
                />
                <SelectField
                  name="mediaKind"
                  id="media-kind"
                  label={m.mediaKind}
                  options={options(MEDIA_KINDS, m.mediaKinds)}
                />
                <Field name="caption" id="media-caption" label={m.caption} maxlength={500} />
                <Field name="date" id="media-date" label={m.date} maxlength={100} />
                <Field name="credit" id="media-credit" label={m.credit} maxlength={500} />
              </KindForm>
            ) : (
              <p class="muted">{m.noPublishConsent}</p>
            ))}
        </>
      )}
    </section>
  );
}
