import { FieldFrame, fieldAria } from '../web/form.tsx';

/*
 * Form controls the contribution and review forms need beyond src/web/form.tsx: a text area, a
 * checkbox and a file input, each with its label, hint and error in form.tsx's frame.
 */

export function TextArea(p: {
  name: string;
  label: string;
  value?: string | null;
  hint?: string | null;
  error?: string | null;
  required?: boolean;
  rows?: number;
  maxlength?: number;
  id?: string;
}) {
  const id = p.id ?? p.name;
  return (
    <FieldFrame id={id} label={p.label} hint={p.hint} error={p.error}>
      <textarea
        id={id}
        name={p.name}
        rows={p.rows ?? 5}
        required={p.required}
        maxlength={p.maxlength}
        {...fieldAria(id, p.hint, p.error)}
      >
        {p.value ?? ''}
      </textarea>
    </FieldFrame>
  );
}

export function Checkbox(p: { name: string; label: string; checked?: boolean; hint?: string | null; id?: string }) {
  const id = p.id ?? p.name;
  return (
    <div class="field checkbox">
      <input
        type="checkbox"
        id={id}
        name={p.name}
        value="on"
        checked={p.checked}
        aria-describedby={p.hint ? `${id}-hint` : undefined}
      />
      <label for={id}>{p.label}</label>
      {p.hint && (
        <span class="hint" id={`${id}-hint`}>
          {p.hint}
        </span>
      )}
    </div>
  );
}

export function FileInput(p: { name: string; label: string; hint?: string | null; error?: string | null }) {
  return (
    <FieldFrame id={p.name} label={p.label} hint={p.hint} error={p.error}>
      <input
        type="file"
        id={p.name}
        name={p.name}
        multiple
        accept=".jpg,.jpeg,.png,.webp,.pdf,image/jpeg,image/png,image/webp,application/pdf"
        {...fieldAria(p.name, p.hint, p.error)}
      />
    </FieldFrame>
  );
}
