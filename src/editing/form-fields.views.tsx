import type { Child } from 'hono/jsx';
import { describeEdtf } from '../dates/edtf.ts';
import type { Messages } from '../i18n/en.ts';
import { fill, type Lang } from '../i18n/i18n.ts';
import { type FormType, RECORD_PATHS, type RecordType } from '../revisions/revision.ts';
import { RANKS } from '../statements/rank.ts';
import { STATUSES } from '../statements/status.ts';
import { fieldId } from '../web/form-data.ts';
import { type FormValues, listAt, textAt, valueAt } from './edit-form.routes.ts';
import { formPath, pathWords } from './field-words.ts';
import { problemWords } from './problem-words.ts';
import { type ReferenceRows, type RefTarget, refKey } from './references.ts';

/*
 * The parts every edit form is built of. Each field is named and identified by its path in the
 * document, labelled, described by its hint and its problem (aria-describedby), and works without
 * JavaScript; edit.js adds the date preview and the search behind record-number fields.
 */

export interface FormContext {
  t: Messages;
  lang: Lang;
  type: FormType;
  values: FormValues;
  /** Problems by field path, in English as the schemas word them. */
  errors: Map<string, string>;
  /** The records the form refers to, named. */
  refs: ReferenceRows;
}

const label = (f: FormContext, key: string) => {
  const text = (f.t.edit.fields as Record<string, string>)[key] ?? key;
  return text.charAt(0).toUpperCase() + text.slice(1);
};

const describedBy = (id: string, ...parts: (string | false | null | undefined)[]) =>
  parts
    .filter(Boolean)
    .map((p) => `${id}-${p}`)
    .join(' ') || undefined;

/** A field's label, hint, control and problem. */
function Frame(p: {
  f: FormContext;
  path: string;
  label: string;
  hint?: string;
  children: Child;
  after?: Child;
  class?: string;
}) {
  const id = fieldId(p.path);
  const error = p.f.errors.get(p.path);
  return (
    <div class={`field${error ? ' field-invalid' : ''}${p.class ? ` ${p.class}` : ''}`}>
      <label for={id}>{p.label}</label>
      {p.hint && (
        <span class="hint" id={`${id}-hint`}>
          {p.hint}
        </span>
      )}
      {p.children}
      {p.after}
      {error && (
        <span class="field-error" id={`${id}-error`}>
          {problemWords(error, p.f.t)}
        </span>
      )}
    </div>
  );
}

interface FieldProps {
  f: FormContext;
  path: string;
  /** The key in `t.edit.fields`; the path's last step when not given. */
  name?: string;
  hint?: string;
  required?: boolean;
  maxlength?: number;
  inputmode?: 'numeric' | 'decimal';
  /** The language the value is written in, where the field holds text in one language. */
  lang?: string;
  autocomplete?: string;
}

const keyOf = (p: { path: string; name?: string }) => p.name ?? p.path.split('.').at(-1) ?? p.path;

export function TextField(p: FieldProps) {
  const id = fieldId(p.path);
  const error = p.f.errors.has(p.path);
  return (
    <Frame f={p.f} path={p.path} label={label(p.f, keyOf(p))} hint={p.hint}>
      <input
        id={id}
        name={p.path}
        type="text"
        value={textAt(p.f.values, p.path)}
        required={p.required}
        maxlength={p.maxlength ?? 500}
        inputmode={p.inputmode}
        lang={p.lang}
        autocomplete={p.autocomplete ?? 'off'}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, p.hint && 'hint', error && 'error')}
      />
    </Frame>
  );
}

export function TextArea(p: FieldProps & { rows?: number; label?: string }) {
  const id = fieldId(p.path);
  const error = p.f.errors.has(p.path);
  return (
    <Frame f={p.f} path={p.path} label={p.label ?? label(p.f, keyOf(p))} hint={p.hint} class="field-wide">
      <textarea
        id={id}
        name={p.path}
        rows={p.rows ?? 4}
        maxlength={p.maxlength ?? 20_000}
        lang={p.lang}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, p.hint && 'hint', error && 'error')}
      >
        {textAt(p.f.values, p.path)}
      </textarea>
    </Frame>
  );
}

