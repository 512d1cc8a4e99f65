import { formatEdtf } from '../dates/edtf.ts';
import type { Storage } from '../db/connection.ts';
import { fill, type Lang, label, messages } from '../i18n/i18n.ts';
import { type CountryRef, placeGeography } from '../maps/place-geography.ts';
import { listOrganizationNames } from '../organizations/organization.repository.ts';
import { organizationLabel } from '../organizations/organization-label.ts';
import { FATES } from '../persons/person.ts';
import { listPlaceNames } from '../places/place.repository.ts';
import { groupNames, placeLabel } from '../places/place-label.ts';
import { tallyFacts } from '../search/facts/fact-tally.ts';
import { type FactName, NO_PLACE, SENTENCE_KINDS, UNKNOWN } from '../search/facts/person-facts.ts';
import type { SearchFilters } from '../search/names/person-search.service.ts';
import { searchPersons } from '../search/names/search-persons.ts';

export const CHARTS = [
  'fate',
  'arrest-year',
  'handover-month',
  'origin',
  'age',
  'sentence-type',
  'sentence-body',
  'death-place',
] as const;
export type ChartId = (typeof CHARTS)[number];

export interface ChartRow {
  /** The value as the data has it (a fate, a year, a place id…): the CSV's first column. */
  key: string;
  label: string;
  n: number;
  /** "Not known": drawn apart from the known values. */
  unknown?: boolean;
  /** The person search narrowed to this value, where a filter says it (a query string). */
  filter?: Record<string, string>;
}

export interface Chart {
  id: ChartId;
  /** Columns along time, or bars for categories. */
  shape: 'columns' | 'bars';
  /** What is counted: persons, or sentences (a person sentenced twice counts twice). */
  unit: 'persons' | 'sentences';
  rows: ChartRow[];
  /** Persons of the search with nothing to count here (never arrested, no death recorded…). */
  without: number;
}

export interface Statistics {
  persons: number;
  capped: boolean;
  charts: Chart[];
}

const FACTS: readonly FactName[] = [
  'fate',
  'arrest_year',
  'handover_month',
  'origin',
  'age_at_arrest',
  'sentences',
  'death_place',
];

/** Categories shown one by one at most; the rest are summed as "others". */
const TOP = 15;
/** Ages at arrest are counted in spans of this many years, from FIRST_AGE (younger ones together) to LAST_AGE (older ones together). */
const AGE_SPAN = 5;
const FIRST_AGE = 20;
const LAST_AGE = 65;
/** Months between the first and last handover drawn one by one at most; a wider spread is drawn as dated. */
const MAX_MONTHS = 240;

const sum = (m: Map<string, number> | undefined) => [...(m ?? [])].reduce((n, [, v]) => n + v, 0);

/** The largest `TOP` rows, and the rest as one row. */
function top(rows: ChartRow[], otherLabel: (n: number) => string): ChartRow[] {
  const sorted = [...rows].sort((a, b) => b.n - a.n || a.label.localeCompare(b.label));
  if (sorted.length <= TOP + 1) return sorted;
  const rest = sorted.slice(TOP);
  return [
    ...sorted.slice(0, TOP),
    { key: 'other', label: otherLabel(rest.length), n: rest.reduce((n, r) => n + r.n, 0), unknown: true },
  ];
}

/** Years or months from the first to the last, each once, with the unknown values after them. */
function timeline(
  counts: Map<string, number>,
  known: RegExp,
  next: (v: string) => string,
  limit: number,
): { known: [string, number][]; rest: [string, number][] } {
  const dated = [...counts].filter(([v]) => known.test(v)).sort(([a], [b]) => a.localeCompare(b));
  const rest = [...counts].filter(([v]) => !known.test(v)).sort(([a], [b]) => a.localeCompare(b));
  if (dated.length === 0) return { known: [], rest };
  const out: [string, number][] = [];
  const last = (dated.at(-1) as [string, number])[0];
  for (let v = (dated[0] as [string, number])[0]; out.length <= limit; v = next(v)) {
    out.push([v, counts.get(v) ?? 0]);
    if (v >= last) return { known: out, rest };
  }
  return { known: dated, rest };
}

