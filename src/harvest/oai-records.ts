import { dataLicence, licenceLine } from '../archive/data-licence.ts';
import type { Db } from '../db/connection.ts';
import { messages } from '../i18n/i18n.ts';
import {
  listLifeEvents,
  listPersonSummaries,
  listPersonTexts,
  listPublishedPersonStamps,
} from '../persons/person-index.repository.ts';
import { listSourceStamps, listSourcesByIds } from '../sources/source.repository.ts';
import { archivalReference } from '../sources/source-view.ts';
import type { OaiSet } from './oai-request.ts';

/** A record as OAI-PMH sends it: its change time and its Dublin Core elements in order. */
export interface DcRecord {
  set: OaiSet;
  id: number;
  /** `YYYY-MM-DD HH:MM:SS`, as stored. */
  changed: string;
  dc: [element: string, value: string][];
}

const en = messages('en');

/** Records of a set after an id, changed in a period: what a list request harvests. */
export function listStamps(
  db: Db,
  set: OaiSet,
  page: { afterId: number; limit: number; from?: string; until?: string },
): Promise<{ id: number; updated_at: string }[]> {
  return set === 'persons' ? listPublishedPersonStamps(db, page) : listSourceStamps(db, page);
}

/** The public record of the set with the id, with when it last changed; undefined when none. */
export async function recordStamp(db: Db, set: OaiSet, id: number) {
  const [first] = await listStamps(db, set, { afterId: id - 1, limit: 1 });
  return first?.id === id ? first : undefined;
}

/**
 * The Dublin Core of published persons: name, biography, life dates as coverage, fate as
 * subject. Read in batches for a whole response, not one person at a time.
 */
async function personRecords(db: Db, ids: number[], origin: string): Promise<DcRecord[]> {
  const [people, lives, texts] = await Promise.all([
    listPersonSummaries(db, ids),
    listLifeEvents(db, ids),
    listPersonTexts(db, ids),
  ]);
  return people.map((p) => {
    const life = lives.filter((e) => e.person_id === p.id);
    const born = life.find((e) => e.type === 'birth')?.date_edtf;
    const died = life.find((e) => e.type !== 'birth')?.date_edtf;
    const bio = texts.find((t) => t.person_id === p.id && t.lang === 'en') ?? texts.find((t) => t.person_id === p.id);
    const dc: DcRecord['dc'] = [['title', p.display_name]];
    if (bio) dc.push(['description', bio.biography]);
    if (p.fate) dc.push(['subject', en.fates[p.fate as keyof typeof en.fates] ?? p.fate]);
    if (born || died) dc.push(['coverage', `${born ?? ''}/${died ?? ''}`]);
    dc.push(['type', 'Text'], ['identifier', `${origin}/persons/${p.id}`]);
    if (bio) dc.push(['language', bio.lang]);
    return { set: 'persons' as const, id: p.id, changed: '', dc };
  });
}

const SOURCE_TYPES: Record<string, string> = { interview: 'Sound', web: 'InteractiveResource' };

/** The Dublin Core of sources: title, authors, date, publisher, archival reference, address. */
async function sourceRecords(db: Db, ids: number[], origin: string): Promise<DcRecord[]> {
  return (await listSourcesByIds(db, ids)).map((s) => {
    const dc: DcRecord['dc'] = [['title', s.title]];
    for (const author of (s.authors ?? '').split(';').map((a) => a.trim())) if (author) dc.push(['creator', author]);
    if (s.note) dc.push(['description', s.note]);
    if (s.publisher) dc.push(['publisher', s.publisher]);
    if (s.date_edtf) dc.push(['date', s.date_edtf]);
    dc.push(['type', SOURCE_TYPES[s.kind] ?? 'Text'], ['identifier', `${origin}/sources/${s.id}`]);
    if (s.url) dc.push(['identifier', s.url]);
    if (s.archive || s.fond) dc.push(['source', archivalReference(s)]);
    if (s.language) dc.push(['language', s.language]);
    if (s.parent_id) dc.push(['relation', `${origin}/sources/${s.parent_id}`]);
    return { set: 'sources' as const, id: s.id, changed: s.updated_at, dc };
  });
}

/** The Dublin Core records of ids of a set, in the order of the ids, with rights and publisher. */
export async function loadDcRecords(
  db: Db,
  set: OaiSet,
  stamps: { id: number; updated_at: string }[],
  origin: string,
): Promise<DcRecord[]> {
  const ids = stamps.map((s) => s.id);
  const records = set === 'persons' ? await personRecords(db, ids, origin) : await sourceRecords(db, ids, origin);
  const byId = new Map(records.map((r) => [r.id, r]));
  const rights = licenceLine(dataLicence());
  return stamps.flatMap((s) => {
    const r = byId.get(s.id);
    if (!r) return [];
    return [{ ...r, changed: s.updated_at, dc: [...r.dc, ['publisher', en.site.name], ['rights', rights]] }];
  });
}
