import { z } from 'zod';
import type { Db } from '../db/connection.ts';
import { syncRows } from '../db/sync-rows.ts';
import { InvalidRecordError } from '../errors.ts';
import {
  edtfDate,
  languageTag,
  line,
  MAX_PROSE,
  prose,
  recordId,
  requiredLine,
  statementId,
  status,
} from '../statements/document-fields.ts';
import { LIST_COLUMN_ROLES } from './list-row.ts';
import {
  deleteDocumentTexts,
  findSourceRow,
  insertDocumentText,
  listDocumentTexts,
  updateDocumentText,
  updateSourceRow,
} from './source.repository.ts';
import { documentTextValues, sourceValues } from './source.rows.ts';
import { SOURCE_KINDS } from './source.ts';

/**
 * A source's document: how it is cited (bibliographic and archival fields), a list's columns and
 * a document's texts. A list's rows are records of their own, transcribed as written.
 */
export const sourceDocument = z.object({
  kind: z.enum(SOURCE_KINDS),
  title: requiredLine,
  authors: line,
  container: line,
  publisher: line,
  publicationPlace: line,
  date: edtfDate,
  url: z.preprocess((v) => (v === '' ? null : v), z.url('a web address').max(2000).nullable().default(null)),
  accessed: edtfDate,
  language: languageTag,
  archive: line,
  fond: line,
  opis: line,
  delo: line,
  folios: line,
  parent: recordId,
  status: status.default('draft'),
  /** About the source as a whole: its provenance, how reliable it is; may run to paragraphs. */
  note: prose,
  columns: z
    .array(
      z.object({
        key: z
          .string()
          .trim()
          .regex(/^[a-z0-9_]{1,40}$/, 'lower-case letters, digits and _'),
        label: requiredLine,
        /** What the column holds, for linking rows to persons; absent: kept only as written. */
        role: z.preprocess((v) => (v === '' ? null : v), z.enum(LIST_COLUMN_ROLES).nullable().optional()),
      }),
    )
    .max(60)
    .refine((cs) => new Set(cs.map((c) => c.key)).size === cs.length, 'each column needs a key of its own')
    .refine(
      (cs) => {
        const roles = cs.flatMap((c) => (c.role && c.role !== 'remark' ? [c.role] : []));
        return new Set(roles).size === roles.length;
      },
      { message: 'a role may be given to one column only (remarks excepted)' },
    )
    .default([]),
  /** EDTF date a list gives as the state of its knowledge ("Stand: 1.7.1940"). */
  asOf: edtfDate,
  texts: z
    .array(
      z.object({
        id: statementId,
        kind: z.enum(['transcription', 'translation']),
        lang: z
          .string()
          .trim()
          .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'a language tag such as de or ru'),
        text: z
          .string()
          .trim()
          .min(1, 'required')
          .max(MAX_PROSE * 10, `at most ${MAX_PROSE * 10} characters`),
        note: line,
      }),
    )
    .max(20)
    .default([]),
});
export type SourceDocument = z.output<typeof sourceDocument>;

export async function loadSourceDocument(db: Db, id: number): Promise<SourceDocument | null> {
  const s = await findSourceRow(db, id);
  if (!s) return null;
  const texts = await listDocumentTexts(db, id);
  return {
    kind: s.kind as SourceDocument['kind'],
    title: s.title,
    authors: s.authors,
    container: s.container_title,
    publisher: s.publisher,
    publicationPlace: s.publication_place,
    date: s.date_edtf,
    url: s.url,
    accessed: s.accessed,
    language: s.language,
    archive: s.archive,
    fond: s.fond,
    opis: s.opis,
    delo: s.delo,
    folios: s.folios,
    parent: s.parent_id,
    status: s.status === 'published' ? 'published' : 'draft',
    note: s.note,
    columns: s.columns ? (JSON.parse(s.columns) as SourceDocument['columns']) : [],
    asOf: s.as_of,
    texts: texts.map((t) => ({
      id: t.id,
      kind: t.kind as 'transcription' | 'translation',
      lang: t.lang,
      text: t.text,
      note: t.note,
    })),
  };
}

export async function applySourceDocument(db: Db, id: number, doc: SourceDocument): Promise<void> {
  for (let at = doc.parent ?? null, steps = 0; at !== null && steps < 100; steps++) {
    if (at === id) throw new InvalidRecordError([{ path: 'parent', message: 'a source cannot be part of itself' }]);
    at = (await findSourceRow(db, at))?.parent_id ?? null;
  }
  const before = await loadSourceDocument(db, id);
  if (!before) throw new Error(`no source ${id}`);
  await updateSourceRow(db, id, {
    ...sourceValues({
      kind: doc.kind,
      title: doc.title,
      authors: doc.authors ?? null,
      container: doc.container ?? null,
      publisher: doc.publisher ?? null,
      publicationPlace: doc.publicationPlace ?? null,
      date: doc.date ?? null,
      url: doc.url,
      accessed: doc.accessed ?? null,
      language: doc.language ?? null,
      archive: doc.archive ?? null,
      fond: doc.fond ?? null,
      opis: doc.opis ?? null,
      delo: doc.delo ?? null,
      folios: doc.folios ?? null,
      columns: doc.columns.length > 0 ? doc.columns.map((c) => (c.role ? c : { key: c.key, label: c.label })) : null,
      asOf: doc.asOf ?? null,
      parentId: doc.parent ?? null,
      note: doc.note ?? null,
    }),
    key: undefined,
    status: doc.status,
  });
  const values = (t: SourceDocument['texts'][number]) =>
    documentTextValues(id, { kind: t.kind, lang: t.lang, text: t.text, note: t.note ?? null });
  await syncRows(
    before.texts.map((t) => t.id as number),
    doc.texts,
    {
      insert: (t) => insertDocumentText(db, values(t)),
      update: (tid, t) => updateDocumentText(db, tid, values(t)),
      remove: (ids) => deleteDocumentTexts(db, ids),
    },
  );
}
