import type { Db, Storage } from '../db/connection.ts';
import { NotFoundError } from '../errors.ts';
import { listNames } from '../persons/person.repository.ts';
import { listLifeEvents } from '../persons/person-index.repository.ts';
import type { LinkEvidenceItem } from '../sources/list-row.ts';
import type { ListColumn } from '../sources/source.rows.ts';
import { type Linkage, requireLinkage } from './linkage.ts';
import {
  countRowStates,
  findList,
  findRowAt,
  listColumnsOf,
  listLinkedPersons,
  listPersonNames,
  listRowLinks,
  listRowPage,
  ROW_STATES,
  type RowState,
} from './list.repository.ts';
import { findFileOfList } from './list-file.repository.ts';

/*
 * The page models of a list's working pages: the list with each row's state and how much of it
 * is linked, the review of one row against its candidates, and two lists compared.
 */

export const LIST_ROWS_PER_PAGE = 100;
/** States a row waits for a person's decision in. */
export const TO_REVIEW: readonly RowState[] = ['suggested', 'review', 'unsure'];

export interface RowLinkView {
  personId: number;
  name: string;
  status: string;
  weight: number | null;
}

export interface ListPage {
  id: number;
  title: string;
  status: string;
  asOf: string | null;
  columns: ListColumn[];
  counts: Record<RowState, number>;
  total: number;
  /** Rows linked by a suggested or confirmed link. */
  linked: number;
  file: { name: string; size: number; sha256: string } | null;
  filter: RowState | null;
  offset: number;
  /** Rows matching the filter. */
  matching: number;
  rows: {
    id: number;
    position: number;
    folio: string | null;
    cells: Record<string, string>;
    state: RowState;
    links: RowLinkView[];
  }[];
}

async function listOrThrow(db: Db, id: number) {
  const list = await findList(db, id);
  if (!list || list.status === 'removed') throw new NotFoundError(`list ${id}`);
  return list;
}

function linkViews(links: Awaited<ReturnType<typeof listRowLinks>>, rowId: number): RowLinkView[] {
  return links
    .filter((l) => l.row_id === rowId)
    .map((l) => ({ personId: l.person_id, name: l.display_name, status: l.status, weight: l.weight }));
}

export async function getListPage(
  db: Db,
  id: number,
  options: { filter?: RowState | null; offset?: number } = {},
): Promise<ListPage> {
  const list = await listOrThrow(db, id);
  const filter = options.filter ?? null;
  const offset = options.offset ?? 0;
  const [counts, rows, file] = await Promise.all([
    countRowStates(db, id),
    listRowPage(db, id, { offset, limit: LIST_ROWS_PER_PAGE, states: filter ? [filter] : undefined }),
    findFileOfList(db, id),
  ]);
  const links = await listRowLinks(
    db,
    rows.map((r) => r.id),
  );
  const total = ROW_STATES.reduce((n, s) => n + counts[s], 0);
  return {
    id,
    title: list.title,
    status: list.status,
    asOf: list.as_of,
    columns: listColumnsOf(list),
    counts,
    total,
    linked: counts.confirmed + counts.suggested,
    file: file ? { name: file.name, size: Number(file.size), sha256: file.sha256 } : null,
    filter,
    offset,
    matching: filter ? counts[filter] : total,
    rows: rows.map((r) => ({
      id: r.id,
      position: r.position,
      folio: r.folio,
      cells: JSON.parse(r.cells) as Record<string, string>,
      state: r.state,
      links: linkViews(links, r.id),
    })),
  };
}

/** A candidate for a row, with what the archive says of them and why the machine proposes them. */
export interface CandidateView {
  personId: number;
  name: string;
  /** Their names as recorded (other spellings, aliases). */
  names: string[];
  born: string | null;
  died: string | null;
  birthPlace: string | null;
  /** The row's link to them, if it has one. */
  status: string | null;
  weight: number | null;
  evidence: LinkEvidenceItem[];
}

export interface ReviewPage {
  list: { id: number; title: string; columns: ListColumn[] };
  row: { id: number; position: number; folio: string | null; cells: Record<string, string>; note: string | null };
  candidates: CandidateView[];
  /** The review queue around this row. */
  previous: number | null;
  next: number | null;
  waiting: number;
  /** The machine could be asked for candidates (record linkage is in this build). */
  linkage: boolean;
}

/** Candidates for one row: its links, then the machine's fresh candidates (where it has any). */
async function candidatesOf(
  storage: Storage,
  linkage: Linkage,
  row: { id: number; cells: string },
  columns: ListColumn[],
) {
  const stored = await listRowLinks(storage.db, [row.id]);
  const fresh =
    (
      await linkage.candidatesForRows(
        storage,
        [
          {
            id: row.id,
            cells: JSON.parse(row.cells) as Record<string, string>,
            roles: Object.fromEntries(columns.flatMap((c) => (c.role ? [[c.key, c.role]] : []))),
          },
        ],
        { limit: 5 },
      )
    ).get(row.id) ?? [];
  const out = new Map<
    number,
    { status: string | null; weight: number | null; evidence: LinkEvidenceItem[]; name: string }
  >();
  for (const l of stored) {
    out.set(l.person_id, {
      status: l.status,
      weight: l.weight,
      evidence: l.evidence ? (JSON.parse(l.evidence) as LinkEvidenceItem[]) : [],
      name: l.display_name,
    });
  }
  for (const c of fresh) {
    const known = out.get(c.personId);
    if (known && known.evidence.length > 0) continue;
    out.set(c.personId, {
      status: known?.status ?? null,
      weight: c.weight,
      evidence: c.evidence,
      name: known?.name ?? '',
    });
  }
  // Rejected ones last; the others by weight, those without one (picked by hand) first.
  return [...out.entries()].sort(([, a], [, b]) => {
    const rank = (x: typeof a) => (x.status === 'rejected' ? 1 : 0);
    return rank(a) - rank(b) || (b.weight ?? Number.POSITIVE_INFINITY) - (a.weight ?? Number.POSITIVE_INFINITY);
  });
}

