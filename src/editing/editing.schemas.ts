import { z } from 'zod';
import { CHANGE_SET_KINDS, RECORD_TYPES, REVISION_ACTIONS } from '../revisions/revision.ts';

/*
 * The write API's requests and answers (src/editing/editing-api.routes.ts) as zod schemas; the OpenAPI
 * document is generated from them (editing.operations.ts).
 */

const blank = (v: unknown) => (v === '' ? undefined : v);

export const MAX_REASON = 500;

export const reason = z
  .string()
  .max(MAX_REASON, `at most ${MAX_REASON} characters`)
  .describe('Why the change was made; kept with the revision.');

export const writeQuery = z.object({ reason: reason.optional() });

export const deleteQuery = z.object({
  reason: reason.optional().describe('Why the record is removed (required here or in the body).'),
});

export const deleteBody = z.object({ reason: reason.optional() });

const documentValue = z
  .record(z.string(), z.unknown())
  .describe('The record’s whole document, as the write API takes it and each revision keeps it.');

export const savedResponse = z.object({
  id: z.number().int(),
  type: z.enum(RECORD_TYPES),
  revision: z.number().int().describe('The revision the record is at now; also the ETag, as "r<revision>".'),
  changed: z.boolean().describe('False when the document was already what the record held: nothing was written.'),
  url: z.url().describe('The record’s permanent address.'),
  document: documentValue,
});

export const removedResponse = z.object({
  id: z.number().int(),
  type: z.enum(RECORD_TYPES),
  revision: z.number().int(),
  removed: z.literal(true),
});

export const documentResponse = z.object({
  id: z.number().int(),
  type: z.enum(RECORD_TYPES),
  revision: z.number().int().describe('0 for a record that has no history yet.'),
  state: z.enum(['published', 'draft', 'removed']),
  document: documentValue,
});

export const historyQuery = z.object({
  limit: z
    .preprocess(blank, z.coerce.number().int('a whole number').min(1, 'at least 1').max(200, 'at most 200').default(50))
    .describe('Revisions per page, 1–200.'),
  before: z
    .preprocess(blank, z.coerce.number().int('a whole number').positive('a revision number').optional())
    .describe('Only revisions older than this one: the `next` of the previous page.'),
});

export const fieldChange = z.object({
  path: z.string().describe('The field: `names[#12].surname` (statements by their id), `sex`, `roles`.'),
  before: z.unknown().describe('Absent where the field or statement did not exist.'),
  after: z.unknown(),
});

export const historyResponse = z.object({
  id: z.number().int(),
  type: z.enum(RECORD_TYPES),
  revisions: z.array(
    z.object({
      revision: z.number().int(),
      action: z.enum(REVISION_ACTIONS),
      at: z.string().describe('UTC, YYYY-MM-DD HH:MM:SS.'),
      user: z.object({ id: z.number().int(), name: z.string() }).nullable().describe('Null for the system.'),
      reason: z.string().nullable(),
      changeSet: z.object({
        id: z.number().int(),
        kind: z.enum(CHANGE_SET_KINDS),
        revertedBy: z.number().int().nullable(),
      }),
      changes: z.array(fieldChange),
    }),
  ),
  next: z.number().int().nullable().describe('Pass as `before` for older revisions; null when there are none.'),
});

export const LOOKUP_TYPES = ['person', 'place', 'organization', 'source'] as const;

export const lookupQuery = z.object({
  type: z.enum(LOOKUP_TYPES).describe('The kind of record to look up.'),
  q: z.string().trim().min(1, 'required').max(100, 'at most 100 characters').describe('A name, title or number.'),
});

export const lookupResponse = z.object({
  results: z.array(
    z.object({
      id: z.number().int(),
      label: z.string(),
      status: z.enum(['published', 'draft']),
      detail: z.string().nullable().describe('A kind, dates or place that tells namesakes apart.'),
    }),
  ),
});
