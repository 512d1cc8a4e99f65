import type { Storage } from '../db/connection.ts';
import { archiveVersion } from '../db/engine.ts';
import { type RequestThread, startRequestThread } from '../db/request-thread.ts';
import { analyzeNameParts, KIND_STRENGTH } from '../names/name-keys.ts';
import { NameScorer, requiredTerms, type ScoringTerm } from '../names/name-match.ts';
import { editsOf } from '../names/spelling/edits.ts';
import { listKnownWords } from '../search/index/search-doc.repository.ts';
import { facetToken, token } from '../search/index/search-doc.ts';
import type { TokenGroups } from '../search/index/search-index.ts';
import { searchIndexFor } from '../search/index/search-index-for.ts';
import { type Comparison, compare, compareLife, LIFE_COMPARISONS } from './comparisons.ts';
import {
  estimateFromRows,
  estimateNameM,
  estimateU,
  type ModelParams,
  matchWeight,
  PRIORS,
  probabilityOf,
  type RowPair,
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
/**
 * The share of a list's rows taken to name someone the archive holds (the prior, see model.ts),
 * until a fit to the list's own rows says otherwise (fitToRows).
 */
const IN_ARCHIVE = 0.5;

export async function linkageThresholds(_storage: Storage): Promise<{ suggest: number; review: number }> {
  return THRESHOLDS;
}

/** Rows whose candidates are read together, and person records kept from batch to batch. */
const BATCH = 500;
const SHARED_BATCH = 125;
/** The kind of thread linkage.worker.ts answers for. */
export const LINKING_THREAD = 'fates-linkage';
const KEPT_RECORDS = 100_000;
/** Candidates read from the index per query, best documented first. */
const BLOCK_LIMIT = 40;
/** Persons drawn for the model's u (random pairs) and m (the archive's own second names). */
const U_PAIRS = 3_000;
const M_PERSONS = 1_000;
/** Persons whose dates and places are compared pair by pair for u (about half a million pairs). */
const LIFE_PERSONS = 1_000;
/** Names this common or more all weigh alike: the count stops here. */
const FREQUENCY_CAP = 20_000;

/** The index tokens of the words' keys up to a strength, and of their near spellings (typos) when asked. */
function spellingGroup(terms: readonly ScoringTerm[], upTo: number, near = true): string[] {
  return [
    ...new Set(
      terms.flatMap((t) => [
        ...t.keys.filter((k) => KIND_STRENGTH[k.kind] <= upTo).map((k) => token(k.key)),
        ...(near ? t.fuzzy.map(token) : []),
      ]),
    ),
  ];
}

/** Near spellings kept per word: as many as name search keeps. */
const MAX_NEAR_SPELLINGS = 20;
/** Edits looked up in the vocabulary per query. */
const EDITS_PER_QUERY = 5_000;

/**
 * Near spellings of the rows' name words that no stored name has (a typist's slip): the words of
 * the vocabulary one edit away, as name search finds them, read for a batch of rows at once.
 * The scorer counts a word meeting one of them as a near spelling (its `fuzzy` words).
 */
async function addNearSpellings(storage: Storage, records: readonly LinkRecord[]): Promise<void> {
  const words = new Set<string>();
  for (const r of records)
    for (const t of requiredTerms(r.terms)) if (t.text.length >= 4 && !/\d/.test(t.text)) words.add(t.text);
  if (words.size === 0) return;
  const known = await listKnownWords(storage.db, [...words]);
  const edits = new Map<string, string[]>();
  for (const w of words) if (!known.has(w)) edits.set(w, [...editsOf(w)]);
  const all = [...new Set([...edits.values()].flat())];
  const found = new Set<string>();
  for (let i = 0; i < all.length; i += EDITS_PER_QUERY)
    for (const w of await listKnownWords(storage.db, all.slice(i, i + EDITS_PER_QUERY))) found.add(w);
  for (const r of records)
    for (const t of r.terms)
      t.fuzzy = (edits.get(t.text) ?? [])
        .filter((e) => found.has(e))
        .sort()
        .slice(0, MAX_NEAR_SPELLINGS);
}

/** The index queries that find a row's candidates: surname with given name, surname alone, then both by sound. */
function blockingQueries(record: LinkRecord): TokenGroups[] {
  const surname = record.terms.filter((t) => t.role === 'surname');
  const given = record.terms.filter((t) => t.role === 'given');
  const unknown = record.terms.filter((t) => t.role === 'unknown');
  const spell = KIND_STRENGTH.translit;
  const sound = KIND_STRENGTH.phonetic;
  const queries: TokenGroups[] = [];
  if (surname.length > 0) {
    const s = spellingGroup(surname, spell);
    const g = given.length > 0 ? spellingGroup(given.slice(0, 1), spell) : null;
    if (g) queries.push([s, g]);
    queries.push([s]);
    // By sound, with the given name first: the sound-alikes of a surname born in one year are
    // many, and the index gives the best documented first, not the nearest.
    const heard = spellingGroup(surname, sound);
    if (g) queries.push([heard, g]);
    queries.push([heard]);
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

/** Birth years either side of a row's within which its candidates are looked for first. */
const BIRTH_SPREAD = 2;
/** Candidates born near the row's year read per query; namesakes born elsewhen do not take their places. */
const BORN_LIMIT = 60;
/**
 * Candidates a ring takes from its wider queries (the surname alone, its sound) once the row's
 * full name found someone in it: namesakes with another given name, born then. Filling the ring
 * with them up to BORN_LIMIT left no room for the persons of the full name born a year or two
 * off; on 2,000 rows of the evaluation, 10 put the right person among the candidates of 40 rows
 * more than 60 did, and 20% fewer candidates were compared.
 */
const WIDER = 10;
/**
 * Candidates of a row with a birth year read regardless of birth, so that a person whose birth the
 * archive lacks (or gives otherwise) can be among them.
 */
const UNDATED_LIMIT = 10;

/** The index's birth-year tokens of the years around a row's birth year. */
function birthFilter(record: LinkRecord): string[] | null {
  if (!record.birth) return null;
  const out: string[] = [];
  for (let y = record.birth.year - BIRTH_SPREAD; y <= record.birth.year + BIRTH_SPREAD; y++)
    out.push(facetToken.eventAnyYear('birth', String(y).padStart(4, '0')));
  return out;
}

/** Index answers already read for a batch of rows: rows of a list share surnames and queries. */
type BlockMemo = Map<string, Promise<number[]>>;

function matchOnce(
  storage: Storage,
  memo: BlockMemo,
  groups: TokenGroups,
  limit: number,
  filter: string[] | null,
): Promise<number[]> {
  const key = `${limit}\u0002${filter?.join(' ') ?? ''}\u0002${groups.map((g) => g.join(' ')).join('\u0001')}`;
  let hits = memo.get(key);
  if (!hits) {
    hits = searchIndexFor(storage)
      .match(groups, limit, { selective: true, ...(filter ? { filters: [filter] } : {}) })
      .then((found) => found.map((h) => h.id));
    memo.set(key, hits);
  }
  return hits;
}

/**
 * Candidate persons of a row: with a birth year, its name's matches born within BIRTH_SPREAD years
 * of it first, then a few regardless of birth; without one, its name's best documented matches.
 */
async function block(storage: Storage, record: LinkRecord, memo: BlockMemo = new Map()): Promise<number[]> {
  const ids = new Set<number>();
  const queries = blockingQueries(record);
  const born = birthFilter(record);
  if (born) {
    // Namesakes born in the very month (where the row gives one) and year first, so that those
    // born around then cannot crowd them out.
    const { year, month } = record.birth!;
    const rings = [[born[BIRTH_SPREAD]!], born];
    if (month !== undefined)
      rings.unshift([
        facetToken.eventMonth('birth', `${String(year).padStart(4, '0')}${String(month).padStart(2, '0')}`),
      ]);
    for (const filter of rings) {
      // How many the first query (surname with given name, where the row has both) found in this ring.
      let strongest = 0;
      for (const [i, groups] of queries.entries()) {
        if (ids.size >= BORN_LIMIT) break;
        const found = await matchOnce(storage, memo, groups, BORN_LIMIT, filter);
        if (i === 0) strongest = found.length;
        for (const id of i > 0 && strongest > 0 ? found.slice(0, WIDER) : found) ids.add(id);
      }
    }
  }
  const limit = born ? ids.size + UNDATED_LIMIT : BLOCK_LIMIT;
  for (const groups of queries) {
    if (ids.size >= limit) break;
    for (const id of await matchOnce(storage, memo, groups, born ? UNDATED_LIMIT : BLOCK_LIMIT, null)) ids.add(id);
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

/** How many persons' names have a spelling of each of the row's name words (counted once per word). */
async function countWords(storage: Storage, record: LinkRecord, memo: Map<string, number>): Promise<void> {
  const index = searchIndexFor(storage);
  for (const term of record.terms) {
    if (term.role === 'initial' || memo.has(term.text)) continue;
    const group = spellingGroup([term], KIND_STRENGTH.translit, false);
    memo.set(term.text, group.length > 0 ? await index.count([group], FREQUENCY_CAP, { selective: true }) : 0);
  }
}

/**
 * The share of the archive's persons having the row word that decided each name comparison, not
 * counting `own` persons the pair itself brings: the candidate, and for a duplicate the person the
 * row is made from. In a small archive the pair is a large part of the count (Houtermans twice
 * among twenty persons is no common name).
 */
function frequencies(
  comparison: Comparison,
  counts: Map<string, number>,
  persons: number,
  own: number,
): TermFrequencies {
  const out: TermFrequencies = {};
  for (const name of ['surname', 'given', 'patronymic'] as const) {
    const word = comparison[name].word;
    const count = word === undefined ? undefined : counts.get(word);
    if (count !== undefined) out[name] = Math.max(count - own, 0) / Math.max(persons, 1);
  }
  return out;
}

/** A model fitted to an archive, and how many persons it had. */
export interface LinkModel {
  params: ModelParams;
  persons: number;
  /** The share of a list's rows taken to name someone the archive holds (the prior, see model.ts). */
  inArchive: number;
}

interface Fitted extends LinkModel {
  version: string | null;
}

let fitted: Fitted | null = null;

/**
 * The model fitted to the archive as it is: u from random pairs, m of names from its persons'
 * second names. A linking run asks once and weighs all its rows with it: its own writes give the
 * archive a new version, and fitting again for every batch of rows took longer than linking them.
 */
export async function modelFor(storage: Storage): Promise<LinkModel> {
  const version = await archiveVersion(storage.db);
  if (fitted && fitted.version === version) return fitted;
  fitted = { version, ...(await fitModel(storage)) };
  return fitted;
}

async function personCount(storage: Storage): Promise<{ count: number; maxId: number }> {
  const row = await storage.db
    .selectFrom('search_docs')
    .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('person_id').as('max')])
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), maxId: Number(row.max ?? 0) };
}

function pick<T extends object, K extends keyof T>(from: T, keys: readonly K[]): Pick<T, K> {
  return Object.fromEntries(keys.map((k) => [k, from[k]])) as Pick<T, K>;
}

/** Ids spread evenly over the id range (deterministic, so that a fit can be repeated). */
function spread(maxId: number, n: number, offset: number): number[] {
  if (maxId <= 0) return [];
  const step = Math.max(1, Math.floor(maxId / n));
  const out: number[] = [];
  for (let id = 1 + (offset % step); id <= maxId && out.length < n; id += step) out.push(id);
  return out;
}

/**
 * Fits the model to the archive (see modelFor): u from random pairs of persons, m of the name
 * comparisons from labelled pairs, each name of a person with several compared with the rest of
 * their record (model.ts, estimateNameM).
 */
export async function fitModel(storage: Storage): Promise<LinkModel> {
  const { count, maxId } = await personCount(storage);
  const sample = await loadPersonRecords(storage.db, spread(maxId, U_PAIRS * 2, 0));
  const people = [...sample.values()];
  const random: Comparison[] = [];
  for (let i = 0; i + 1 < people.length; i += 2) random.push(compare(asRow(people[i]!, 0), people[i + 1]!));
  // A birth day two persons share by chance is rarer than one in the pairs above: dates and
  // places are compared over every pair of the sample's first persons instead.
  const life: Partial<Comparison>[] = [];
  const some = people.slice(0, LIFE_PERSONS);
  for (let i = 0; i < some.length; i++)
    for (let j = i + 1; j < some.length; j++) life.push(compareLife(some[i]!, some[j]!));
  const u = { ...estimateU(random), ...pick(estimateU(life), LIFE_COMPARISONS) };
  const labelled: Comparison[] = [];
  for (const p of people.filter((p) => p.names.length > 1).slice(0, M_PERSONS)) {
    for (let i = 0; i < p.names.length; i++)
      labelled.push(compare(asRow(p, i), { ...p, names: p.names.filter((_, j) => j !== i) }));
  }
  return { params: { ...PRIORS, u, m: estimateNameM(labelled) }, persons: count, inArchive: IN_ARCHIVE };
}

/**
 * The persons among a batch's candidates whose records must be read. Namesakes come back row after
 * row, so records read for earlier batches are kept, up to `bound`; past it all are let go, and
 * every candidate of the batch is read afresh (not only those never read).
 */
export function recordsToRead(kept: Map<number, unknown>, candidates: readonly number[], bound: number): number[] {
  const needed = [...new Set(candidates)];
  const unread = needed.filter((id) => !kept.has(id));
  if (kept.size + unread.length <= bound) return unread;
  kept.clear();
  return needed;
}

/** One candidate of a row, compared: what the model weighs. */
export interface ComparedCandidate extends RowPair {
  personId: number;
}

/** A record to link: a list row's, or one of a person's names for their duplicates (`exclude` them). */
export interface RecordToLink {
  id: number;
  record: LinkRecord;
  exclude?: number;
}

/** What one side of a linking run keeps from batch to batch: counts of name words, persons' records. */
export interface BatchState {
  counts: Map<string, number>;
  people: Map<number, PersonRecord>;
}

export function newBatchState(): BatchState {
  return { counts: new Map(), people: new Map() };
}

/** One batch of records to compare, as handed to the linking thread. */
export interface BatchRequest {
  records: RecordToLink[];
  persons: number;
  /**
   * The call the batch belongs to: the thread keeps what it read (records, counts) for one call
   * only, as this side does, so that a record changed between two calls is read again.
   */
  call: number;
}

/** Each record of a batch with its compared candidates, in the batch's order. */
export type BatchAnswer = [number, ComparedCandidate[]][];

/**
 * A second thread for comparing rows (linkage.worker.ts), kept for the calls of one linking run:
 * it takes some 3 s to start (loading the modules), which a run of several calls then pays once.
 */
export class LinkingThread {
  private calls = 0;

  private constructor(private readonly thread: RequestThread<BatchRequest, BatchAnswer>) {}

  /** Starts the thread; null where it cannot be (an archive in memory, no TypeScript loader). */
  static start(storage: Storage): LinkingThread | null {
    const thread = startRequestThread<BatchRequest, BatchAnswer>(
      storage,
      new URL('./linkage.worker.ts', import.meta.url),
      { kind: LINKING_THREAD },
      'linking list rows',
    );
    return thread ? new LinkingThread(thread) : null;
  }

  /** A number for the next call's batches. */
  nextCall(): number {
    return ++this.calls;
  }

  ask(request: BatchRequest): Promise<BatchAnswer> {
    return this.thread.ask(request);
  }

  close(): Promise<void> {
    return this.thread.close();
  }
}

/** What linking calls take besides their rows: how many candidates to keep, and a thread to share. */
export interface LinkingOptions {
  limit?: number;
  /**
   * The run's second thread (LinkingThread.start), which the call uses and leaves open; without
   * it, a call longer than a batch starts one of its own and closes it at its end.
   */
  thread?: LinkingThread | null;
}

/**
 * Finds each record of a batch its candidates and compares them with it; every record's compared
 * candidates (all of them, unweighed), in the batch's order.
 */
export async function compareBatch(
  storage: Storage,
  { records: batch, persons }: BatchRequest,
  state: BatchState,
): Promise<BatchAnswer> {
  const { counts, people } = state;
  await addNearSpellings(
    storage,
    batch.map((r) => r.record),
  );
  const blocked = new Map<number, number[]>();
  const asked: BlockMemo = new Map();
  for (const r of batch)
    blocked.set(
      r.id,
      (await block(storage, r.record, asked)).filter((id) => id !== r.exclude),
    );
  const wanted = recordsToRead(people, [...blocked.values()].flat(), KEPT_RECORDS);
  for (const [id, record] of await loadPersonRecords(storage.db, wanted)) people.set(id, record);
  const out: BatchAnswer = [];
  for (const r of batch) {
    await countWords(storage, r.record, counts);
    const compared: ComparedCandidate[] = [];
    // The row's names compared once with each distinct name among its candidates.
    const scorer = new NameScorer(r.record.terms);
    const own = r.exclude === undefined ? 1 : 2;
    for (const id of blocked.get(r.id) ?? []) {
      const person = people.get(id);
      if (!person) continue;
      const comparison = compare(r.record, person, scorer);
      compared.push({ personId: id, comparison, frequencies: frequencies(comparison, counts, persons, own) });
    }
    out.push([r.id, compared]);
  }
  return out;
}

/**
 * Finds each record's candidates and compares them with it, batch by batch; `each` is given every
 * record's compared candidates (all of them, unweighed), in the records' order. A run of more
 * than one batch shares its batches with a thread of its own (linkage.worker.ts, reading on a
 * connection of its own), each side taking the next batch as it is done, so that both cores
 * compare; the results are the same either way.
 */
async function compareRecords(
  storage: Storage,
  records: RecordToLink[],
  persons: number,
  each: (id: number, compared: ComparedCandidate[]) => void,
  given?: LinkingThread | null,
): Promise<void> {
  const state = newBatchState();
  // Two threads share a run longer than a batch, in quarters of a batch, so that neither waits
  // long for the other at its end (or while the other thread starts).
  const shared = records.length > BATCH;
  const size = shared ? SHARED_BATCH : BATCH;
  const batches: RecordToLink[][] = [];
  for (let i = 0; i < records.length; i += size) batches.push(records.slice(i, i + size));
  const own = shared && !given ? LinkingThread.start(storage) : null;
  const thread = shared ? (given ?? own) : null;
  const call = thread?.nextCall() ?? 0;
  // Each side takes the next batch when it is done with its last; results are handed on in the
  // batches' order as soon as every batch before them is done.
  const done: (BatchAnswer | undefined)[] = [];
  let handed = 0;
  let taken = 0;
  const handOn = () => {
    for (; handed < batches.length && done[handed]; handed++) {
      for (const [id, compared] of done[handed]!) each(id, compared);
      done[handed] = undefined;
    }
  };
  const side = async (run: (batch: RecordToLink[]) => Promise<BatchAnswer>) => {
    while (taken < batches.length) {
      const i = taken++;
      done[i] = await run(batches[i]!);
      handOn();
      // This side's work hardly waits on anything: the other's answers are read only when it yields.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  // The other thread is asked for two batches at a time: its answer waits until this thread
  // yields, and it should not wait with it.
  const otherSide = async (other: LinkingThread) => {
    const ask = () => {
      if (taken >= batches.length) return null;
      const i = taken++;
      const answered = other.ask({ records: batches[i]!, persons, call }).then((answer) => {
        done[i] = answer;
        handOn();
      });
      // Marked as handled: the second is awaited after the first, which may fail first.
      answered.catch(() => {});
      return answered;
    };
    let first = ask();
    let second = ask();
    while (first) {
      await first;
      first = second;
      second = ask();
    }
  };
  try {
    const there = thread ? otherSide(thread) : null;
    // Marked as handled: it is awaited after this side's batches, which may fail first.
    there?.catch(() => {});
    await side((records) => compareBatch(storage, { records, persons, call }, state));
    await there;
  } finally {
    await own?.close();
  }
}

/** A row's candidates weighed by the model, each against the others; best first, `limit` of them. */
function weigh(model: LinkModel, compared: readonly ComparedCandidate[], limit: number): LinkCandidate[] {
  const prior = { persons: model.persons, inArchive: model.inArchive };
  const weighed = compared.map((c): LinkCandidate => {
    const { weight, parts } = matchWeight(model.params, c.comparison, c.frequencies, prior);
    return {
      personId: c.personId,
      weight,
      probability: probabilityOf(weight),
      evidence: parts.map((p) => ({ comparison: p.comparison, level: p.level, weight: p.weight, detail: p.detail })),
    };
  });
  return againstOthers(weighed)
    .sort((a, b) => b.weight - a.weight || a.personId - b.personId)
    .slice(0, limit);
}

/** Compares records with their candidates and weighs each pair; best first, `limit` each. */
async function rank(
  storage: Storage,
  records: RecordToLink[],
  limit: number,
  model?: LinkModel,
  thread?: LinkingThread | null,
): Promise<Map<number, LinkCandidate[]>> {
  const fittedModel = model ?? (await modelFor(storage));
  const out = new Map<number, LinkCandidate[]>();
  await compareRecords(
    storage,
    records,
    fittedModel.persons,
    (id, compared) => out.set(id, weigh(fittedModel, compared, limit)),
    thread,
  );
  return out;
}

/** Rows of a list the model is fitted to (its first), and the fewest it is worth fitting to. */
export const FIT_ROWS = 1_000;
const FEWEST_FIT_ROWS = 50;
/** Candidates of a row the list's fit weighs: the best, as the archive's model weighs them. */
const FIT_CANDIDATES = 30;

/** How the model was fitted to a list's rows, for the run's report. */
export interface ListFit {
  rows: number;
  iterations: number;
  /** The share of the rows taken to name someone in the archive, before the fit. */
  inArchiveBefore: number;
}

/** A list's first rows linked with the model fitted to them. */
export interface FittedRows {
  /** The model to weigh the list's other rows with. */
  model: LinkModel;
  /** How it was fitted; absent when the rows were too few to learn from (the model is as given). */
  fit?: ListFit;
  /** The rows' candidates weighed by that model, best first, `limit` each. */
  candidates: Map<number, LinkCandidate[]>;
}

/**
 * Fits the model to a list's own first rows (the caller gives up to FIT_ROWS of them) and links
 * those rows with it: m of the name comparisons and the share of rows naming someone in the
 * archive, by expectation–maximisation (model.ts, estimateFromRows) from the archive's model. A
 * list of Soviet file forms writes names otherwise than the archive's own second names do, and a
 * list of the archive's victims names someone in it more often than half the time. Fewer rows
 * than FEWEST_FIT_ROWS leave the model as it is. The rows are compared once, for the fit and for
 * their links.
 */
export async function fitToRows(
  storage: Storage,
  rows: RowForLinkage[],
  model?: LinkModel,
  options: LinkingOptions = {},
): Promise<FittedRows> {
  const base = model ?? (await modelFor(storage));
  const limit = options.limit ?? 5;
  const compared = new Map<number, ComparedCandidate[]>();
  const records = rows.map((r) => ({ id: r.id, record: rowRecord(r.cells, r.roles) }));
  await compareRecords(storage, records, base.persons, (id, found) => compared.set(id, found), options.thread);
  const weighAll = (m: LinkModel) => new Map([...compared].map(([id, found]) => [id, weigh(m, found, limit)]));
  if (rows.length < FEWEST_FIT_ROWS) return { model: base, candidates: weighAll(base) };
  // The candidates that count for the fit: those the archive's model weighs best (the rest add
  // next to nothing to a row's odds).
  const prior = { persons: base.persons, inArchive: base.inArchive };
  const best = [...compared.values()].map((found) =>
    found
      .map((c) => ({ c, w: matchWeight(base.params, c.comparison, c.frequencies, prior).weight }))
      .sort((a, b) => b.w - a.w)
      .slice(0, FIT_CANDIDATES)
      .map((b) => b.c),
  );
  const { params, inArchive, iterations } = estimateFromRows(best, base.params, prior);
  const fitted = { params, persons: base.persons, inArchive };
  return {
    model: fitted,
    fit: { rows: rows.length, iterations, inArchiveBefore: base.inArchive },
    candidates: weighAll(fitted),
  };
}

/** Other candidates weighing less than this below the best do not count as rivals in the evidence. */
const RIVAL_FLOOR = -20;

/**
 * A row names at most one person: each candidate's odds are its own against those of every other
 * candidate the row fits (the odds that the row names no one being 1 : 2^weight). One more bar of
 * evidence says so; two namesakes born in the same year each keep about half their odds.
 */
function againstOthers(candidates: LinkCandidate[]): LinkCandidate[] {
  const odds = candidates.map((c) => 2 ** c.weight);
  const total = odds.reduce((s, o) => s + o, 0);
  return candidates.map((c, i) => {
    const others = total - (odds[i] as number);
    const rivals = candidates.filter((o, j) => j !== i && o.weight - c.weight > RIVAL_FLOOR).length;
    const penalty = -Math.log2(1 + others);
    if (rivals === 0 || penalty > -0.01) return c;
    const weight = c.weight + penalty;
    return {
      ...c,
      weight,
      probability: probabilityOf(weight),
      evidence: [...c.evidence, { comparison: 'others', level: 'others', weight: penalty, detail: String(rivals) }],
    };
  });
}

/** Candidates for each row, best first; `weight` is the Fellegi–Sunter match weight (log2). */
export async function candidatesForRows(
  storage: Storage,
  rows: RowForLinkage[],
  options: LinkingOptions & { model?: LinkModel } = {},
): Promise<Map<number, LinkCandidate[]>> {
  const records = rows.map((r) => ({ id: r.id, record: rowRecord(r.cells, r.roles) }));
  return rank(storage, records, options.limit ?? 5, options.model, options.thread);
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