export function SelectField(
  p: FieldProps & {
    options: readonly (readonly [string, string])[];
    /** The text of an empty first option, where none may be chosen. */
    blank?: string;
  },
) {
  const id = fieldId(p.path);
  const error = p.f.errors.has(p.path);
  const value = textAt(p.f.values, p.path);
  return (
    <Frame f={p.f} path={p.path} label={label(p.f, keyOf(p))} hint={p.hint}>
      <select
        id={id}
        name={p.path}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, p.hint && 'hint', error && 'error')}
      >
        {p.blank !== undefined && (
          <option value="" selected={value === ''}>
            {p.blank}
          </option>
        )}
        {p.options.map(([v, text]) => (
          <option value={v} selected={v === value}>
            {text}
          </option>
        ))}
      </select>
    </Frame>
  );
}

/** Options from a vocabulary in the reader's language, in the vocabulary's order. */
export function options(values: readonly string[], words: Record<string, string>): [string, string][] {
  return values.map((v) => [v, words[v] ?? v]);
}

/** Checkboxes for a list of values (roles), as a group with its legend. */
export function CheckboxGroup(p: { f: FormContext; path: string; options: readonly (readonly [string, string])[] }) {
  const chosen = valueAt(p.f.values, p.path);
  const values = new Set(Array.isArray(chosen) ? chosen.map(String) : typeof chosen === 'string' ? [chosen] : []);
  const id = fieldId(p.path);
  const error = p.f.errors.get(p.path);
  return (
    <fieldset class="field checkboxes" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{label(p.f, p.path)}</legend>
      {p.options.map(([v, text]) => (
        <label class="checkbox">
          <input type="checkbox" name={p.path} value={v} checked={values.has(v)} /> {text}
        </label>
      ))}
      {error && (
        <span class="field-error" id={`${id}-error`}>
          {problemWords(error, p.f.t)}
        </span>
      )}
    </fieldset>
  );
}

/**
 * An EDTF date with how it reads in English, German and Russian beneath it (computed here for the
 * value shown; edit.js updates it while typing, from /api/v1/dates).
 */
export function DateField(p: FieldProps) {
  const id = fieldId(p.path);
  const error = p.f.errors.has(p.path);
  const value = textAt(p.f.values, p.path).trim();
  const described = value ? describeEdtf(value) : null;
  const t = p.f.t;
  return (
    <Frame
      f={p.f}
      path={p.path}
      label={label(p.f, keyOf(p))}
      hint={t.edit.hints.date}
      class="field-date"
      after={
        <output class="edtf-words" id={`${id}-words`} for={id} aria-live="polite">
          {described?.words && (
            <>
              <span class="edtf-words-label">{t.edit.readsAs}:</span> <span lang="en">{described.words.en}</span> ·{' '}
              <span lang="de">{described.words.de}</span> · <span lang="ru">{described.words.ru}</span>
            </>
          )}
        </output>
      }
    >
      <input
        id={id}
        name={p.path}
        type="text"
        value={textAt(p.f.values, p.path)}
        maxlength={100}
        autocomplete="off"
        spellcheck={false}
        data-edtf=""
        data-reads-as={t.edit.readsAs}
        data-invalid={t.edit.invalidDate}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(id, 'hint', 'words', error && 'error')}
      />
    </Frame>
  );
}

/** What a referenced record is called, linked to its page, beside its number. */
function RefName({ f, target, id }: { f: FormContext; target: RefTarget; id: number | null }) {
  if (id === null) return null;
  const row = f.refs.get(refKey(target, id));
  const t = f.t;
  if (!row) return <span class="ref-name ref-unknown">{t.edit.unknownRef}</span>;
  if (target === 'listRow') return <span class="ref-name">{fill(t.edit.rowOf, { n: row.label })}</span>;
  const type = target as RecordType;
  return (
    <span class="ref-name">
      <a href={`/${f.lang}/${RECORD_PATHS[type]}/${id}/edit`}>{row.label}</a>
      {row.status === 'draft' && <span class="badge badge-draft">{t.edit.draftBadge}</span>}
      {row.status === 'removed' && <span class="badge badge-removed">{t.edit.refRemoved}</span>}
    </span>
  );
}

/**
 * Another record by its number, its name shown beside it; edit.js adds a search by name
 * (/api/v1/lookup) that fills the number in.
 */
export function RefField(p: FieldProps & { target: RefTarget }) {
  const id = fieldId(p.path);
  const error = p.f.errors.has(p.path);
  const raw = textAt(p.f.values, p.path).trim();
  const number = /^\d{1,15}$/.test(raw) ? Number(raw) : null;
  return (
    <Frame
      f={p.f}
      path={p.path}
      label={label(p.f, keyOf(p))}
      hint={p.target === 'listRow' ? undefined : p.f.t.edit.hints.ref}
      class="field-ref"
      after={
        <span class="ref-current" id={`${id}-name`}>
          <RefName f={p.f} target={p.target} id={number} />
        </span>
      }
    >
      <input
        id={id}
        name={p.path}
        type="text"
        inputmode="numeric"
        value={textAt(p.f.values, p.path)}
        maxlength={15}
        autocomplete="off"
        required={p.required}
        data-lookup={p.target === 'listRow' ? undefined : p.target}
        data-lookup-label={p.f.t.edit.lookupLabel}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(
          id,
          p.target !== 'listRow' && 'hint',
          number !== null && 'name',
          error && 'error',
        )}
      />
    </Frame>
  );
}