const nextYear = (y: string) => String(Number(y) + 1).padStart(4, '0');
const nextMonth = (m: string) => {
  const y = Number(m.slice(0, 4));
  const mo = Number(m.slice(5, 7));
  return mo === 12 ? `${String(y + 1).padStart(4, '0')}-01` : `${m.slice(0, 4)}-${String(mo + 1).padStart(2, '0')}`;
};

/**
 * The statistics of a search of the person index (every filter applies; no filter: the whole
 * archive), counted from the facts kept with the name index (src/search/facts): only published
 * persons, no deprecated statement. Labels are in the reader's language.
 */
export async function getStatistics(
  storage: Storage,
  params: SearchFilters & { q?: string },
  lang: Lang,
): Promise<Statistics> {
  const t = messages(lang);
  const s = t.statistics;
  const { set, capped } = await searchPersons(storage, params);
  const tally = await tallyFacts(storage.db, set, FACTS);
  const of = (fact: FactName) => tally.counts.get(fact) ?? new Map<string, number>();
  const persons = tally.persons;
  const others = (n: number) => fill(s.others, { n });

  const fates = of('fate');
  const fate: Chart = {
    id: 'fate',
    shape: 'bars',
    unit: 'persons',
    rows: FATES.filter((f) => fates.has(f)).map((f) => ({
      key: f,
      label: label(t.fates, f),
      n: fates.get(f) ?? 0,
      filter: { fate: f },
    })),
    without: persons - sum(fates),
  };

  const eventFilter = (event: string, period: string) =>
    params.event === undefined || params.event === event ? { filter: { event, from: period, to: period } } : {};
  const years = timeline(of('arrest_year'), /^\d{4}$/, nextYear, 200);
  const arrestYear: Chart = {
    id: 'arrest-year',
    shape: 'columns',
    unit: 'persons',
    rows: [
      ...years.known.map(([y, n]) => ({ key: y, label: y, n, ...eventFilter('arrest', y) })),
      ...years.rest.map(([, n]) => ({ key: UNKNOWN, label: s.yearUnknown, n, unknown: true })),
    ],
    without: persons - sum(of('arrest_year')),
  };

  const months = timeline(of('handover_month'), /^\d{4}-\d{2}$/, nextMonth, MAX_MONTHS);
  const handoverMonth: Chart = {
    id: 'handover-month',
    shape: 'columns',
    unit: 'persons',
    rows: [
      ...months.known.map(([m, n]) => ({ key: m, label: formatEdtf(m, lang), n, ...eventFilter('handover', m) })),
      ...months.rest.map(([v, n]) => ({
        key: v,
        label: v === UNKNOWN ? s.dateUnknown : fill(s.monthUnknown, { year: v }),
        n,
        unknown: true,
      })),
    ],
    without: persons - sum(of('handover_month')),
  };

  const ages = new Map<string, number>();
  let ageUnknown = 0;
  for (const [v, n] of of('age_at_arrest')) {
    if (v === UNKNOWN) {
      ageUnknown += n;
      continue;
    }
    const age = Math.min(LAST_AGE, Math.max(FIRST_AGE - AGE_SPAN, Math.floor(Number(v) / AGE_SPAN) * AGE_SPAN));
    ages.set(String(age), (ages.get(String(age)) ?? 0) + n);
  }
  const ageRows: ChartRow[] = [];
  for (let a = FIRST_AGE - AGE_SPAN; a <= LAST_AGE; a += AGE_SPAN) {
    const text =
      a < FIRST_AGE
        ? fill(s.ageUnder, { age: FIRST_AGE })
        : a >= LAST_AGE
          ? fill(s.ageOver, { age: LAST_AGE })
          : `${a}–${a + AGE_SPAN - 1}`;
    ageRows.push({ key: String(a), label: text, n: ages.get(String(a)) ?? 0 });
  }
  if (ageUnknown > 0) ageRows.push({ key: UNKNOWN, label: s.ageUnknown, n: ageUnknown, unknown: true });
  const age: Chart = {
    id: 'age',
    shape: 'columns',
    unit: 'persons',
    rows: sum(of('age_at_arrest')) > 0 ? ageRows : [],
    without: persons - sum(of('age_at_arrest')),
  };

  // Sentences: each person's distinct (kind, body) pairs.
  const kinds = new Map<string, number>();
  const bodies = new Map<string, number>();
  let sentenced = 0;
  for (const [combo, n] of of('sentences')) {
    sentenced += n;
    for (const pair of combo.split('|')) {
      const [kind = 'unspecified', body = ''] = pair.split('@');
      kinds.set(kind, (kinds.get(kind) ?? 0) + n);
      bodies.set(body, (bodies.get(body) ?? 0) + n);
    }
  }
  const sentenceType: Chart = {
    id: 'sentence-type',
    shape: 'bars',
    unit: 'sentences',
    rows: SENTENCE_KINDS.filter((k) => kinds.has(k)).map((k) => ({
      key: k,
      label: label(s.sentenceKinds, k),
      n: kinds.get(k) ?? 0,
      unknown: k === 'unspecified' || k === 'other',
    })),
    without: persons - sentenced,
  };

  const geography = await placeGeography(storage.db);
  const orgIds = [...bodies.keys()].filter((b) => b !== '').map(Number);
  const deathPlaces = [...of('death_place').keys()].filter((v) => v !== NO_PLACE).map(Number);
  const origins = new Map<string, { label: string; n: number }>();
  const birthPlaces: number[] = [];
  const countries = new Map<number, CountryRef | null>();
  for (const v of of('origin').keys()) {
    if (!v.startsWith('p:')) continue;
    const id = Number(v.slice(2));
    const country = geography.country(id);
    countries.set(id, country);
    if (country && 'placeId' in country) birthPlaces.push(country.placeId);
  }
  const [orgNames, placeNames] = await Promise.all([
    listOrganizationNames(storage.db, orgIds),
    listPlaceNames(storage.db, [...new Set([...deathPlaces, ...birthPlaces])]).then(groupNames),
  ]);

  const regions = new Intl.DisplayNames([lang], { type: 'region' });
  const regionName = (code: string) => {
    try {
      return regions.of(code) ?? code;
    } catch {
      return code;
    }
  };
  for (const [v, n] of of('origin')) {
    let key: string;
    let text: string;
    if (v.startsWith('c:')) {
      key = v;
      text = fill(s.citizenship, { value: v.slice(2) });
    } else {
      const country = countries.get(Number(v.slice(2))) ?? null;
      if (country && 'code' in country) {
        key = `country:${country.code}`;
        text = fill(s.bornIn, { country: regionName(country.code) });
      } else if (country) {
        key = `place:${country.placeId}`;
        text = fill(s.bornIn, { country: placeLabel(placeNames.get(country.placeId) ?? [], lang).name });
      } else {
        key = UNKNOWN;
        text = s.countryUnknown;
      }
    }
    const known = origins.get(key);
    origins.set(key, { label: text, n: (known?.n ?? 0) + n });
  }
  const origin: Chart = {
    id: 'origin',
    shape: 'bars',
    unit: 'persons',
    rows: top(
      [...origins].map(([key, o]) => ({ key, label: o.label, n: o.n, unknown: key === UNKNOWN })),
      others,
    ),
    without: persons - sum(of('origin')),
  };

  const sentenceBody: Chart = {
    id: 'sentence-body',
    shape: 'bars',
    unit: 'sentences',
    rows: top(
      [...bodies].map(([b, n]) =>
        b === ''
          ? { key: '', label: s.bodyUnnamed, n, unknown: true }
          : {
              key: b,
              label: organizationLabel(
                orgNames.filter((o) => o.organization_id === Number(b)),
                lang,
              ).name,
              n,
              ...(params.organization === undefined ? { filter: { organization: b, event: 'sentence' } } : {}),
            },
      ),
      others,
    ),
    without: persons - sentenced,
  };

  const deathPlace: Chart = {
    id: 'death-place',
    shape: 'bars',
    unit: 'persons',
    rows: top(
      [...of('death_place')].map(([v, n]) =>
        v === NO_PLACE
          ? { key: v, label: s.placeUnknown, n, unknown: true }
          : {
              key: v,
              label: placeLabel(placeNames.get(Number(v)) ?? [], lang).name,
              n,
              ...(params.place === undefined ? { filter: { place: v } } : {}),
            },
      ),
      others,
    ),
    without: persons - sum(of('death_place')),
  };

  return {
    persons,
    capped,
    charts: [fate, arrestYear, handoverMonth, origin, age, sentenceType, sentenceBody, deathPlace],
  };
}
