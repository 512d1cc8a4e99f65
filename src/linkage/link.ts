import type { Storage } from '../db/connection.ts';
import { archiveVersion } from '../db/engine.ts';
import { analyzeNameParts, KIND_STRENGTH } from '../names/name-keys.ts';
import type { ScoringTerm } from '../names/name-match.ts';
import { token } from '../search/index/search-doc.ts';
import type { TokenGroups } from '../search/index/search-index.ts';
import { searchIndexFor } from '../search/index/search-index-for.ts';
import { type Comparison, compare } from './comparisons.ts';
import {
  estimateM,
  estimateU,
  type ModelParams,
  matchWeight,
  PRIORS,
  probabilityOf,
  type TermFrequencies,
} from './model.ts';
import { type LinkRecord, loadPersonRecords, type PersonRecord, rowRecord } from './records.ts';

/*
 * Record linkage of list rows to persons (and of persons to each other, for duplicates): candidates
 * from the name index (blocking), each compared with the row comparison by comparison, weighed by
 * a Fellegi–Sunter model fitted to the archive itself (model.ts). The machine suggests; a person
 * decides (src/lists/).
 */

/** One comparison's contribution to a candidate's match weight: a bar of the evidence waterfall. */
export interface LinkEvidence {
  comparison: string;
  level: string;
  weight: number;
  detail?: string;
}

export interface LinkCandidate {
  personId: number;
  /** The Fellegi–Sunter match weight (log2 of the odds). */
  weight: number;
  probability: number;
  evidence: LinkEvidence[];
}

export interface RowForLinkage {
  id: number;
  cells: Record<string, string>;
  /** Column key → role (surname, given, patronymic, name, birth, birth_place, arrest, death …). */
  roles: Record<string, string>;
}

/**
 * Match weights at and above which a row is linked as suggested (odds 100 to 1), and above which
 * it goes to review (1 to 4); checked on `npm run eval:linkage` (docs/linkage.md).
 */
export const THRESHOLDS = { suggest: Math.log2(100), review: -2 };
/** The share of a list's rows taken to name someone the archive holds (the prior, see model.ts). */
const IN_ARCHIVE = 0.5;

export async function linkageThresholds(_storage: Storage): Promise<{ suggest: number; review: number }> {
  return THRESHOLDS;
}

/** Candidates read from the index per query, best documented first. */
const BLOCK_LIMIT = 40;
/** Persons drawn for the model's u (random pairs) and m (the archive's own second names). */
const U_PAIRS = 3_000;
const M_PERSONS = 1_000;
/** Names this common or more all weigh alike: the count stops here. */
const FREQUENCY_CAP = 20_000;

function spellingGroup(terms: readonly ScoringTerm[], upTo: number): string[] {
  return [
    ...new Set(terms.flatMap((t) => t.keys.filter((k) => KIND_STRENGTH[k.kind] <= upTo).map((k) => token(k.key)))),
  ];
}

/** The index queries that find a row's candidates: surname with given name, surname alone, then by sound. */
function blockingQueries(record: LinkRecord): TokenGroups[] {
  const surname = record.terms.filter((t) => t.role === 'surname');
  const given = record.terms.filter((t) => t.role === 'given');
  const unknown = record.terms.filter((t) => t.role === 'unknown');
  const spell = KIND_STRENGTH.translit;
  const sound = KIND_STRENGTH.phonetic;
  const queries: TokenGroups[] = [];
  if (surname.length > 0) {
    const s = spellingGroup(surname, spell);
    if (given.length > 0) queries.push([s, spellingGroup(given.slice(0, 1), spell)]);
    queries.push([s], [spellingGroup(surname, sound)]);
  } else {
    // A name written in one cell: every pair of its words, then each word, by spelling.
    const words = [...unknown, ...given];
    for (let i = 0; i < words.length; i++)
      for (let j = i + 1; j < words.length; j++)
        queries.push([spellingGroup([words[i]!], spell), spellingGroup([words[j]!], spell)]);
    for (const w of words) queries.push([spellingGroup([w], spell)]);
  }
  return queries.filter((q) => q.every((g) => g.length > 0));
}

/** Candidate persons of a row: the union of its blocking queries' best documented matches. */
async function block(storage: Storage, record: LinkRecord): Promise<number[]> {
  const index = searchIndexFor(storage);
  const ids = new Set<number>();
  for (const groups of blockingQueries(record)) {
    if (ids.size >= BLOCK_LIMIT) break;
    for (const hit of await index.match(groups, BLOCK_LIMIT, { selective: true })) ids.add(hit.id);
  }
  return [...ids];
}

/** The row's view of a person: their name (one of them) as a list would give it, and their dates. */
function asRow(p: PersonRecord, nameIndex: number): LinkRecord {
  const n = p.names[nameIndex] ?? p.names[0];
  const terms = n
    ? analyzeNameParts({ surname: n.surname, given: n.given, patronymic: n.patronymic, full: n.full_name }).map(
        (t) => ({ ...t, fuzzy: [] as string[] }),
      )
    : [];
  return { terms, birth: p.birth, birthPlace: p.birthPlace, arrest: p.arrest, death: p.death };
}

/** Share of persons whose names have a spelling of each of the row's compared name words. */
async function frequencies(storage: Storage, record: LinkRecord, persons: number, memo: Map<string, number>) {
  const index = searchIndexFor(storage);
  const out: TermFrequencies = {};
  for (const [comparison, role] of [
    ['surname', 'surname'],
    ['given', 'given'],
    ['patronymic', 'patronymic'],
  ] as const) {
    const term = record.terms.find((t) => t.role === role);
    if (!term) continue;
    let count = memo.get(term.text);
    if (count === undefined) {
      const group = spellingGroup([term], KIND_STRENGTH.translit);
      count = group.length > 0 ? await index.count([group], FREQUENCY_CAP, { selective: true }) : 0;
      memo.set(term.text, count);
    }
    out[comparison] = Math.max(count, 1) / Math.max(persons, 1);
  }
  return out;
}

