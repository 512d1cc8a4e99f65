import { COMPARISONS, type Comparison, type ComparisonName, type DatePrecision } from './comparisons.ts';

/*
 * The Fellegi–Sunter model: for each comparison level, m (how often a true match shows it) and u
 * (how often two different people do); a pair's match weight is the prior's log-odds plus
 * log2(m/u) of each comparison's level, a missing value adding nothing. u comes from random pairs
 * of the archive, m from expectation–maximisation over candidate pairs, both starting from the
 * priors below and pulled towards them where data are few. Agreement on a name is adjusted by the
 * name's frequency in the archive: Houtermans agreeing weighs more than Müller or Иванович.
 */

export type Probabilities = { [C in ComparisonName]: Partial<Record<string, number>> };

export interface ModelParams {
  /** Share of candidate pairs that are true matches: what expectation–maximisation starts from. */
  lambda: number;
  m: Probabilities;
  u: Probabilities;
}

/** One comparison's part of a match weight, as the editor's waterfall shows it. */
export interface WeightPart {
  comparison: ComparisonName | 'prior';
  level: string;
  weight: number;
  detail?: string;
}

// biome-ignore format: the priors read best as a table
export const PRIORS: ModelParams = {
  lambda: 0.05,
  m: {
    surname: { exact: 0.55, variant: 0.05, translit: 0.22, phonetic: 0.08, near: 0.07, different: 0.03 },
    given: { exact: 0.45, variant: 0.2, translit: 0.12, phonetic: 0.05, near: 0.05, initial: 0.05, different: 0.08 },
    patronymic: { exact: 0.4, variant: 0.1, translit: 0.15, phonetic: 0.1, near: 0.1, different: 0.15 },
    birth: { day: 0.4, month: 0.05, year: 0.3, 'year±1': 0.15, 'year±3': 0.05, different: 0.05 },
    birthPlace: { same: 0.75, different: 0.25 },
    arrest: { day: 0.45, month: 0.15, year: 0.25, different: 0.15 },
    death: { day: 0.45, month: 0.15, year: 0.25, different: 0.15 },
  },
  u: {
    surname: { exact: 0.002, variant: 0.0005, translit: 0.004, phonetic: 0.02, near: 0.01, different: 0.9635 },
    given: { exact: 0.03, variant: 0.02, translit: 0.02, phonetic: 0.05, near: 0.03, initial: 0.05, different: 0.8 },
    patronymic: { exact: 0.03, variant: 0.01, translit: 0.02, phonetic: 0.05, near: 0.03, different: 0.86 },
    birth: { day: 0.0001, month: 0.0008, year: 0.03, 'year±1': 0.06, 'year±3': 0.12, different: 0.7891 },
    birthPlace: { same: 0.02, different: 0.98 },
    arrest: { day: 0.002, month: 0.01, year: 0.2, different: 0.788 },
    death: { day: 0.002, month: 0.01, year: 0.2, different: 0.788 },
  },
};

/** How far estimates lean on the priors: as many pseudo-pairs as this. */
const PRIOR_PAIRS = 20;
const FLOOR = 1e-6;

/** The name comparisons whose agreement is adjusted by the name's frequency, and the levels it applies to. */
const TF_LEVELS = new Set(['exact', 'variant', 'translit']);
const TF_COMPARISONS = new Set<ComparisonName>(['surname', 'given', 'patronymic']);

/**
 * The share of the archive's persons whose names have each compared name word (surname, given
 * names, patronymic), as the caller counted them; absent where not counted.
 */
export type TermFrequencies = Partial<Record<ComparisonName, number>>;

/**
 * What is known of a pair before comparing it: a list row names at most one of the archive's
 * persons, and only some rows name anyone in it. A row names a given person with probability
 * `inArchive / persons`, and no one with `1 − inArchive`; the prior odds of the pair are set
 * against the latter, so that a candidate's probability among the row's others is its odds over
 * one plus the sum of all the candidates' odds (Splink's λ over all pairs, for one-to-many linkage).
 */
export interface PairPrior {
  persons: number;
  /** Share of rows that name someone the archive holds. */
  inArchive: number;
}

const log2 = (x: number) => Math.log(x) / Math.LN2;

