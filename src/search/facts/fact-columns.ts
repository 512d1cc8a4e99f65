import type { Db } from '../../db/connection.ts';
import { archiveVersion } from '../../db/engine.ts';
import { factsGeneration, listFactsAfter } from './fact.repository.ts';
import { FACTS, type FactName } from './person-facts.ts';

/*
 * The facts of every indexed person, kept in memory by each server process as one column of small
 * codes per fact, so that the facts of any set of persons (a search's matches, however many) are
 * counted by stepping through arrays instead of reading rows. At 5 million persons that is about
 * 17 bytes a person.
 *
 * The columns follow the table: each write gives its rows a higher sequence number, so when the
 * archive's version changes a process reads only the rows written since it last looked, and a
 * person who left the index comes as a row marked absent. Emptying the table (a rebuild) gives
 * the facts a new generation, which makes a process read them all again.
 */

/** Rows read per query while catching up. */
const PAGE = 50_000;

/** One fact's values, coded: 0 is "none", n the nth distinct value seen. */
class Column {
  codes: Uint8Array | Uint16Array | Uint32Array = new Uint8Array(0);
  readonly values: (string | null)[] = [null];
  private readonly index = new Map<string, number>();

  code(value: string | null): number {
    if (value === null) return 0;
    let code = this.index.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.index.set(value, code);
      if (code === 256 && this.codes instanceof Uint8Array) this.codes = Uint16Array.from(this.codes);
      if (code === 65_536 && this.codes instanceof Uint16Array) this.codes = Uint32Array.from(this.codes);
    }
    return code;
  }

  grow(size: number): void {
    if (this.codes.length >= size) return;
    const next = new (this.codes.constructor as Uint32ArrayConstructor)(size);
    next.set(this.codes);
    this.codes = next;
  }
}

/** The persons a count covers: everyone indexed, those in a bitset, or those listed. */
export type PersonSet =
  | { kind: 'all' }
  /** Person p is in when bit p of the words from `offset` on is set. */
  | { kind: 'bits'; words: Int32Array; offset: number }
  | { kind: 'ids'; ids: ArrayLike<number> };

/** How many of a set's persons have each value of each fact asked for, and how many persons it holds. */
export interface FactTally {
  persons: number;
  counts: Map<FactName, Map<string, number>>;
}

export class FactColumns {
  private present = new Uint8Array(0);
  private readonly columns = new Map<FactName, Column>(FACTS.map((f) => [f, new Column()]));
  private after = { seq: 0, person: 0 };
  private version: string | null | undefined;
  private generation: string | null | undefined;
  private size = 0;
  private reading: Promise<void> | null = null;

  /** Reads what was written since the last look, when the archive has changed since; one read at a time. */
  async catchUp(db: Db): Promise<void> {
    while (this.reading) await this.reading;
    this.reading = this.read(db).finally(() => {
      this.reading = null;
    });
    await this.reading;
  }

  private async read(db: Db): Promise<void> {
    const version = await archiveVersion(db);
    if (version === this.version && this.version !== undefined) return;
    const generation = await factsGeneration(db);
    if (generation !== this.generation) this.reset();
    for (;;) {
      const rows = await listFactsAfter(db, this.after, PAGE);
      for (const row of rows) {
        const p = row.person_id;
        this.ensure(p + 1);
        this.present[p] = row.present;
        for (const fact of FACTS) {
          const column = this.columns.get(fact) as Column;
          column.codes[p] = column.code(row[fact]);
        }
      }
      const last = rows.at(-1);
      if (last) this.after = { seq: Number(last.seq), person: last.person_id };
      if (rows.length < PAGE) break;
    }
    this.version = version;
    this.generation = generation;
  }

  private reset(): void {
    this.present = new Uint8Array(0);
    for (const f of FACTS) this.columns.set(f, new Column());
    this.after = { seq: 0, person: 0 };
    this.size = 0;
  }

  private ensure(size: number): void {
    if (size <= this.size) return;
    const next = Math.max(size, Math.ceil(this.size * 1.5), 1024);
    const present = new Uint8Array(next);
    present.set(this.present);
    this.present = present;
    for (const column of this.columns.values()) column.grow(next);
    this.size = next;
  }

  /** Room for the ids personsOf gathers, kept between counts (a count runs to its end without yielding). */
  private scratch = new Int32Array(0);

  /** The persons of a set that are indexed, as ids (a view of the scratch array, valid until the next call). */
  private personsOf(set: PersonSet): Int32Array {
    const present = this.present;
    if (this.scratch.length < this.size) this.scratch = new Int32Array(this.size);
    const out = this.scratch;
    let n = 0;
    if (set.kind === 'all') {
      for (let p = 0; p < present.length; p++) if (present[p] === 1) out[n++] = p;
    } else if (set.kind === 'ids') {
      for (let i = 0; i < set.ids.length; i++) {
        const p = set.ids[i] as number;
        if (present[p] === 1) out[n++] = p;
      }
    } else {
      const { words, offset } = set;
      const last = Math.min(words.length, offset + Math.ceil(present.length / 32));
      for (let w = offset; w < last; w++) {
        let word = words[w] as number;
        while (word !== 0) {
          const p = (w - offset) * 32 + (31 - Math.clz32(word & -word));
          if (present[p] === 1) out[n++] = p;
          word &= word - 1;
        }
      }
    }
    return out.subarray(0, n);
  }

  /** Counts the values of the facts among the set's indexed persons. */
  tally(set: PersonSet, facts: readonly FactName[]): FactTally {
    const persons = this.personsOf(set);
    const counts = new Map<FactName, Map<string, number>>();
    for (const fact of facts) {
      const column = this.columns.get(fact) as Column;
      const codes = column.codes;
      const hist = new Float64Array(column.values.length);
      for (let i = 0; i < persons.length; i++) {
        const c = codes[persons[i] as number] as number;
        hist[c] = (hist[c] as number) + 1;
      }
      const values = new Map<string, number>();
      for (let c = 1; c < hist.length; c++) {
        if ((hist[c] as number) > 0) values.set(column.values[c] as string, hist[c] as number);
      }
      counts.set(fact, values);
    }
    return { persons: persons.length, counts };
  }
}

const kept = new WeakMap<Db, FactColumns>();

/** The process's facts of the archive behind `db`, brought up to date. */
export async function factColumns(db: Db): Promise<FactColumns> {
  let columns = kept.get(db);
  if (!columns) {
    columns = new FactColumns();
    kept.set(db, columns);
  }
  await columns.catchUp(db);
  return columns;
}
