import type { Child } from 'hono/jsx';
import type { FieldProblem } from '../errors.ts';
import { fill } from '../i18n/i18n.ts';
import { RECORD_PATHS } from '../revisions/revision.ts';
import { CsrfField } from '../web/csrf.tsx';
import { Notice } from '../web/form.tsx';
import { fieldId } from '../web/form-data.ts';
import { LIST_KEYS } from './edit-form.routes.ts';
import { EventForm } from './event-form.views.tsx';
import { type ChangeRow, formPath, pathWords } from './field-words.ts';
import type { FormContext } from './form-fields.views.tsx';
import { OrganizationForm, PlaceForm, SourceForm } from './other-forms.views.tsx';
import { PersonForm } from './person-form.views.tsx';
import { problemWords } from './problem-words.ts';
import { eventLabel } from './record-labels.ts';

/*
 * The edit page of any record: its form with the problems summarised at the top and shown beside
 * their fields, the reason and the save button, the way to remove the record, a person's events,
 * and after a conflicting save both versions side by side above the form with the editor's input.
 */

export interface PersonEventRow {
  id: number;
  type: string;
  date: string | null;
  status: string;
  role: string;
}

export interface ConflictView {
  rows: ChangeRow[];
  /** Revisions saved since the form was opened: who, when, why. */
  since: { id: number; at: string; user: string | null; reason: string | null }[];
}

export interface EditPageProps {
  f: FormContext;
  id: number | null;
  /** The record's name, for the heading. */
  name: string;
  state: string | null;
  /** The revision the form was opened on (0 for a record without history). */
  base: number | null;
  reason: string;
  csrf: string;
  /** Editors save; reviewers propose. */
  canSave: boolean;
  notice?: { kind: 'success' | 'info' | 'error'; text: string };
  problems: FieldProblem[];
  events?: PersonEventRow[];
  conflict?: ConflictView;
  /** The reviewer's proposal the form was opened with: saving accepts it. */
  proposal?: number;
}

/** Where a problem's link in the summary leads: its field, its list, or its entry. */
function anchorOf(path: string): string | null {
  if (!path) return null;
  const last = path.split('.').at(-1) ?? '';
  if (/^\d+$/.test(last)) return `${fieldId(path)}-entry`;
  if ((LIST_KEYS as readonly string[]).includes(last)) return `${fieldId(path)}-list`;
  return fieldId(path);
}

function ProblemSummary({ f, problems }: { f: FormContext; problems: FieldProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <div class="notice notice-error problem-summary" role="alert">
      <p>{f.t.edit.problems}</p>
      <ul>
        {problems.map((p) => {
          const text = `${pathWords(formPath(p.path), f.t)}: ${problemWords(p.message, f.t)}`;
          const anchor = anchorOf(p.path);
          return <li>{anchor ? <a href={`#${anchor}`}>{text}</a> : text}</li>;
        })}
      </ul>
    </div>
  );
}

function Form({ f }: { f: FormContext }) {
  switch (f.type) {
    case 'person':
      return <PersonForm f={f} />;
    case 'event':
      return <EventForm f={f} />;
    case 'place':
      return <PlaceForm f={f} />;
    case 'organization':
      return <OrganizationForm f={f} />;
    case 'source':
      return <SourceForm f={f} />;
  }
}

