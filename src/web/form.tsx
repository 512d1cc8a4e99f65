import type { Child } from 'hono/jsx';

/*
 * Form fields that work without JavaScript and read well to a screen reader: each has a visible
 * label, an optional hint, and its error right beside it, tied to the input by aria-describedby.
 */

export interface FieldProps {
  /** The input's id and name. */
  name: string;
  label: string;
  type?: 'text' | 'password' | 'email' | 'search' | 'number';
  value?: string;
  hint?: string;
  error?: string | null;
  required?: boolean;
  autocomplete?: string;
  maxlength?: number;
  minlength?: number;
  /** Inputs of the same name elsewhere on the page need distinct ids. */
  id?: string;
}

/** The ids an input's hint and error get, and the aria-describedby naming them. */
function describedBy(id: string, hint?: string | null, error?: string | null) {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
}

/** A control's accessibility attributes: invalid when it has an error, described by its hint and error. */
export function fieldAria(id: string, hint?: string | null, error?: string | null) {
  return { 'aria-invalid': error ? 'true' : undefined, 'aria-describedby': describedBy(id, hint, error) };
}

/** A field's label, hint and error around its control. */
export function FieldFrame(p: {
  id: string;
  label: string;
  hint?: string | null;
  error?: string | null;
  children: Child;
}) {
  return (
    <div class={p.error ? 'field field-invalid' : 'field'}>
      <label for={p.id}>{p.label}</label>
      {p.hint && (
        <span class="hint" id={`${p.id}-hint`}>
          {p.hint}
        </span>
      )}
      {p.children}
      {p.error && (
        <span class="field-error" id={`${p.id}-error`}>
          {p.error}
        </span>
      )}
    </div>
  );
}

export function Field(p: FieldProps) {
  const id = p.id ?? p.name;
  return (
    <FieldFrame id={id} label={p.label} hint={p.hint} error={p.error}>
      <input
        id={id}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.value}
        required={p.required}
        autocomplete={p.autocomplete}
        maxlength={p.maxlength}
        minlength={p.minlength}
        {...fieldAria(id, p.hint, p.error)}
      />
    </FieldFrame>
  );
}

export interface SelectFieldProps {
  name: string;
  label: string;
  /** Value and text of each option, in order. */
  options: readonly (readonly [string, string])[];
  value?: string;
  hint?: string;
  error?: string | null;
  id?: string;
}

export function SelectField(p: SelectFieldProps) {
  const id = p.id ?? p.name;
  return (
    <FieldFrame id={id} label={p.label} hint={p.hint} error={p.error}>
      <select id={id} name={p.name} {...fieldAria(id, p.hint, p.error)}>
        {p.options.map(([value, text]) => (
          <option value={value} selected={value === p.value}>
            {text}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A message at the top of a form or page: what went wrong, or what was done. */
export function Notice({ kind, children }: { kind: 'error' | 'success' | 'info'; children: Child }) {
  return (
    <div class={`notice notice-${kind}`} role={kind === 'error' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}
