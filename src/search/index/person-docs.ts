import type { Db } from '../../db/connection.ts';
import { nameInput } from '../../names/name-keys.ts';
import { words } from '../../names/spelling/normalize.ts';
import { implicationsOf } from './key-implications.ts';
import { filterIndexable, listPlaceParents, loadSearchDocInputs } from './search-doc.repository.ts';
import { docId, type SearchDocInput, searchPrior, searchTokens } from './search-doc.ts';
import type { SearchDocument } from './search-index.ts';
import { lifeOf, packStoredDoc } from './stored-doc.ts';

/** What one batch of persons gives the name index, ready to be written (see writePreparedDocs). */
export interface PreparedDocs {
  /** The batch's persons that belong in the index (published, unmerged); the others leave it. */
  indexable: number[];
  /** Their documents, in document-id order: FTS5 appends a run of ascending ids cheaply. */
  docs: SearchDocument[];
  /** Folded name words this preparer had not met before: the typo vocabulary's new entries. */
  vocabulary: string[];
  /** The key implications of words it had not met before (key-implications.ts), token → tokens. */
  implications: [string, string[]][];
}

/** Words remembered as met before, at most: past it the memory starts again (only work is repeated). */
const SEEN_WORDS_LIMIT = 1_000_000;

/** The place and the places around it, innermost first, from each place's parent. */
function ancestorsOf(parents: Map<number, number | null>): (id: number) => number[] {
  const cache = new Map<number, number[]>();
  return (id) => {
    const hit = cache.get(id);
    if (hit) return hit;
    const chain: number[] = [];
    for (let p: number | null | undefined = id; p !== null && p !== undefined && chain.length < 20; p = parents.get(p))
      chain.push(p);
    cache.set(id, chain);
    return chain;
  };
}

/**
 * Makes the index documents of batches of persons. One preparer serves one run of batches (a
 * rebuild, a drain, one write) and remembers the words it met: a word's implications and its
 * place in the vocabulary are the same each time it occurs, so only words new to the run are
 * handed on. A batch whose documents were not written must therefore end the preparer's use.
 */
export class DocPreparer {
  private readonly seenKeys = new WeakSet<object>();
  private readonly seenWords = new Set<string>();
  /** Given names, surnames and unsplit names whose words were met. */
  private readonly seenParts = new Set<string>();

  private constructor(private readonly ancestors: (id: number) => number[]) {}

  /** A preparer that knows the archive's places as they are now. */
  static async open(db: Db): Promise<DocPreparer> {
    return new DocPreparer(ancestorsOf(await listPlaceParents(db)));
  }

  /** Reads the given persons (ascending ids, a run is cheapest) and makes their documents. */
  async prepare(db: Db, candidates: number[]): Promise<PreparedDocs> {
    const indexable = await filterIndexable(db, candidates);
    return this.make(indexable, await loadSearchDocInputs(db, indexable));
  }

  /** The documents of persons already read. */
  make(indexable: number[], inputs: SearchDocInput[]): PreparedDocs {
    const docs: SearchDocument[] = inputs.map((d) => ({
      personId: d.id,
      docId: docId(d.id, searchPrior(d)),
      tokens: searchTokens(d, this.ancestors).join(' '),
      stored: packStoredDoc({
        names: d.names,
        fate: d.fate,
        sex: d.sex,
        roles: d.roles,
        eventTypes: d.events.map((e) => e.type),
        life: lifeOf(d.events),
      }),
    }));
    docs.sort((a, b) => a.docId - b.docId);
    const names = inputs.flatMap((d) => d.names);
    const implied = implicationsOf(names.map(nameInput), this.seenKeys);
    return {
      indexable,
      docs,
      vocabulary: this.newWords(names),
      implications: [...implied].map(([token, set]) => [token, [...set]]),
    };
  }

  private newWords(names: SearchDocInput['names']): string[] {
    if (this.seenWords.size > SEEN_WORDS_LIMIT) this.seenWords.clear();
    if (this.seenParts.size > SEEN_WORDS_LIMIT) this.seenParts.clear();
    const out: string[] = [];
    for (const n of names) {
      for (const part of [n.given, n.surname, n.given || n.surname ? null : n.full_name]) {
        if (!part || this.seenParts.has(part)) continue;
        this.seenParts.add(part);
        for (const w of words(part)) {
          for (const t of w) {
            if (this.seenWords.has(t.folded)) continue;
            this.seenWords.add(t.folded);
            out.push(t.folded);
          }
        }
      }
    }
    return out;
  }
}