/** A table of fields with their two versions: history's diffs and a conflict's. */
export function ChangeTable({
  rows,
  before,
  after,
  field,
  caption,
}: {
  rows: ChangeRow[];
  before: string;
  after: string;
  field: string;
  caption?: Child;
}) {
  return (
    <table class="changes">
      {caption && <caption>{caption}</caption>}
      <thead>
        <tr>
          <th scope="col">{field}</th>
          <th scope="col">{before}</th>
          <th scope="col">{after}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr class={`change-${r.kind}`}>
            <th scope="row">{r.field}</th>
            <td class="before">{r.before === '—' ? <span class="empty">—</span> : <del>{r.before}</del>}</td>
            <td class="after">{r.after === '—' ? <span class="empty">—</span> : <ins>{r.after}</ins>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Conflict({ f, conflict }: { f: FormContext; conflict: ConflictView }) {
  const t = f.t;
  return (
    <section class="conflict" aria-labelledby="conflict-heading">
      <h2 id="conflict-heading">{t.edit.conflictTitle}</h2>
      <p>{t.edit.conflictIntro}</p>
      <h3>{t.edit.conflictSince}</h3>
      <ul>
        {conflict.since.map((r) => (
          <li>
            {r.at} · {r.user ?? t.history.system}
            {r.reason ? ` · ${r.reason}` : ''}
          </li>
        ))}
      </ul>
      <ChangeTable rows={conflict.rows} field={t.edit.field} before={t.edit.savedVersion} after={t.edit.yourVersion} />
    </section>
  );
}

function PersonEvents({ f, id, events }: { f: FormContext; id: number; events: PersonEventRow[] }) {
  const t = f.t;
  return (
    <section class="person-events" aria-labelledby="events-heading">
      <h2 id="events-heading">{t.edit.sections.events}</h2>
      <p class="hint">{t.edit.eventsIntro}</p>
      {events.length === 0 ? (
        <p>{t.edit.noEvents}</p>
      ) : (
        <ul>
          {events.map((e) => (
            <li>
              <a href={`/${f.lang}/events/${e.id}/edit`}>{eventLabel(e.type, e.date, f.lang, t.eventTypes)}</a> (
              {t.participantRoles[e.role as keyof typeof t.participantRoles] ?? e.role})
              {e.status === 'draft' && <span class="badge badge-draft">{t.edit.draftBadge}</span>}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a class="button-link" href={`/${f.lang}/events/new?person=${id}`}>
          {t.edit.addEvent}
        </a>
      </p>
    </section>
  );
}

export function EditPage(p: EditPageProps) {
  const { f } = p;
  const t = f.t;
  const base = `/${f.lang}/${RECORD_PATHS[f.type]}`;
  const action = `${p.id === null ? `${base}/new` : `${base}/${p.id}/edit`}${p.proposal ? `?proposal=${p.proposal}` : ''}`;
  const title = p.id === null ? t.edit.titleNew[f.type] : fill(t.edit.titleEdit, { name: p.name });
  return (
    <article class="edit-page">
      <header class="edit-header">
        <h1>
          {title}
          {p.state === 'draft' && <span class="badge badge-draft">{t.edit.draftBadge}</span>}
        </h1>
        {p.id !== null && (
          <p class="edit-links">
            {p.state === 'published' && <a href={`${base}/${p.id}`}>{t.edit.viewPage}</a>}
            {p.state === 'published' && ' · '}
            <a href={`${base}/${p.id}/history`}>{t.edit.history}</a>
            {f.type === 'person' && p.canSave && (
              <>
                {' · '}
                <a href={`${base}/${p.id}/merge`}>{t.merges.mergeLink}</a>
              </>
            )}
          </p>
        )}
        <p class="lead-small">{t.edit.intro}</p>
      </header>
      {p.notice && <Notice kind={p.notice.kind}>{p.notice.text}</Notice>}
      <ProblemSummary f={f} problems={p.problems} />
      {p.conflict && <Conflict f={f} conflict={p.conflict} />}
      <form method="post" action={action} class="edit-form" novalidate>
        {/* The first submit button is the one Enter presses: saving, not adding an entry. */}
        <button type="submit" name="_save" value="1" class="default-submit" tabindex={-1}>
          {p.canSave ? t.edit.save : t.edit.propose}
        </button>
        <CsrfField token={p.csrf} />
        <input type="hidden" name="_base" value={p.base === null ? '' : String(p.base)} />
        <Form f={f} />
        <fieldset class="section save">
          <legend>{t.edit.sections.save}</legend>
          <div class="field">
            <label for="f-reason">{t.edit.fields.reason.charAt(0).toUpperCase() + t.edit.fields.reason.slice(1)}</label>
            <span class="hint" id="f-reason-hint">
              {t.edit.hints.reason}
            </span>
            <textarea id="f-reason" name="_reason" rows={2} maxlength={500} aria-describedby="f-reason-hint">
              {p.reason}
            </textarea>
          </div>
          <div class="actions">
            <button type="submit" name="_save" value="1">
              {p.canSave ? t.edit.save : t.edit.propose}
            </button>
          </div>
        </fieldset>
      </form>
      {p.events && p.id !== null && <PersonEvents f={f} id={p.id} events={p.events} />}
      {p.id !== null && p.canSave && (
        <section class="remove-record" aria-labelledby="remove-heading">
          <h2 id="remove-heading">{t.edit.removeRecord}</h2>
          <p>{t.edit.removeIntro}</p>
          <form method="post" action={`${base}/${p.id}/remove`} class="stacked">
            <CsrfField token={p.csrf} />
            <input type="hidden" name="base" value={p.base === null ? '' : String(p.base)} />
            <div class="field">
              <label for="remove-reason">{t.edit.removeReason}</label>
              <input id="remove-reason" name="reason" type="text" required maxlength={500} />
            </div>
            <div class="actions">
              <button type="submit" class="danger">
                {t.edit.removeButton}
              </button>
            </div>
          </form>
        </section>
      )}
      <script src="/static/edit.js" defer />
    </article>
  );
}