/** A pair's match weight and each comparison's part of it. */
export function matchWeight(
  params: ModelParams,
  comparison: Comparison,
  frequencies: TermFrequencies = {},
  prior: PairPrior | null = null,
): { weight: number; parts: WeightPart[] } {
  const odds = prior
    ? prior.inArchive / ((1 - prior.inArchive) * Math.max(1, prior.persons))
    : params.lambda / (1 - params.lambda);
  const parts: WeightPart[] = [{ comparison: 'prior', level: 'prior', weight: log2(odds) }];
  const floor = prior ? 1 / Math.max(1, prior.persons) : FLOOR;
  for (const name of Object.keys(COMPARISONS) as ComparisonName[]) {
    const { level, detail, precision } = comparison[name];
    if (level === 'missing') continue;
    const m = conditioned(params.m[name], level, precision);
    let u = conditioned(params.u[name], level, precision);
    const tf = frequencies[name];
    // Term frequency: agreeing on a name that many have is that much likelier by chance; Splink
    // uses the value's own share where it is known, here never below one person in the archive.
    if (tf !== undefined && TF_COMPARISONS.has(name) && TF_LEVELS.has(level)) u = Math.max(tf, floor);
    parts.push({ comparison: name, level, weight: log2(Math.max(m, FLOOR) / Math.max(u, FLOOR)), detail });
  }
  return { weight: parts.reduce((s, p) => s + p.weight, 0), parts };
}

/** The date levels a pair compared to a precision cannot show (comparisons.ts, compareDates). */
const UNREACHABLE: Record<DatePrecision, ReadonlySet<string>> = {
  year: new Set(['day', 'month', 'missing']),
  month: new Set(['day', 'year', 'missing']),
  day: new Set(['year', 'missing']),
};

/**
 * A level's probability among the levels the pair could show: dates compared to the year only (a
 * list giving years) never agree to the day, so a year agreeing there is likelier, for a true
 * match, than the share of all pairs the estimate counts (m of the year 0.3 of all, 0.55 of the
 * levels a year can reach). Names, and dates without a precision, take the level as estimated.
 */
function conditioned(levels: Partial<Record<string, number>>, level: string, precision?: DatePrecision): number {
  const p = levels[level] ?? FLOOR;
  if (precision === undefined) return p;
  const out = UNREACHABLE[precision];
  let reachable = 0;
  for (const [l, q] of Object.entries(levels)) if (!out.has(l)) reachable += q ?? 0;
  return reachable > 0 ? p / reachable : p;
}

/** The probability a match weight stands for. */
export function probabilityOf(weight: number): number {
  return 1 / (1 + 2 ** -weight);
}

/** Level shares among pairs, pulled towards `prior` by PRIOR_PAIRS pseudo-pairs; missing levels left out. */
function shares(
  pairs: readonly Partial<Comparison>[],
  weights: readonly number[],
  prior: Probabilities,
): Probabilities {
  const out = {} as Probabilities;
  for (const name of Object.keys(COMPARISONS) as ComparisonName[]) {
    const counts: Record<string, number> = {};
    let total = 0;
    pairs.forEach((p, i) => {
      const level = p[name]?.level;
      if (level === undefined || level === 'missing') return;
      const w = weights[i] ?? 1;
      counts[level] = (counts[level] ?? 0) + w;
      total += w;
    });
    const levels: Record<string, number> = {};
    for (const level of COMPARISONS[name]) {
      if (level === 'missing') continue;
      const p = prior[name][level] ?? FLOOR;
      levels[level] = ((counts[level] ?? 0) + PRIOR_PAIRS * p) / (total + PRIOR_PAIRS);
    }
    out[name] = levels;
  }
  return out;
}

/**
 * u from pairs of different persons drawn at random from the archive; a comparison a pair leaves
 * out is not counted (dates are compared over far more pairs than names, see fitModel).
 */
export function estimateU(randomPairs: readonly Partial<Comparison>[], prior: ModelParams = PRIORS): Probabilities {
  return shares(
    randomPairs,
    randomPairs.map(() => 1),
    prior.u,
  );
}

/** The comparisons whose m the archive's own second names, and a list's own rows, can teach: the names'. */
const NAME_COMPARISONS: readonly ComparisonName[] = ['surname', 'given', 'patronymic'];

/** `base` with the name comparisons' m taken from `learned`. */
function namesFrom(base: Probabilities, learned: Probabilities): Probabilities {
  const out = { ...base };
  for (const name of NAME_COMPARISONS) out[name] = learned[name];
  return out;
}