interface Fitted {
  version: string | null;
  params: ModelParams;
  persons: number;
}

let fitted: Fitted | null = null;

/** The model fitted to the archive as it is: u from random pairs, m by EM over its persons' second names. */
export async function modelFor(storage: Storage): Promise<{ params: ModelParams; persons: number }> {
  const version = await archiveVersion(storage.db);
  if (fitted && fitted.version === version) return fitted;
  const { params, persons } = await fitModel(storage);
  fitted = { version, params, persons };
  return fitted;
}

async function personCount(storage: Storage): Promise<{ count: number; maxId: number }> {
  const row = await storage.db
    .selectFrom('search_docs')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('person_id').as('max')])
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), maxId: Number(row.max ?? 0) };
}

/** Ids spread evenly over the id range (deterministic, so that a fit can be repeated). */
function spread(maxId: number, n: number, offset: number): number[] {
  if (maxId <= 0) return [];
  const step = Math.max(1, Math.floor(maxId / n));
  const out: number[] = [];
  for (let id = 1 + (offset % step); id <= maxId && out.length < n; id += step) out.push(id);
  return out;
}

/** Fits the model to the archive (see modelFor). */
export async function fitModel(storage: Storage): Promise<{ params: ModelParams; persons: number }> {
  const { count, maxId } = await personCount(storage);
  const sample = await loadPersonRecords(storage.db, spread(maxId, U_PAIRS * 2, 0));
  const people = [...sample.values()];
  const random: Comparison[] = [];
  for (let i = 0; i + 1 < people.length; i += 2) random.push(compare(asRow(people[i]!, 0), people[i + 1]!));
  const u = estimateU(random);
  // The archive's own second names (as written in a list, a transliteration) linked back to their
  // persons: the pairs EM learns m from, among the other candidates each finds.
  const pairs: Comparison[] = [];
  const withSecondName = people.filter((p) => p.names.length > 1).slice(0, M_PERSONS);
  for (const p of withSecondName) {
    const row = asRow(p, p.names.length - 1);
    const candidates = await loadPersonRecords(storage.db, await block(storage, row));
    for (const c of candidates.values()) pairs.push(compare(row, c));
  }
  const start: ModelParams = { ...PRIORS, u };
  return { params: pairs.length > 0 ? estimateM(pairs, start) : start, persons: count };
}

/** Compares records with their candidates and weighs each pair; best first, `limit` each. */
async function rank(
  storage: Storage,
  records: { id: number; record: LinkRecord; exclude?: number }[],
  limit: number,
): Promise<Map<number, LinkCandidate[]>> {
  const { params, persons } = await modelFor(storage);
  const memo = new Map<string, number>();
  const out = new Map<number, LinkCandidate[]>();
  const BATCH = 200;
  for (let i = 0; i < records.length; i += BATCH) {
    const batch = records.slice(i, i + BATCH);
    const blocked = new Map<number, number[]>();
    for (const r of batch)
      blocked.set(
        r.id,
        (await block(storage, r.record)).filter((id) => id !== r.exclude),
      );
    const people = await loadPersonRecords(storage.db, [...blocked.values()].flat());
    for (const r of batch) {
      const tf = await frequencies(storage, r.record, persons, memo);
      const ranked: LinkCandidate[] = [];
      for (const id of blocked.get(r.id) ?? []) {
        const person = people.get(id);
        if (!person) continue;
        const { weight, parts } = matchWeight(params, compare(r.record, person), tf, {
          persons,
          inArchive: IN_ARCHIVE,
        });
        ranked.push({
          personId: id,
          weight,
          probability: probabilityOf(weight),
          evidence: parts.map((p) => ({
            comparison: p.comparison,
            level: p.level,
            weight: p.weight,
            detail: p.detail,
          })),
        });
      }
      out.set(r.id, ranked.sort((a, b) => b.weight - a.weight || a.personId - b.personId).slice(0, limit));
    }
  }
  return out;
}

/** Candidates for each row, best first; `weight` is the Fellegi–Sunter match weight (log2). */
export async function candidatesForRows(
  storage: Storage,
  rows: RowForLinkage[],
  options: { limit?: number } = {},
): Promise<Map<number, LinkCandidate[]>> {
  const records = rows.map((r) => ({ id: r.id, record: rowRecord(r.cells, r.roles) }));
  return rank(storage, records, options.limit ?? 5);
}

/** Likely duplicates of a person in the archive: other persons, compared by each of their names. */
export async function candidatesForPerson(
  storage: Storage,
  personId: number,
  options: { limit?: number } = {},
): Promise<LinkCandidate[]> {
  const person = (await loadPersonRecords(storage.db, [personId])).get(personId);
  if (!person) return [];
  const records = person.names.map((_, i) => ({ id: i, record: asRow(person, i), exclude: personId }));
  const byName = await rank(storage, records, options.limit ?? 5);
  const best = new Map<number, LinkCandidate>();
  for (const list of byName.values())
    for (const c of list) if ((best.get(c.personId)?.weight ?? -Infinity) < c.weight) best.set(c.personId, c);
  return [...best.values()].sort((a, b) => b.weight - a.weight).slice(0, options.limit ?? 5);
}
