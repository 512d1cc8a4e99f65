/**
 * Form fields named by path (`names.0.surname`, `roles`) as the nested document they describe:
 * numbered steps make lists, a field given several times (checkboxes) makes a list of values.
 * Paths that would reach into a prototype are dropped.
 */
export function nestFormFields(entries: Iterable<[string, string | string[]]>): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [name, value] of entries) {
    const steps = name.split('.');
    if (steps.some((s) => s === '' || s === '__proto__' || s === 'constructor' || s === 'prototype')) continue;
    if (steps.length > 8) continue;
    let node: Record<string, unknown> | unknown[] = root;
    for (let i = 0; i < steps.length; i++) {
      const step = steps[i] as string;
      const last = i === steps.length - 1;
      const key: string | number = /^\d{1,4}$/.test(step) ? Number(step) : step;
      const container = node as Record<string | number, unknown>;
      if (last) {
        container[key] = value;
        break;
      }
      if (typeof container[key] !== 'object' || container[key] === null) {
        container[key] = /^\d{1,4}$/.test(steps[i + 1] as string) ? [] : {};
      }
      node = container[key] as Record<string, unknown> | unknown[];
    }
  }
  return compactLists(root) as Record<string, unknown>;
}

/** Lists with holes (a removed entry's number left out) closed up, in number order. */
function compactLists(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((v) => v !== undefined).map(compactLists);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compactLists(v)]));
  }
  return value;
}

/** The id a form field gets from its path: `names.0.surname` → `f-names-0-surname`. */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9_-]/g, '-')}`;
}
