import type { Messages } from '../i18n/en.ts';
import { fill } from '../i18n/i18n.ts';
import type { FieldChange, Json, Step } from '../revisions/document-diff.ts';
import type { RecordType } from '../revisions/revision.ts';

/*
 * A document's fields in words, for history, diffs, conflicts and error summaries: the path
 * `names[#12].citations[#7].locator` reads "Name 2, citation 1, where", and values read as the
 * pages show them (roles, kinds and ranks in the reader's language).
 */

/** A path with each statement's id replaced by its place in its list (1-based). */
export type PlacedPath = (string | { n: number })[];

function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Places each statement of a diff path in its list, looking in the documents in turn (the later
 * version first, where a statement that was removed is not found).
 */
export function placePath(path: readonly Step[], docs: readonly (Json | null | undefined)[]): PlacedPath {
  let nodes: (Json | undefined)[] = docs.map((d) => d ?? undefined);
  const out: PlacedPath = [];
  for (const step of path) {
    if (typeof step === 'string') {
      out.push(step);
      nodes = nodes.map((n) => (isObject(n) ? n[step] : undefined));
      continue;
    }
    let n = 0;
    for (const node of nodes) {
      if (!Array.isArray(node)) continue;
      const at = node.findIndex((x) => isObject(x) && x.id === step.id);
      if (at >= 0) {
        n = at + 1;
        break;
      }
    }
    out.push({ n });
    nodes = nodes.map((node) => (Array.isArray(node) ? node.find((x) => isObject(x) && x.id === step.id) : undefined));
  }
  return out;
}

/** A form path (`names.0.surname`) as a placed path. */
export function formPath(path: string): PlacedPath {
  if (!path) return [];
  return path.split('.').map((s) => (/^\d+$/.test(s) ? { n: Number(s) + 1 } : s));
}

type Edit = Messages['edit'];