/**
 * m of the name comparisons from labelled pairs: each of a person's names compared, as a list row
 * would give it, with the rest of their record, which is a true match by construction (a
 * transliteration, a clerk's spelling, a party or birth name). Dates and places keep the priors'
 * m: a person compared with their own record agrees on every date, which says nothing of how
 * lists write them.
 */
export function estimateNameM(labelled: readonly Comparison[], prior: ModelParams = PRIORS): Probabilities {
  const learned = shares(
    labelled,
    labelled.map(() => 1),
    prior.m,
  );
  return namesFrom(prior.m, learned);
}

/**
 * m and the match share by expectation–maximisation over candidate pairs, u kept fixed (as
 * Splink does once u is estimated from random pairs). Returns the fitted model.
 */
export function estimateM(
  candidatePairs: readonly Comparison[],
  start: ModelParams,
  options: { iterations?: number; tolerance?: number } = {},
): ModelParams {
  let params = start;
  const iterations = options.iterations ?? 25;
  for (let i = 0; i < iterations; i++) {
    const posteriors = candidatePairs.map((p) => probabilityOf(matchWeight(params, p).weight));
    const total = posteriors.reduce((s, x) => s + x, 0);
    const lambda = Math.min(
      0.5,
      Math.max(1e-4, (total + PRIOR_PAIRS * start.lambda) / (candidatePairs.length + PRIOR_PAIRS)),
    );
    const m = shares(candidatePairs, posteriors, start.m);
    const change = Math.abs(lambda - params.lambda);
    params = { lambda, m, u: params.u };
    if (change < (options.tolerance ?? 1e-5)) break;
  }
  return params;
}

/** One candidate pair of a list row: how it compares, and how common the names it agrees on are. */
export interface RowPair {
  comparison: Comparison;
  frequencies: TermFrequencies;
}

/** The bounds of the share of a list's rows in the archive that a fit may find. */
const IN_ARCHIVE_BOUNDS = [0.02, 0.98] as const;

/**
 * m of the name comparisons and the share of rows that name someone in the archive, fitted to a
 * list's own rows by expectation–maximisation, u kept as the archive gave it. Each row names one
 * of its candidates or no one (one to many, unlike Splink's pairs): the E step gives each
 * candidate its probability against the row's other candidates and against no one; the M step
 * counts each name level by those probabilities, and the share by how likely each row is to name
 * anyone. Both are pulled towards where they start by PRIOR_PAIRS pseudo-rows, so that a short
 * list moves them little. The candidates must be all a row has that count (a row with none counts
 * as naming no one).
 *
 * Dates and places keep their m: EM learns a level from the rows it already believes, so a level
 * that is weak evidence (a birth year one off) loses the rows that show it and grows weaker each
 * round. Fitted to 1,000 rows of the synthetic list, m of a year one off fell from 0.15 to 0.07
 * (the list has 0.15) and m of a different birth place from 0.25 to 0.04, and precision at the
 * suggestion threshold fell from 0.998 to 0.992 (docs/linkage.md).
 */
export function estimateFromRows(
  rows: readonly (readonly RowPair[])[],
  start: ModelParams,
  prior: PairPrior,
  options: { iterations?: number; tolerance?: number } = {},
): { params: ModelParams; inArchive: number; iterations: number } {
  let params = start;
  let inArchive = prior.inArchive;
  let iteration = 0;
  while (iteration < (options.iterations ?? 30)) {
    iteration++;
    const pairs: Comparison[] = [];
    const weights: number[] = [];
    let named = 0;
    for (const row of rows) {
      const odds = row.map(
        (p) => 2 ** matchWeight(params, p.comparison, p.frequencies, { ...prior, inArchive }).weight,
      );
      const total = 1 + odds.reduce((s, o) => s + o, 0);
      row.forEach((p, i) => {
        pairs.push(p.comparison);
        weights.push((odds[i] as number) / total);
      });
      named += 1 - 1 / total;
    }
    const next = Math.min(
      IN_ARCHIVE_BOUNDS[1],
      Math.max(IN_ARCHIVE_BOUNDS[0], (named + PRIOR_PAIRS * prior.inArchive) / (rows.length + PRIOR_PAIRS)),
    );
    params = { ...params, m: namesFrom(start.m, shares(pairs, weights, start.m)) };
    const change = Math.abs(next - inArchive);
    inArchive = next;
    if (change < (options.tolerance ?? 1e-4)) break;
  }
  return { params, inArchive, iterations: iteration };
}