/** A statement's own id, kept hidden so that saving keeps the statement (and its history). */
export function HiddenId({ f, path }: { f: FormContext; path: string }) {
  return <input type="hidden" name={`${path}.id`} value={textAt(f.values, `${path}.id`)} />;
}

/** Rank, publication status and note: what every statement carries. */
export function StatementFields({ f, path }: { f: FormContext; path: string }) {
  const t = f.t;
  return (
    <div class="field-row">
      <SelectField f={f} path={`${path}.rank`} options={options(RANKS, t.ranks)} />
      <SelectField f={f} path={`${path}.status`} options={options(STATUSES, t.edit.statuses)} />
      <TextField f={f} path={`${path}.note`} />
    </div>
  );
}

/** "Name 2": a list entry in words, for legends (and lower-case, for buttons). */
export function itemWords(f: FormContext, path: string, capital = true): string {
  return pathWords(formPath(path), f.t, capital);
}

/** A button that adds an empty entry to a list and shows the form again, saving nothing. */
export function AddButton({ f, list, key }: { f: FormContext; list: string; key?: string }) {
  const k = (key ?? list.split('.').at(-1)) as keyof Messages['edit']['add'];
  return (
    <button type="submit" name="_add" value={list} formnovalidate class="secondary add-entry">
      {f.t.edit.add[k]}
    </button>
  );
}

/** One entry of a repeating group: a fieldset with its legend, a remove button and its fields. */
export function Entry({
  f,
  path,
  children,
  draft,
}: {
  f: FormContext;
  path: string;
  children: Child;
  /** Marks a statement that is a draft. */
  draft?: boolean;
}) {
  const words = itemWords(f, path);
  return (
    <fieldset class={`entry${draft ? ' entry-draft' : ''}`} id={`${fieldId(path)}-entry`}>
      <legend>
        {words}
        {draft && <span class="badge badge-draft">{f.t.edit.draftBadge}</span>}
      </legend>
      {children}
      <div class="entry-actions">
        <button type="submit" name="_remove" value={path} formnovalidate class="secondary remove-entry">
          {fill(f.t.edit.remove, { item: itemWords(f, path, false) })}
        </button>
      </div>
    </fieldset>
  );
}

/** The entries of a list, each rendered by `render`, with the button that adds one. */
export function Entries({
  f,
  list,
  render,
  addKey,
}: {
  f: FormContext;
  list: string;
  render: (path: string, value: Record<string, unknown>) => Child;
  addKey?: string;
}) {
  const entries = listAt(f.values, list);
  return (
    <div class="entries" id={`${fieldId(list)}-list`}>
      {entries.map((v, i) => render(`${list}.${i}`, (v ?? {}) as Record<string, unknown>))}
      <AddButton f={f} list={list} key={addKey} />
    </div>
  );
}

/** A statement's citations: each with its source, where in it, a list row, a quotation and a note. */
export function Citations({ f, path }: { f: FormContext; path: string }) {
  const list = path ? `${path}.citations` : 'citations';
  return (
    <div class="citations">
      <Entries
        f={f}
        list={list}
        render={(p) => (
          <Entry f={f} path={p}>
            <HiddenId f={f} path={p} />
            <div class="field-row">
              <RefField f={f} path={`${p}.source`} target="source" required />
              <TextField f={f} path={`${p}.locator`} />
              <RefField f={f} path={`${p}.listRow`} target="listRow" />
            </div>
            <TextArea f={f} path={`${p}.quote`} rows={2} />
            <TextField f={f} path={`${p}.note`} />
          </Entry>
        )}
      />
    </div>
  );
}

/** Texts in English, German and Russian (a biography, a description). */
export function TextsByLanguage({ f, path }: { f: FormContext; path: string }) {
  const t = f.t;
  return (
    <>
      {(['en', 'de', 'ru'] as const).map((l) => (
        <TextArea f={f} path={`${path}.${l}`} label={t.edit.langs[l]} lang={l} rows={5} />
      ))}
    </>
  );
}
