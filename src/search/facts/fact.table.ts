/*
 * The facts maps and statistics count of each indexed person (migration 0040), derived from the
 * same records as the name index and written with it (fact-writer.ts).
 */

/** One row per person the index has held; the fact columns are text values (person-facts.ts). */
export interface PersonFactTable {
  person_id: number;
  /** Grows with every write: a process keeping the facts in memory reads the rows past the last it saw. */
  seq: number;
  /** 1 while the person is indexed; 0 once they left it (a draft again, merged, deleted). */
  present: number;
  fate: string | null;
  arrest_year: string | null;
  handover_month: string | null;
  origin: string | null;
  age_at_arrest: string | null;
  sentences: string | null;
  birth_place: string | null;
  arrest_place: string | null;
  custody_place: string | null;
  handover_place: string | null;
  death_place: string | null;
}

/** How many present persons have each value of each fact. */
export interface FactCountTable {
  fact: string;
  value: string;
  n: number;
}
