import type { Db } from '../db/connection.ts';
import { type FieldProblem, InvalidRecordError } from '../errors.ts';
import type { Doc, Json } from '../revisions/document-diff.ts';
import type { RecordType } from '../revisions/revision.ts';
import {
  listListRowRefs,
  listOrganizationRefs,
  listPersonRefs,
  listPlaceRefs,
  listSourceRefs,
  type ReferencedRow,
} from './reference.repository.ts';

/*
 * The other records a document names by number: a citation's source and list row, an event's
 * place, organization and participants, a relation's person, a place's parent … Saving checks
 * that each exists (and was not removed), and forms show each one's name beside its number.
 */

export type RefTarget = 'person' | 'place' | 'organization' | 'source' | 'listRow';

export interface Reference {
  /** Where in the document: `names.0.citations.1.source`. */
  path: string;
  target: RefTarget;
  id: number;
  /** For a list row: the source its citation names, which the row must belong to. */
  source?: number;
}

/** Which key names which kind of record, wherever it appears in a document. */
const KEYS: Record<string, RefTarget> = {
  source: 'source',
  listRow: 'listRow',
  place: 'place',
  organization: 'organization',
  relatedPerson: 'person',
  person: 'person',
};

/** A record number as a document holds it, or as a form field gives it. */
function asId(v: Json | undefined): number | null {
  if (typeof v === 'number') return Number.isSafeInteger(v) && v > 0 ? v : null;
  if (typeof v === 'string' && /^\s*[1-9]\d{0,14}\s*$/.test(v)) return Number(v);
  return null;
}

/** The records a document (or a form's values) of the given type refers to, each with its path. */
export function collectReferences(type: RecordType, doc: Doc): Reference[] {
  const out: Reference[] = [];
  const walk = (value: Json | undefined, path: string[]) => {
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) walk(v, [...path, String(i)]);
      return;
    }
    if (typeof value !== 'object' || value === null) return;
    for (const [key, v] of Object.entries(value)) {
      // A top-level parent is a record of the document's own kind; `details` are free values.
      const target = path.length === 0 && key === 'parent' ? (type as RefTarget) : KEYS[key];
      if (key === 'details') continue;
      const id = asId(v);
      if (target && id !== null) {
        const ref: Reference = { path: [...path, key].join('.'), target, id };
        const source = asId(value.source);
        if (target === 'listRow' && source !== null) ref.source = source;
        out.push(ref);
      } else {
        walk(v, [...path, key]);
      }
    }
  };
  walk(doc, []);
  return out;
}

/** The referenced rows by target and id. */
export type ReferenceRows = Map<string, ReferencedRow>;

export const refKey = (target: RefTarget, id: number) => `${target}:${id}`;

/** Reads every referenced record once: its state and its name in the reader's language. */
export async function loadReferences(db: Db, refs: readonly Reference[], lang = 'en'): Promise<ReferenceRows> {
  const ids = (target: RefTarget) => [...new Set(refs.filter((r) => r.target === target).map((r) => r.id))];
  const rows = await Promise.all([
    listPersonRefs(db, ids('person')).then((r) => r.map((x) => ['person', x] as const)),
    listPlaceRefs(db, ids('place'), lang).then((r) => r.map((x) => ['place', x] as const)),
    listOrganizationRefs(db, ids('organization'), lang).then((r) => r.map((x) => ['organization', x] as const)),
    listSourceRefs(db, ids('source')).then((r) => r.map((x) => ['source', x] as const)),
    listListRowRefs(db, ids('listRow')).then((r) => r.map((x) => ['listRow', x] as const)),
  ]);
  return new Map(rows.flat().map(([target, row]) => [refKey(target, row.id), row]));
}

const NAMES: Record<RefTarget, string> = {
  person: 'person',
  place: 'place',
  organization: 'organization',
  source: 'source',
  listRow: 'list row',
};

/**
 * Refuses a document naming a record that does not exist, was removed or merged, or a list row of
 * another source than its citation's; and a record naming itself where that makes no sense.
 */
export async function checkReferences(db: Db, type: RecordType, doc: Doc, selfId?: number): Promise<void> {
  const refs = collectReferences(type, doc);
  if (refs.length === 0) return;
  const found = await loadReferences(db, refs);
  const problems: FieldProblem[] = [];
  for (const ref of refs) {
    const row = found.get(refKey(ref.target, ref.id));
    const what = NAMES[ref.target];
    if (!row) problems.push({ path: ref.path, message: `there is no ${what} with the number ${ref.id}` });
    else if (row.status === 'removed') problems.push({ path: ref.path, message: `${what} ${ref.id} was removed` });
    else if (row.status === 'merged')
      problems.push({ path: ref.path, message: `${what} ${ref.id} was merged into ${row.extra}; use that number` });
    else if (ref.target === 'listRow' && ref.source !== undefined && row.extra !== ref.source)
      problems.push({ path: ref.path, message: `list row ${ref.id} belongs to another source than ${ref.source}` });
    else if (type === 'person' && ref.target === 'person' && ref.id === selfId && ref.path.startsWith('relationships'))
      problems.push({ path: ref.path, message: 'a person cannot be related to themselves' });
  }
  if (problems.length > 0) throw new InvalidRecordError(problems);
}
