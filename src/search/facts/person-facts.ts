/*
 * What the maps and statistics count of one person, derived from their records the way the name
 * index is: only published, unmerged persons are indexed (drafts never count), and deprecated
 * statements are left out before anything here sees them. Each fact is one text value per person
 * (or none), so that the same values can be counted for the whole archive in a table and for any
 * search in memory (fact-columns.ts).
 */

export const FACTS = [
  'fate',
  'arrest_year',
  'handover_month',
  'origin',
  'age_at_arrest',
  'sentences',
  'birth_place',
  'arrest_place',
  'custody_place',
  'handover_place',
  'death_place',
] as const;
export type FactName = (typeof FACTS)[number];
export type Facts = Record<FactName, string | null>;

/** The facts whose values are place ids: the places of a life a map can show. */
export const PLACE_FACTS = ['birth_place', 'arrest_place', 'custody_place', 'handover_place', 'death_place'] as const;
export type PlaceFact = (typeof PLACE_FACTS)[number];

/** The count of fact_counts that counts the indexed persons themselves (value ''). */
export const INDEXED = 'indexed';

/** A value standing for "it happened, but the source does not say when (or where)". */
export const UNKNOWN = '?';
/** The death_place of a person known to have died at a place no source names. */
export const NO_PLACE = '0';

/** One of the person's events that is no deprecated statement, in any role. */
export interface FactEvent {
  type: string;
  role: string;
  date_min: string | null;
  date_max: string | null;
  place_id: number | null;
  organization_id: number | null;
  /** The event's typed details as stored (JSON), for a sentence's penalty. */
  details: string | null;
}

export interface FactInput {
  fate: string | null;
  events: FactEvent[];
  /** Citizenship values stated for the person, best rank first, deprecated ones left out. */
  citizenships: string[];
}

export const SENTENCE_KINDS = ['death', 'camp', 'prison', 'exile', 'expulsion', 'other', 'unspecified'] as const;
export type SentenceKind = (typeof SENTENCE_KINDS)[number];

/** Words a penalty is written with in the sources' languages, by the kind they mean. */
const PENALTY_WORDS: [SentenceKind, RegExp][] = [
  ['death', /death|shoot|shot|execution|capital|расстрел|высш\w* мер|смерт|tod/i],
  ['camp', /camp|labou?r|itl\b|gulag|лагер|итл|lager/i],
  ['prison', /prison|penitentiary|zuchthaus|gefängnis|тюрьм|haft/i],
  ['exile', /exile|banish|ссылк|verbannung/i],
  ['expulsion', /expul|expel|deport|высылк|выдвор|ausweis|landesverweis/i],
];

/** What kind of sentence a sentence event's details describe. */
export function sentenceKind(details: string | null): SentenceKind {
  if (!details) return 'unspecified';
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(details) as Record<string, unknown>;
  } catch {
    return 'unspecified';
  }
  const penalty = parsed.penalty;
  if (typeof penalty !== 'string' || penalty.trim() === '') return 'unspecified';
  return PENALTY_WORDS.find(([, words]) => words.test(penalty))?.[0] ?? 'other';
}

/** The subject's events of some types, earliest first; undated ones after the dated. */
function firstOf(events: FactEvent[], types: ReadonlySet<string>): FactEvent | undefined {
  let best: FactEvent | undefined;
  for (const e of events) {
    if (e.role !== 'subject' || !types.has(e.type)) continue;
    if (!best || (e.date_min ?? '9999') < (best.date_min ?? '9999')) best = e;
  }
  return best;
}

const days = (iso: string) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10)));
const DAY_MS = 86_400_000;
/** Dates vaguer than this are too vague for an age. */
const AGE_SPAN_DAYS = 5 * 366;

/** The middle day of a dated event, when its date is close enough to reckon an age with. */
function middle(e: FactEvent | undefined): number | null {
  if (!e?.date_min || !e.date_max) return null;
  const from = days(e.date_min);
  const to = days(e.date_max);
  if (!Number.isFinite(from) || !Number.isFinite(to) || to - from > AGE_SPAN_DAYS * DAY_MS) return null;
  return (from + to) / 2;
}

/** 'YYYY' when the date lies within one year, UNKNOWN otherwise. */
function yearOf(e: FactEvent): string {
  const y = e.date_min?.slice(0, 4);
  return y && y === e.date_max?.slice(0, 4) ? y : UNKNOWN;
}

/** 'YYYY-MM' when the date lies within one month, 'YYYY' within one year, UNKNOWN otherwise. */
function monthOf(e: FactEvent): string {
  const m = e.date_min?.slice(0, 7);
  if (m && m === e.date_max?.slice(0, 7)) return m;
  return yearOf(e);
}

const placeOf = (e: FactEvent | undefined) => (e?.place_id ? String(e.place_id) : null);

const ARREST = new Set(['arrest']);
const HANDOVER = new Set(['handover']);
const BIRTH = new Set(['birth']);
const DEATH = new Set(['death', 'execution']);
const SENTENCE = new Set(['sentence']);
/** Where a person was held: the first of these is the custody a map shows. */
const CUSTODY = new Set(['imprisonment', 'camp', 'gestapo-custody', 'concentration-camp', 'ghetto']);

/** The facts of one person. */
export function personFacts(input: FactInput): Facts {
  const { events } = input;
  const arrest = firstOf(events, ARREST);
  const handover = firstOf(events, HANDOVER);
  const birth = firstOf(events, BIRTH);
  const death = firstOf(events, DEATH);
  let age: string | null = null;
  if (arrest) {
    const born = middle(birth);
    const arrested = middle(arrest);
    const years = born !== null && arrested !== null ? Math.floor((arrested - born) / (365.2425 * DAY_MS)) : -1;
    age = years >= 0 && years <= 110 ? String(years) : UNKNOWN;
  }
  const sentences = [
    ...new Set(
      events
        .filter((e) => e.role === 'subject' && SENTENCE.has(e.type))
        .map((e) => `${sentenceKind(e.details)}@${e.organization_id ?? ''}`),
    ),
  ].sort();
  const citizenship = input.citizenships.find((c) => c.trim() !== '');
  return {
    fate: input.fate,
    arrest_year: arrest ? yearOf(arrest) : null,
    handover_month: handover ? monthOf(handover) : null,
    origin: citizenship ? `c:${citizenship.trim()}` : birth?.place_id ? `p:${birth.place_id}` : null,
    age_at_arrest: age,
    sentences: sentences.length > 0 ? sentences.join('|') : null,
    birth_place: placeOf(birth),
    arrest_place: placeOf(arrest),
    custody_place: placeOf(firstOf(events, CUSTODY)),
    handover_place: placeOf(handover),
    death_place: death ? (placeOf(death) ?? NO_PLACE) : null,
  };
}

/** The separate values of a fact's value: a person's sentences are several, every other fact one. */
export function valuesOf(fact: FactName, value: string): string[] {
  return fact === 'sentences' ? value.split('|') : [value];
}
