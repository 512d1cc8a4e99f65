import type { Client, Reply } from './client.ts';

/*
 * Reads a form out of a page as a browser would submit it, for HTTP tests that open an edit page,
 * change a field and send it back: inputs with their values (checked boxes only), textareas and
 * the selected option of each select, in document order. Enough for the markup this app writes.
 */

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", '#x27': "'" };
const decode = (s: string) => s.replace(/&(amp|lt|gt|quot|#39|#x27);/g, (_, e: string) => ENTITIES[e] ?? _);

function attributes(tag: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of tag.matchAll(/([\w:-]+)(?:="([^"]*)")?/g)) out.set(m[1]!.toLowerCase(), decode(m[2] ?? ''));
  return out;
}

/** The fields of the first form whose opening tag matches `which`, as [name, value] pairs. */
export function formEntries(html: string, which: RegExp = /class="edit-form"/): [string, string][] {
  const start = [...html.matchAll(/<form\b[^>]*>/g)].find((m) => which.test(m[0]));
  if (!start) throw new Error(`no form matching ${which}`);
  const body = html.slice(start.index! + start[0].length, html.indexOf('</form>', start.index));
  const out: [number, string, string][] = [];
  for (const m of body.matchAll(/<input\b([^>]*)>/g)) {
    const a = attributes(m[1]!);
    const type = a.get('type') ?? 'text';
    const name = a.get('name');
    if (!name || type === 'submit' || type === 'button') continue;
    if ((type === 'checkbox' || type === 'radio') && !a.has('checked')) continue;
    out.push([m.index!, name, a.get('value') ?? (type === 'checkbox' ? 'on' : '')]);
  }
  for (const m of body.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) {
    const name = attributes(m[1]!).get('name');
    if (name) out.push([m.index!, name, decode(m[2]!)]);
  }
  for (const m of body.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const name = attributes(m[1]!).get('name');
    if (!name) continue;
    const options = [...m[2]!.matchAll(/<option\b([^>]*)>/g)].map((o) => attributes(o[1]!));
    const chosen = options.find((o) => o.has('selected')) ?? options[0];
    out.push([m.index!, name, chosen?.get('value') ?? '']);
  }
  return out.sort((x, y) => x[0] - y[0]).map(([, name, value]) => [name, value]);
}

/** The form's fields with some replaced (or added), by name. */
export function withFields(entries: [string, string][], changes: Record<string, string>): [string, string][] {
  const out = entries.map(([k, v]): [string, string] => [k, k in changes ? changes[k]! : v]);
  for (const [k, v] of Object.entries(changes)) if (!entries.some(([name]) => name === k)) out.push([k, v]);
  return out;
}

/** Sends form fields (names may repeat) as a browser does. */
export function postEntries(client: Client, path: string, entries: [string, string][]): Promise<Reply> {
  return client.request(path, {
    method: 'POST',
    body: new URLSearchParams(entries).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  });
}
