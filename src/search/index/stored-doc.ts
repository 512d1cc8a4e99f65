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
  /**
   * What a list of results shows of the person's life (lifeOf); undefined in a document written
   * before it was kept, whose reader then looks it up.
   */
  life?: StoredLife;
}

/** Birth, and death or execution, as a list of results shows them: the main accounts, earliest first. */
export interface StoredLife {
  born: string | null;
  died: string | null;
  birthPlaceId: number | null;
  /** The place as the source writes it, shown when no place is linked. */
  birthPlaceText: string | null;
  /** The birth's earliest day: the place is named as it was called then. */
  birthDateMin: string | null;
  /**
   * The earliest arrest, for record linkage (lists give arrest dates); undefined in a document
   * written before it was kept, whose reader then looks it up.
   */
  arrested?: string | null;
}

/** A life of which nothing is known. */
function unknownLife(): StoredLife {
  return { born: null, died: null, birthPlaceId: null, birthPlaceText: null, birthDateMin: null, arrested: null };
}

/** The events a life is read from: a person's own, main accounts (not another source's variant). */
export interface LifeEvent {
  type: string;
  role: string;
  date_edtf: string | null;
  date_min: string | null;
  place_id: number | null;
  place_text: string | null;
  variant_of: number | null;
}

/**
 * The life dates of a person's events: the earliest birth, the earliest death or execution and
 * the earliest arrest of the events whose subject they are, a dated one before an undated one.
 */
export function lifeOf(events: readonly LifeEvent[]): StoredLife {
  const life = unknownLife();
  const own = events
    .filter((e) => e.role === 'subject' && e.variant_of === null && (LIFE_TYPES.has(e.type) || e.type === 'arrest'))
    .sort((a, b) => (a.date_min ?? UNDATED).localeCompare(b.date_min ?? UNDATED));
  life.arrested = own.find((e) => e.type === 'arrest')?.date_edtf ?? null;
  const birth = own.find((e) => e.type === 'birth');
  if (birth) {
    life.born = birth.date_edtf;
    life.birthPlaceId = birth.place_id;
    life.birthPlaceText = birth.place_text;
    life.birthDateMin = birth.date_min;
  }
  life.died = own.find((e) => LIFE_TYPES.has(e.type) && e.type !== 'birth')?.date_edtf ?? null;
  return life;
}

const LIFE_TYPES = new Set(['birth', 'death', 'execution']);
/** Sorts after every ISO date. */
const UNDATED = '\uffff';

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

type PackedLife = [
  born: string | null,
  died: string | null,
  birthPlaceId: number | null,
  birthPlaceText: string | null,
  birthDateMin: string | null,
  /** Absent in a document written before arrests were kept. */
  arrested?: string | null,
];

interface Packed {
  n: PackedName[];
  f: string | null;
  x: string;
  r: string[];
  e: string[];
  /**
   * The life (1 when nothing of it is known; 0 in a document written before arrests were kept);
   * absent in a document written before it was kept.
   */
  l?: PackedLife | 0 | 1;
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
  if (d.life) {
    const { born, died, birthPlaceId, birthPlaceText, birthDateMin } = d.life;
    const arrested = d.life.arrested ?? null;
    const known = [born, died, birthPlaceId, birthPlaceText, birthDateMin, arrested].some((v) => v !== null);
    packed.l = known ? [born, died, birthPlaceId, birthPlaceText, birthDateMin, arrested] : 1;
  }
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
    ...(p.l === undefined ? {} : { life: unpackLife(p.l) }),
  };
}

function unpackLife(l: PackedLife | 0 | 1): StoredLife {
  if (l === 1) return unknownLife();
  if (l === 0) {
    const { arrested: _unknown, ...life } = unknownLife();
    return life;
  }
  const [born, died, birthPlaceId, birthPlaceText, birthDateMin, arrested] = l;
  return { born, died, birthPlaceId, birthPlaceText, birthDateMin, ...(arrested === undefined ? {} : { arrested }) };
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
