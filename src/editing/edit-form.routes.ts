import type { FieldProblem } from '../errors.ts';
import type { Doc, Json } from '../revisions/document-diff.ts';
import { nestFormFields } from '../web/form-data.ts';

/*
 * An edit form's values and the document they describe. The form names each field by its path in
 * the document (`names.0.surname`), so that a problem the document's schema finds lands beside its
 * field; it differs from the document only where a form cannot say the same thing directly: an
 * event's details (a map) are rows of key and value, and a single role checked is still a list.
 */

/** The form's values as submitted (strings) or as loaded (a document's values), nested by path. */
export type FormValues = { [key: string]: unknown };

/** The lists a form can add an entry to or remove one from. */
export const LIST_KEYS = [
  'names',
  'citations',
  'attributes',
  'relationships',
  'participants',
  'variants',
  'columns',
  'texts',
  'details',
] as const;

/** A submitted form: its values, the revision it was opened on, the reason, and any add or remove asked for. */
export interface Submission {
  values: FormValues;
  base: number | null;
  reason: string;
  /** `names` or `names.0.citations` to add an entry to; `names.1` to remove one. */
  op: { add: string } | { remove: string } | null;
}

const CONTROL = new Set(['_csrf', '_base', '_reason', '_add', '_remove', '_save']);

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v) ?? '';

/** Reads a submitted edit form (fields as `c.req.parseBody({ all: true })` gives them, files left out). */
export function readSubmission(body: Record<string, string | string[]>): Submission {
  const fields = Object.entries(body).filter(([k]) => !CONTROL.has(k));
  const base = first(body._base);
  const add = first(body._add);
  const remove = first(body._remove);
  return {
    values: nestFormFields(fields),
    base: /^\d{1,15}$/.test(base) ? Number(base) : null,
    reason: first(body._reason),
    op: add && isListPath(add) ? { add } : remove && isItemPath(remove) ? { remove } : null,
  };
}

const LIST = `(?:${LIST_KEYS.join('|')})`;
const listPath = new RegExp(`^(?:${LIST}\\.\\d{1,4}\\.)*${LIST}$`);
const itemPath = new RegExp(`^(?:${LIST}\\.\\d{1,4}\\.)*${LIST}\\.\\d{1,4}$`);
const isListPath = (p: string) => listPath.test(p);
const isItemPath = (p: string) => itemPath.test(p);

/** The values with an empty entry added to a list, or an entry taken out. */
export function applyFormOp(values: FormValues, op: NonNullable<Submission['op']>): FormValues {
  const out = structuredClone(values);
  const steps = ('add' in op ? op.add : op.remove).split('.');
  const last = steps.pop() as string;
  let node: unknown = out;
  for (const step of steps) {
    const next = (node as Record<string, unknown>)[step];
    if (typeof next !== 'object' || next === null) return out;
    node = next;
  }
  if ('add' in op) {
    const owner = node as Record<string, unknown>;
    const list = Array.isArray(owner[last]) ? (owner[last] as unknown[]) : [];
    list.push({});
    owner[last] = list;
  } else if (Array.isArray(node)) {
    node.splice(Number(last), 1);
  }
  return out;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A document's values as its form shows them: details as rows. */
export function toFormValues(doc: Doc): FormValues {
  const convert = (v: unknown, key: string | null): unknown => {
    if (key === 'details' && isObject(v)) {
      return Object.entries(v).map(([k, value]) => ({ key: k, value: String(value) }));
    }
    if (Array.isArray(v)) return v.map((x) => convert(x, null));
    if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, convert(x, k)]));
    return v;
  };
  return convert(doc, null) as FormValues;
}

/** A detail's value as typed: numbers stay numbers, so that saving an unchanged form changes nothing. */
function detailValue(raw: string): string | number | boolean {
  const v = raw.trim();
  if (/^-?\d{1,15}(\.\d{1,10})?$/.test(v)) return Number(v);
  if (v === 'true' || v === 'false') return v === 'true';
  return v;
}

/**
 * The document a form describes, and problems only the form can have (a detail's value without a
 * key). `detailFields` maps a document path of a detail (`details.people`) to its row's field.
 */
export function fromFormValues(values: FormValues): {
  doc: Doc;
  problems: FieldProblem[];
  detailFields: Map<string, string>;
} {
  const problems: FieldProblem[] = [];
  const detailFields = new Map<string, string>();
  const convert = (v: unknown, path: string[]): unknown => {
    const key = path.at(-1);
    if (key === 'details' && Array.isArray(v)) {
      const out: Record<string, string | number | boolean> = {};
      v.forEach((row, i) => {
        if (!isObject(row)) return;
        const k = typeof row.key === 'string' ? row.key.trim() : '';
        const value = typeof row.value === 'string' ? row.value : '';
        if (!k && !value.trim()) return;
        const at = [...path, String(i)].join('.');
        if (!k) problems.push({ path: `${at}.key`, message: 'required' });
        else {
          out[k] = detailValue(value);
          detailFields.set([...path, k].join('.'), `${at}.value`);
        }
      });
      return out;
    }
    if (key === 'roles' && typeof v === 'string') return [v];
    if (Array.isArray(v)) return v.map((x, i) => convert(x, [...path, String(i)]));
    if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, convert(x, [...path, k])]));
    return v;
  };
  return { doc: convert(values, []) as Doc, problems, detailFields };
}

/** Each problem by the form field it belongs to (a detail's problem at its row's value). */
export function problemsByField(problems: readonly FieldProblem[], detailFields: Map<string, string>) {
  const out = new Map<string, string>();
  for (const p of problems) {
    const field = detailFields.get(p.path) ?? p.path;
    if (!out.has(field)) out.set(field, p.message);
  }
  return out;
}

/** The value at a form path, or undefined. */
export function valueAt(values: FormValues, path: string): unknown {
  let node: unknown = values;
  for (const step of path.split('.')) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[step];
  }
  return node;
}

/** A field's value as its input shows it: text for strings and numbers, blank for none. */
export function textAt(values: FormValues, path: string): string {
  const v = valueAt(values, path);
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return '';
}

/** The entries of a list in the form (an empty list where there is none). */
export function listAt(values: FormValues, path: string): Json[] {
  const v = valueAt(values, path);
  return Array.isArray(v) ? (v as Json[]) : [];
}