export async function getReviewPage(storage: Storage, listId: number, position: number | null): Promise<ReviewPage> {
  const db = storage.db;
  const list = await listOrThrow(db, listId);
  const columns = listColumnsOf(list);
  const queue = (after: number, limit: number) =>
    listRowPage(db, listId, { offset: 0, limit, states: TO_REVIEW, afterPosition: after });
  const at = position ?? (await queue(0, 1))[0]?.position ?? 1;
  const row = await findRowAt(db, listId, at);
  if (!row) throw new NotFoundError(`row ${at} of list ${listId}`);
  const linkage = await requireLinkage();
  const candidates = await candidatesOf(storage, linkage, row, columns);
  const ids = candidates.map(([id]) => id);
  const [names, persons, lives] = await Promise.all([
    Promise.all(ids.map((id) => listNames(db, id))),
    listPersonNames(db, ids),
    listLifeEvents(db, ids),
  ]);
  const counts = await countRowStates(db, listId);
  const earlier = await db
    .selectFrom('list_rows')
    .select('position')
    .where('source_id', '=', listId)
    .where('position', '<', at)
    .where('status', '=', 'published')
    .orderBy('position', 'desc')
    .limit(1)
    .executeTakeFirst();
  return {
    list: { id: listId, title: list.title, columns },
    row: {
      id: row.id,
      position: row.position,
      folio: row.folio,
      cells: JSON.parse(row.cells) as Record<string, string>,
      note: row.note,
    },
    candidates: candidates.map(([personId, c], i) => {
      const life = lives.filter((e) => e.person_id === personId);
      const birth = life.find((e) => e.type === 'birth');
      const death = life.find((e) => e.type !== 'birth');
      return {
        personId,
        name: persons.find((p) => p.id === personId)?.display_name ?? c.name,
        names: (names[i] ?? []).map((n) => n.full_name ?? [n.given, n.patronymic, n.surname].filter(Boolean).join(' ')),
        born: birth?.date_edtf ?? null,
        died: death?.date_edtf ?? null,
        birthPlace: birth?.place_text ?? null,
        status: c.status,
        weight: c.weight,
        evidence: c.evidence,
      };
    }),
    previous: earlier?.position ?? null,
    next: (await queue(at, 1))[0]?.position ?? null,
    waiting: TO_REVIEW.reduce((n, s) => n + counts[s], 0),
    linkage: linkage !== null,
  };
}

export interface ComparePage {
  a: { id: number; title: string; unlinked: number; total: number };
  b: { id: number; title: string; unlinked: number; total: number };
  both: { personId: number; name: string; inA: number[]; inB: number[] }[];
  onlyA: { personId: number; name: string; rows: number[] }[];
  onlyB: { personId: number; name: string; rows: number[] }[];
}

/** Persons on both lists, on one only, and the rows of each still unlinked. */
export async function getComparePage(db: Db, aId: number, bId: number): Promise<ComparePage> {
  const [a, b] = await Promise.all([listOrThrow(db, aId), listOrThrow(db, bId)]);
  const [inA, inB, countsA, countsB] = await Promise.all([
    listLinkedPersons(db, aId),
    listLinkedPersons(db, bId),
    countRowStates(db, aId),
    countRowStates(db, bId),
  ]);
  const group = (rows: { person_id: number; position: number }[]) => {
    const m = new Map<number, number[]>();
    for (const r of rows) m.set(r.person_id, [...(m.get(r.person_id) ?? []), r.position]);
    return m;
  };
  const byA = group(inA);
  const byB = group(inB);
  const names = new Map(
    (await listPersonNames(db, [...new Set([...byA.keys(), ...byB.keys()])])).map((p) => [p.id, p]),
  );
  const sortName = (id: number) => names.get(id)?.sort_name ?? '';
  const name = (id: number) => names.get(id)?.display_name ?? `#${id}`;
  const order = (ids: number[]) => ids.sort((x, y) => sortName(x).localeCompare(sortName(y)));
  const total = (c: Record<RowState, number>) => ROW_STATES.reduce((n, s) => n + c[s], 0);
  const unlinked = (c: Record<RowState, number>) => total(c) - c.confirmed - c.suggested;
  return {
    a: { id: aId, title: a.title, unlinked: unlinked(countsA), total: total(countsA) },
    b: { id: bId, title: b.title, unlinked: unlinked(countsB), total: total(countsB) },
    both: order([...byA.keys()].filter((id) => byB.has(id))).map((id) => ({
      personId: id,
      name: name(id),
      inA: byA.get(id) ?? [],
      inB: byB.get(id) ?? [],
    })),
    onlyA: order([...byA.keys()].filter((id) => !byB.has(id))).map((id) => ({
      personId: id,
      name: name(id),
      rows: byA.get(id) ?? [],
    })),
    onlyB: order([...byB.keys()].filter((id) => !byA.has(id))).map((id) => ({
      personId: id,
      name: name(id),
      rows: byB.get(id) ?? [],
    })),
  };
}
