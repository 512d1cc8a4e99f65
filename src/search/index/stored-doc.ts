import type { StoredName } from '../../names/name-match.ts';

export interface FacetCount {
  value: string;
  count: number;
}

export function sorted(rows: { value: string | null; n: number | string | bigint }[]): FacetCount[] {
  return rows
    .filter((r): r is { value: string; n: number } => r.value !== null)
    .map((r) => ({ value: r.value, count: Number(r.n) }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/**
 * What a search reads of a candidate besides the index: the names it scores and the values its
 * facets count. The indexer keeps one per search document, so that ranking 300 candidates reads
 * 300 rows instead of names, roles and events across five tables.
 */
export interface StoredDoc {
  names: StoredName[];
  fate: string | null;
  sex: string;
  roles: string[];
  /** Types of the person's events, each once; deprecated statements left out. */
  eventTypes: string[];
}

export interface Facets {
  fate: FacetCount[];
  role: FacetCount[];
  sex: FacetCount[];
  event: FacetCount[];
}

type PackedName = [
  full: string,
  given: string | null,
  surname: string | null,
  patronymic: string | null,
  kind: string,
  lang: string | null,
  rank: string,
];

interface Packed {
  n: PackedName[];
  f: string | null;
  x: string;
  r: string[];
  e: string[];
}

/** Compact JSON: at millions of documents every byte of it is stored millions of times. */
export function packStoredDoc(d: StoredDoc): string {
  const packed: Packed = {
    n: d.names.map((n) => [n.full_name, n.given, n.surname, n.patronymic, n.kind, n.lang, n.rank]),
    f: d.fate,
    x: d.sex,
    r: d.roles,
    e: [...new Set(d.eventTypes)],
  };
  return JSON.stringify(packed);
}

export function unpackStoredDoc(text: string): StoredDoc {
  const p = JSON.parse(text) as Packed;
  return {
    names: p.n.map(([full_name, given, surname, patronymic, kind, lang, rank]) => ({
      full_name,
      given,
      surname,
      patronymic,
      kind,
      lang,
      rank,
    })),
    fate: p.f,
    sex: p.x,
    roles: p.r,
    eventTypes: p.e,
  };
}

/** Facet counts over the given persons: each person counts once per value. */
export function countStoredFacets(docs: Iterable<StoredDoc>): Facets {
  const counters = {
    fate: new Map<string, number>(),
    role: new Map<string, number>(),
    sex: new Map<string, number>(),
    event: new Map<string, number>(),
  };
  const add = (m: Map<string, number>, v: string | null) => {
    if (v !== null) m.set(v, (m.get(v) ?? 0) + 1);
  };
  for (const d of docs) {
    add(counters.fate, d.fate);
    add(counters.sex, d.sex);
    for (const r of new Set(d.roles)) add(counters.role, r);
    for (const e of new Set(d.eventTypes)) add(counters.event, e);
  }
  const rows = (m: Map<string, number>) => sorted([...m].map(([value, n]) => ({ value, n })));
  return { fate: rows(counters.fate), role: rows(counters.role), sex: rows(counters.sex), event: rows(counters.event) };
}
