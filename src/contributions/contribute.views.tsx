import { formatEdtf, isValidEdtf } from '../dates/edtf.ts';
import type { Messages } from '../i18n/en.ts';
import { fill, type Lang } from '../i18n/i18n.ts';
import { LICENCES, licenceKey } from '../media/media.ts';
import { CsrfField } from '../web/csrf.tsx';
import { Field, Notice, SelectField } from '../web/form.tsx';
import { DATE_ROWS, type FieldErrors, MAX, RELATIONS } from './contribution.ts';
import { Checkbox, FileInput, TextArea } from './form-fields.views.tsx';

export interface ContributeFormProps {
  lang: Lang;
  t: Messages;
  csrf: string;
  /** The person it is about, or null for someone not in the archive. */
  person: { id: number; name: string } | null;
  /** What was sent, to fill the form in again after a mistake. */
  values: Record<string, string>;
  errors: FieldErrors;
  /** A problem with the files, in words. */
  fileError: string | null;
  limits: { count: number; mib: number };
}

/** A date field with its reading in words: from the server after a send, live from /api/v1/dates with a script. */
function DateRow({
  n,
  values,
  errors,
  lang,
  t,
}: { n: number } & Pick<ContributeFormProps, 'values' | 'errors' | 'lang' | 't'>) {
  const c = t.contribute;
  const edtf = values[`dates.${n}.edtf`] ?? '';
  const words = edtf && isValidEdtf(edtf.trim()) ? formatEdtf(edtf.trim(), lang) : '';
  const error = errors[`dates.${n}.edtf`];
  return (
    <div class="date-row">
      <div class={error ? 'field field-invalid' : 'field'}>
        <label for={`date-${n}`}>{fill(c.date, { n: n + 1 })}</label>
        <input
          id={`date-${n}`}
          name={`dates.${n}.edtf`}
          value={edtf}
          maxlength={100}
          inputmode="text"
          data-edtf-words={`date-${n}-words`}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={[`date-${n}-words`, error ? `date-${n}-error` : null].filter(Boolean).join(' ')}
        />
        <output id={`date-${n}-words`} class="date-words" for={`date-${n}`} aria-live="polite">
          {words}
        </output>
        {error && (
          <span class="field-error" id={`date-${n}-error`}>
            {c.errors[error]}
          </span>
        )}
      </div>
      <Field
        name={`dates.${n}.what`}
        id={`date-${n}-what`}
        label={c.dateWhat}
        value={values[`dates.${n}.what`] ?? ''}
        maxlength={MAX.line}
        error={errors[`dates.${n}.what`] ? c.errors[errors[`dates.${n}.what`]!] : null}
      />
    </div>
  );
}

/** "Do you know more about this person?" and "Tell us about someone": one form, working without a script. */
export function ContributeForm({ lang, t, csrf, person, values, errors, fileError, limits }: ContributeFormProps) {
  const c = t.contribute;
  const err = (field: string) => (errors[field] ? c.errors[errors[field]!] : null);
  const hasErrors = Object.keys(errors).length > 0 || fileError !== null;
  return (
    <article class="contribute-page">
      <h1>{person ? fill(c.titleAbout, { name: person.name }) : c.title}</h1>
      <p class="lead">{c.intro}</p>
      {hasErrors && (
        <Notice kind="error">
          <p>{c.errors.summary}</p>
          {fileError && <p>{fileError}</p>}
        </Notice>
      )}
      <form method="post" action={`/${lang}/contribute`} enctype="multipart/form-data" class="stacked contribute-form">
        <CsrfField token={csrf} />
        {person ? (
          <input type="hidden" name="person" value={String(person.id)} />
        ) : (
          <Field
            name="subject"
            label={c.subject}
            hint={c.subjectHint}
            value={values.subject ?? ''}
            maxlength={MAX.line}
            required
            error={err('subject')}
          />
        )}
        <SelectField
          name="relation"
          label={c.relation}
          options={RELATIONS.map((r) => [r, c.relations[r]] as const)}
          value={values.relation ?? 'relative'}
          error={err('relation')}
        />
        <Field
          name="relationDetail"
          label={c.relationDetail}
          hint={c.relationDetailHint}
          value={values.relationDetail ?? ''}
          maxlength={MAX.line}
          error={err('relationDetail')}
        />
        <TextArea
          name="message"
          label={c.message}
          hint={c.messageHint}
          value={values.message}
          rows={8}
          maxlength={MAX.message}
          required
          error={err('message')}
        />
        <fieldset>
          <legend>{c.datesLegend}</legend>
          <p class="hint">{c.datesHint}</p>
          {Array.from({ length: DATE_ROWS }, (_, n) => (
            <DateRow n={n} values={values} errors={errors} lang={lang} t={t} />
          ))}
        </fieldset>
        <TextArea
          name="places"
          label={c.places}
          value={values.places}
          rows={2}
          maxlength={MAX.notes}
          error={err('places')}
        />
        <TextArea
          name="names"
          label={c.names}
          value={values.names}
          rows={2}
          maxlength={MAX.notes}
          error={err('names')}
        />
        <fieldset>
          <legend>{c.filesLegend}</legend>
          <FileInput name="files" label={c.files} hint={fill(c.filesHint, limits)} error={fileError} />
        </fieldset>
        <fieldset>
          <legend>{c.youLegend}</legend>
          <Field
            name="name"
            label={c.name}
            hint={c.nameHint}
            value={values.name ?? ''}
            maxlength={MAX.line}
            autocomplete="name"
            error={err('name')}
          />
          <Field
            name="email"
            type="email"
            label={c.email}
            hint={c.emailHint}
            value={values.email ?? ''}
            maxlength={MAX.email}
            autocomplete="email"
            required
            error={err('email')}
          />
        </fieldset>
        <fieldset>
          <legend>{c.consentLegend}</legend>
          <Checkbox name="consentName" label={c.consentName} checked={values.consentName === 'on'} />
          <Checkbox name="consentContact" label={c.consentContact} checked={values.consentContact === 'on'} />
          <Checkbox name="consentPublish" label={c.consentPublish} checked={values.consentPublish === 'on'} />
          <SelectField
            name="licence"
            label={c.licence}
            options={LICENCES.map((l) => [l, c.licences[licenceKey(l)]] as const)}
            value={values.licence ?? 'cc-by-4.0'}
            error={err('licence')}
          />
        </fieldset>
        <div class="hp" aria-hidden="true">
          <label for="website">{c.honeypot}</label>
          <input id="website" name="website" type="text" tabindex={-1} autocomplete="off" />
        </div>
        <div class="actions">
          <button type="submit">{c.send}</button>
        </div>
      </form>
      <script src="/static/date-words.js" defer />
    </article>
  );
}

export function ThanksView({ lang, t }: { lang: Lang; t: Messages }) {
  return (
    <article class="contribute-page">
      <h1>{t.contribute.thanksTitle}</h1>
      <Notice kind="success">
        <p>{t.contribute.thanks}</p>
      </Notice>
      <p>
        <a href={`/${lang}/persons`}>{t.site.nav.persons}</a>
      </p>
    </article>
  );
}

/** A refusal the sender can act on (a limit reached, a link that leads nowhere), as its own page. */
export function MessagePage({ title, message, lang, t }: { title: string; message: string; lang: Lang; t: Messages }) {
  return (
    <article class="contribute-page">
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href={`/${lang}/`}>{t.error.back}</a>
      </p>
    </article>
  );
}
