import { formatEdtf } from '../dates/edtf.ts';
import type { Db } from '../db/connection.ts';
import { type Lang, label, messages } from '../i18n/i18n.ts';
import type { RecordType } from '../revisions/revision.ts';
import { listEventRefs } from './reference.repository.ts';
import { loadReferences, type RefTarget, refKey } from './references.ts';

/** Names records of any kind, drafts and removed ones included, for history and change lists: `type:id` → name. */
export async function recordLabels(
  db: Db,
  records: readonly { type: RecordType; id: number }[],
  lang: Lang,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const others = records.filter((r) => r.type !== 'event');
  const refs = await loadReferences(
    db,
    others.map((r) => ({ path: '', target: r.type as RefTarget, id: r.id })),
    lang,
  );
  for (const r of others) {
    const row = refs.get(refKey(r.type as RefTarget, r.id));
    if (row) out.set(`${r.type}:${r.id}`, row.label);
  }
  const t = messages(lang);
  const events = await listEventRefs(db, [...new Set(records.filter((r) => r.type === 'event').map((r) => r.id))]);
  for (const e of events) out.set(`event:${e.id}`, eventLabel(e.type, e.date_edtf, lang, t.eventTypes));
  return out;
}

/** "arrest, 20 November 1937": what an event is called where it has no name. */
export function eventLabel(type: string, date: string | null, lang: Lang, types: Record<string, string>): string {
  const what = label(types, type);
  return date ? `${what}, ${formatEdtf(date, lang)}` : what;
}
