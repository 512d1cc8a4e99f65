/**
 * Field-level differences between two versions of a record's document, and applying them.
 *
 * A document is JSON: objects by key; lists of statements (objects with an `id`) by id, so that
 * a name edited, moved or added is one change of its own; any other list (roles, a list row's
 * cells) is one value. A change names its field by a path such as `names[#12].surname`.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Doc = { [key: string]: Json };

/** One step of a path: an object's key, or a statement's id in a list. */
export type Step = string | { id: number };

export interface FieldChange {
  path: Step[];
  /** undefined where the field or statement did not exist on that side. */
  before: Json | undefined;
  after: Json | undefined;
}

function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A list whose every item is an object with a numeric id: compared item by item. */
function isStatementList(v: Json | undefined): v is { [key: string]: Json; id: number }[] {
  return Array.isArray(v) && v.length > 0 && v.every((x) => isObject(x) && typeof x.id === 'number');
}

function equal(a: Json | undefined, b: Json | undefined): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function walk(before: Json | undefined, after: Json | undefined, path: Step[], out: FieldChange[]): void {
  if (equal(before, after)) return;
  if (isObject(before) && isObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
      walk(before[key], after[key], [...path, key], out);
    }
    return;
  }
  const lists = [before, after].filter((v) => Array.isArray(v));
  const byId = lists.length > 0 && lists.every((v) => (v as Json[]).length === 0 || isStatementList(v));
  if (byId && (before === undefined || Array.isArray(before)) && (after === undefined || Array.isArray(after))) {
    const items = (v: Json | undefined) =>
      new Map(((v as { id: number }[] | undefined) ?? []).map((x) => [x.id, x as Json]));
    const a = items(before);
    const b = items(after);
    for (const id of new Set([...a.keys(), ...b.keys()])) walk(a.get(id), b.get(id), [...path, { id }], out);
    // A list whose statements only changed places: one change of the whole order.
    const order = (m: Map<number, Json>) => [...m.keys()].filter((id) => a.has(id) && b.has(id));
    if (!equal(order(a), order(b))) out.push({ path: [...path, '#order'], before: order(a), after: order(b) });
    return;
  }
  out.push({ path, before, after });
}

/** The fields that differ between two documents (null: no record), in document order. */
export function diffDocuments(before: Doc | null, after: Doc | null): FieldChange[] {
  const out: FieldChange[] = [];
  walk(before ?? undefined, after ?? undefined, [], out);
  return out;
}

/** `names[#12].surname`: how a path reads on a history page and in the API. */
export function formatPath(path: readonly Step[]): string {
  return path.map((s, i) => (typeof s === 'string' ? `${i > 0 ? '.' : ''}${s}` : `[#${s.id}]`)).join('');
}

/** Whether two paths touch the same data: one is the other or lies within it. */
export function overlaps(a: readonly Step[], b: readonly Step[]): boolean {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (typeof x === 'string' ? x !== y : typeof y === 'string' || x?.id !== y?.id) {
      // Two statements' places in a list and a statement of it: the order change touches the list.
      return x === '#order' || y === '#order';
    }
  }
  return true;
}

/**
 * A copy of `doc` with each change's `before` value put back (undoing the changes) or its `after`
 * value put in (redoing them). A statement that comes back goes to where it stood.
 */
export function applyChanges(doc: Doc, changes: readonly FieldChange[], direction: 'before' | 'after'): Doc {
  const out = structuredClone(doc) as Doc;
  for (const change of changes) {
    const value = change[direction];
    const last = change.path[change.path.length - 1];
    let parent: Json | undefined = out;
    for (let i = 0; i < change.path.length - 1; i++) {
      const step = change.path[i] as Step;
      if (typeof step !== 'string') {
        parent = Array.isArray(parent) ? parent.find((x) => isObject(x) && x.id === step.id) : undefined;
      } else if (isObject(parent)) {
        if (parent[step] === undefined) parent[step] = typeof change.path[i + 1] === 'string' ? {} : [];
        parent = parent[step];
      } else {
        parent = undefined;
      }
    }
    if (last === '#order' && Array.isArray(parent) && Array.isArray(value)) {
      const rank = new Map((value as number[]).map((id, i) => [id, i]));
      parent.sort((x, y) => (rank.get((x as { id: number }).id) ?? 0) - (rank.get((y as { id: number }).id) ?? 0));
    } else if (typeof last === 'string' && isObject(parent)) {
      if (value === undefined) delete parent[last];
      else parent[last] = structuredClone(value);
    } else if (last !== undefined && typeof last !== 'string' && Array.isArray(parent)) {
      const at = parent.findIndex((x) => isObject(x) && x.id === last.id);
      if (value === undefined) {
        if (at >= 0) parent.splice(at, 1);
      } else if (at >= 0) {
        parent[at] = structuredClone(value);
      } else {
        parent.push(structuredClone(value));
      }
    }
  }
  return out;
}