/** "Name 2, citation 1, where"; "Biography (German)"; "Names: order" (lower-case first with `capital` false). */
export function pathWords(path: PlacedPath, t: Messages, capital = true): string {
  const e: Edit = t.edit;
  const parts: string[] = [];
  for (let i = 0; i < path.length; i++) {
    const step = path[i] as string | { n: number };
    const next = path[i + 1];
    if (typeof step !== 'string') continue;
    if (step === '#order') {
      parts[parts.length - 1] = fill(e.order, { list: parts.at(-1) ?? '' });
      continue;
    }
    if (next !== undefined && typeof next !== 'string') {
      const item = (e.items as Record<string, string>)[step];
      parts.push(item ? fill(item, { n: next.n || '?' }) : `${step} ${next.n}`);
      i++;
      continue;
    }
    const previous = path[i - 1];
    if ((previous === 'biography' || previous === 'description') && step in e.langs) {
      parts[parts.length - 1] = `${parts.at(-1)} (${(e.langs as Record<string, string>)[step]})`;
      continue;
    }
    if (previous === 'details') {
      parts[parts.length - 1] = `${parts.at(-1)}: ${(t.detailKeys as Record<string, string>)[step] ?? step}`;
      continue;
    }
    parts.push((e.fields as Record<string, string>)[step] ?? step);
  }
  if (parts.length === 0) return e.wholeRecord;
  const text = parts.join(', ');
  return capital ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/** The catalog section a field's values are words from, if any. */
function vocabulary(type: RecordType, path: PlacedPath, t: Messages): Record<string, string> | null {
  const keys = path.filter((s): s is string => typeof s === 'string');
  const key = keys.at(-1);
  const owner = keys.length > 1 ? keys.at(-2) : null;
  switch (key) {
    case 'sex':
      return t.sexes;
    case 'status':
      return t.edit.statuses;
    case 'rank':
      return t.ranks;
    case 'roles':
      return t.roles;
    case 'fateOverride':
      return t.fates;
    case 'role':
      return t.participantRoles;
    case 'kind':
      if (owner === 'names' && type === 'person') return t.nameKinds;
      if (owner === 'texts') return t.source.textKinds;
      if (owner === 'names' && type === 'place') return t.edit.placeNameKinds;
      if (owner) return null;
      if (type === 'place') return t.placeKinds;
      if (type === 'source') return t.source.kinds;
      return null;
    case 'type':
      if (owner === 'attributes') return t.attributeTypes;
      if (owner === 'relationships') return t.relationshipTypes;
      if (type === 'event' && !owner) return t.eventTypes;
      return null;
    default:
      return null;
  }
}

/** A value as words: empty as a dash, vocabulary values translated, lists joined. */
export function valueWords(type: RecordType, path: PlacedPath, value: Json | undefined, t: Messages): string {
  if (value === undefined || value === null || value === '') return '—';
  const words = vocabulary(type, path, t);
  const word = (v: Json) => (typeof v === 'string' && words ? (words[v] ?? v) : String(v));
  if (Array.isArray(value)) return value.length === 0 ? '—' : value.map(word).join(', ');
  if (typeof value === 'boolean') return value ? t.edit.yes : t.edit.no;
  if (typeof value === 'object') return JSON.stringify(value);
  return word(value);
}

/** One row of a readable diff: the field in words and each side's value. */
export interface ChangeRow {
  field: string;
  before: string;
  after: string;
  /** Whether the field was added, removed or changed, for styling. */
  kind: 'added' | 'removed' | 'changed';
}

/**
 * A value split into the leaves under it, so that a statement added or removed reads field by
 * field ("Name 3, surname: Schwarz") rather than as one blob. Ids and empty fields are left out.
 */
function leaves(value: Json | undefined, path: PlacedPath): [PlacedPath, Json][] {
  if (isObject(value)) {
    return Object.entries(value).flatMap(([k, v]) => (k === 'id' ? [] : leaves(v, [...path, k])));
  }
  if (Array.isArray(value) && value.some((v) => isObject(v))) {
    return value.flatMap((v, i) => leaves(v, [...path, { n: i + 1 }]));
  }
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return [];
  return [[path, value]];
}

/** A document's diff as rows of words, statements placed by the later version where they are in it. */
export function changeRows(
  type: RecordType,
  changes: readonly FieldChange[],
  before: Json | null,
  after: Json | null,
  t: Messages,
): ChangeRow[] {
  const rows: ChangeRow[] = [];
  for (const c of changes) {
    const path = placePath(c.path, [after, before]);
    const last = c.path.at(-1);
    const whole = isObject(c.before ?? null) || isObject(c.after ?? null) || typeof last === 'object';
    if (whole && (c.before === undefined || c.after === undefined)) {
      const side = c.before === undefined ? 'after' : 'before';
      for (const [p, v] of leaves(c[side], path)) {
        const text = valueWords(type, p, v, t);
        rows.push({
          field: pathWords(p, t),
          before: side === 'before' ? text : '—',
          after: side === 'after' ? text : '—',
          kind: side === 'after' ? 'added' : 'removed',
        });
      }
      continue;
    }
    if (last === '#order') {
      rows.push({ field: pathWords(path, t), before: '', after: t.edit.reordered, kind: 'changed' });
      continue;
    }
    if (isObject(c.before ?? null) || isObject(c.after ?? null)) {
      // An object on one side only in part (details): compare leaf by leaf.
      const a = new Map(leaves(c.before, path).map(([p, v]) => [JSON.stringify(p), [p, v] as const]));
      const b = new Map(leaves(c.after, path).map(([p, v]) => [JSON.stringify(p), [p, v] as const]));
      for (const k of new Set([...a.keys(), ...b.keys()])) {
        const p = (b.get(k) ?? a.get(k))![0];
        const x = a.get(k)?.[1];
        const y = b.get(k)?.[1];
        if (JSON.stringify(x) === JSON.stringify(y)) continue;
        rows.push(row(type, p, x, y, t));
      }
      continue;
    }
    rows.push(row(type, path, c.before, c.after, t));
  }
  return rows;
}

function row(type: RecordType, path: PlacedPath, before: Json | undefined, after: Json | undefined, t: Messages) {
  const empty = (v: Json | undefined) => v === undefined || v === null || v === '';
  return {
    field: pathWords(path, t),
    before: valueWords(type, path, before, t),
    after: valueWords(type, path, after, t),
    kind: empty(before) ? 'added' : empty(after) ? 'removed' : 'changed',
  } satisfies ChangeRow;
}

/** A whole document as rows of words, for what a removed record held. */
export function documentRows(type: RecordType, doc: Json, t: Messages): { field: string; value: string }[] {
  return leaves(doc, []).map(([p, v]) => ({ field: pathWords(p, t), value: valueWords(type, p, v, t) }));
}
