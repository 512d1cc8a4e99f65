import { levelRank, type MatchExplanation, type MatchLevel } from '../../names/name-match.ts';
import type { IndexHit } from '../index/search-index.ts';

/*
 * Ranking without scoring every match. The index gives a search's matches in tiers, each best
 * documented first: persons meeting every query word exactly, then up to a variant spelling, a
 * transliteration, a sound-alike, a near spelling. A person first found in a tier has a word met
 * no better than the tier's level, so its score stays under the tier's ceiling plus what its prior
 * adds, and its prior is at most that of the tier's next unread hit. A tier is read only while
 * that bound could still beat the page's last result (Fagin's threshold algorithm), so the page
 * is the one scoring every match would give, while a name with thousands of namesakes is ranked
 * from a few dozen candidates.
 */

/**
 * What the best documented record adds to its name's score, reached at PRIOR_CAP: enough to lift
 * it one step of agreement on the surname above bare namesakes (a transliteration above exact
 * spellings), never two (a sound-alike stays below them; weights in src/names/name-match.ts).
 */
const PRIOR_MAX = 2.5;
const PRIOR_CAP = 270;
/**
 * Up to this prior (three sources with a few events and names: an ordinary record) documentation
 * adds nothing: a source or two more does not make a better match, and between equal scores the
 * better documented comes first anyway (compareRanked). Counted from zero, it let a generated
 * namesake with three sources outrank the person whose own name the query spells, where the
 * namesake had that spelling only as a clerk's variant (Вайзер for Franz Weiser, among Wiesers
 * written Weiser once). A biography (200) lifts a record about one step.
 */
const PRIOR_FLOOR = 70;

/** What how well documented a person is (the index's prior) adds to a name's score. */
export function priorBonus(prior: number): number {
  const above = Math.min(prior, PRIOR_CAP) - PRIOR_FLOOR;
  return above > 0 ? (PRIOR_MAX * above) / (PRIOR_CAP - PRIOR_FLOOR) : 0;
}

/** A scored match. */
export interface Ranked {
  id: number;
  /** Its document id: the index's order, best documented first. */
  doc: number;
  /** The best name's score with what the prior adds; 0 when no stored name meets the query after all. */
  score: number;
  /** The weakest level of the best name's words, or null without a match. */
  level: MatchLevel | null;
  explanation: MatchExplanation | null;
}

/** The ranked order: the higher score, then the closer match, then the better documented. */
export function compareRanked(
  a: Pick<Ranked, 'score' | 'level' | 'doc'>,
  b: Pick<Ranked, 'score' | 'level' | 'doc'>,
): number {
  const strength = (r: Pick<Ranked, 'level'>) => (r.level === null ? 9 : levelRank(r.level));
  return b.score - a.score || strength(a) - strength(b) || a.doc - b.doc;
}

/** One tier of a search's matches, read best documented first. */
export interface Tier {
  /** The weakest word of a person first found in this tier meets the query at this level at best. */
  level: MatchLevel;
  /** The highest score such a person's names can reach, before its prior (scoreCeiling). */
  ceiling: number;
  /** The hits already read (by the counting queries), and whether they are all the tier has. */
  head: IndexHit[];
  complete: boolean;
  /** Reads up to `limit` more hits after the document `after` (-1: from the start). */
  more(after: number, limit: number): Promise<IndexHit[]>;
  /** Hits of this tier scored at most: past them, its matches are left unranked. */
  cap: number;
}

/** Scores hits (reading what it needs of them); a hit whose names do not match scores 0. */
export type Scorer = (hits: IndexHit[]) => Promise<Ranked[]>;

/** Hits of a tier read from the index at first; each further read is twice as large. */
const FIRST_READ = 20;

/**
 * The best `need` matches of the tiers, in ranked order: every match a tier could still place
 * among them is scored, and no other, up to each tier's cap and `budget` matches in all. The caps
 * bound what the threshold cannot: a name whose words the index finds in different names of the
 * same persons (Kalle as a used name, Shmidt as written in a list) matches thousands whose scores
 * stay under the tier's ceiling, and past the caps those are ranked among the best documented.
 */
export async function rankTiers(
  tiers: readonly Tier[],
  need: number,
  score: Scorer,
  budget: number,
): Promise<Ranked[]> {
  const seen = new Set<number>();
  let scored = 0;
  let best: Ranked[] = [];
  for (const tier of tiers) {
    const { ceiling } = tier;
    let hits = tier.head;
    let complete = tier.complete;
    let pos = 0;
    let taken = 0;
    let reads = Math.max(need, FIRST_READ);
    let lastRead: IndexHit | null = null;
    // The best a hit of the tier could score (or one after the last read, when none is given).
    const bound = (hit: IndexHit | null) => ({
      score: ceiling + priorBonus(hit?.prior ?? lastRead?.prior ?? Number.POSITIVE_INFINITY),
      level: tier.level,
      doc: hit?.doc ?? (lastRead ? lastRead.doc + 1 : -1),
    });
    // How many results of the page such a hit could displace (all it lacks, and those it beats).
    const displaces = (hit: IndexHit | null): number => {
      const b = bound(hit);
      let n = need - best.length;
      for (let i = best.length - 1; i >= 0 && compareRanked(b, best[i] as Ranked) < 0; i--) n++;
      return n;
    };
    while (taken < tier.cap && scored < budget) {
      if (pos >= hits.length) {
        if (complete || displaces(null) === 0) break;
        hits = await tier.more(lastRead?.doc ?? -1, reads);
        complete = hits.length < reads;
        pos = 0;
        reads *= 2;
        if (hits.length === 0) break;
      }
      // Score as many hits as could displace results, hits coming best documented first.
      const wanted = displaces(hits[pos] as IndexHit);
      if (wanted === 0) break;
      const fresh: IndexHit[] = [];
      while (pos < hits.length && fresh.length < Math.min(wanted, tier.cap - taken, budget - scored)) {
        const hit = hits[pos++] as IndexHit;
        lastRead = hit;
        if (!seen.has(hit.id)) {
          seen.add(hit.id);
          fresh.push(hit);
        }
      }
      if (fresh.length > 0) {
        taken += fresh.length;
        scored += fresh.length;
        best = [...best, ...(await score(fresh)).filter((r) => r.level !== null)].sort(compareRanked).slice(0, need);
      }
    }
  }
  return best;
}
